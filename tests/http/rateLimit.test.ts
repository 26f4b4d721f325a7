import { randomUUID } from "node:crypto";

import { afterAll, describe, expect, it } from "vitest";

import { createKeys } from "../setup/keys.ts";
import { type GraphQLResponse, startTestServer, type TestServer } from "../setup/testServer.ts";

// Each test here needs servers with its own limits, started inside the test, so this file starts them itself
// instead of with useTestServer (one server per file or describe block).
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
const start = async (env: Record<string, string>) => {
  const server = await startTestServer(env);
  servers.push(server);
  return server;
};

const ask = (server: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ articles { totalCount } }" }),
  });

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a client IP uses its requests", async () => {
    const server = await start({ RATE_LIMIT_PER_IP: "3" });
    for (let i = 0; i < 3; i++) expect((await ask(server)).status).toBe(200);
    const refused = await ask(server);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as GraphQLResponse<unknown>["body"];
    expect(body.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED", limit: 3 });
    expect(body.errors![0]!.message).toContain("3 requests per minute");
    // Health checks are never limited.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("counts each API key apart from anonymous traffic", async () => {
    const server = await start({ RATE_LIMIT_PER_KEY: "2", RATE_LIMIT_PER_IP: "100" });
    const { reader } = await createKeys(server.db);
    const withKey = { authorization: `Bearer ${reader}` };
    expect((await ask(server, withKey)).status).toBe(200);
    expect((await ask(server, withKey)).status).toBe(200);
    expect((await ask(server, withKey)).status).toBe(429);
    expect((await ask(server)).status).toBe(200);
  });

  it("counts unknown or invalid keys against the client IP, and asks the database once per invalid key", async () => {
    const server = await start({ RATE_LIMIT_PER_IP: "6", RATE_LIMIT_PER_KEY: "100" });
    const { reader } = await createKeys(server.db);
    expect((await ask(server, { authorization: `Bearer ${reader}` })).status).toBe(200);
    expect((await ask(server)).status).toBe(200);
    const lookups: string[] = [];
    server.db.onStatement((sql) => /ApiKey/.test(sql) && lookups.push(sql));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await ask(server, { authorization: `Bearer cg_${randomUUID()}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    // Once the IP's bucket is empty, a new unknown token is refused before any lookup.
    expect(lookups.length).toBeLessThanOrEqual(6);
    // The same invalid token again is answered from memory.
    const again = await start({ RATE_LIMIT_PER_IP: "50" });
    const againLookups: string[] = [];
    again.db.onStatement((sql) => /ApiKey/.test(sql) && againLookups.push(sql));
    for (let i = 0; i < 10; i++) expect((await ask(again, { authorization: "Bearer cg_the-same-wrong-key" })).status).toBe(401);
    expect(againLookups).toHaveLength(1);
    // A key in use keeps its own bucket while its IP's is empty.
    expect((await ask(server)).status).toBe(429);
    expect((await ask(server, { authorization: `Bearer ${reader}` })).status).toBe(200);
  });

  it("counts each extraction alias as one more request per started 10,000 characters", async () => {
    const server = await start({ RATE_LIMIT_PER_IP: "10" });
    const text = "The minister said the port would reopen. ".repeat(600); // 24,600 characters: 3 each
    const query = `query ($t: String!) { a: extractClaims(text: $t) { index } b: extractClaims(text: $t) { index } c: extractClaims(text: $t) { index } }`;
    const first = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: { t: text } }),
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as GraphQLResponse<unknown>["body"]).errors).toBeUndefined();
    // 1 for the request and 3 × 3 for the aliases: the minute's 10 are gone.
    expect((await ask(server)).status).toBe(429);
  });

  it("reads client IPs from X-Forwarded-For only behind a trusted proxy", async () => {
    const untrusting = await start({ RATE_LIMIT_PER_IP: "2" });
    expect((await ask(untrusting, { "x-forwarded-for": "203.0.113.1" })).status).toBe(200);
    expect((await ask(untrusting, { "x-forwarded-for": "203.0.113.2" })).status).toBe(200);
    expect((await ask(untrusting, { "x-forwarded-for": "203.0.113.3" })).status).toBe(429); // one bucket: the socket's

    const trusting = await start({ RATE_LIMIT_PER_IP: "2", TRUST_PROXY: "loopback" });
    for (const client of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      expect((await ask(trusting, { "x-forwarded-for": client })).status).toBe(200);
    }
    expect((await ask(trusting, { "x-forwarded-for": "203.0.113.1" })).status).toBe(200);
    expect((await ask(trusting, { "x-forwarded-for": "203.0.113.1" })).status).toBe(429);
  });

  it("shares the counters between replicas through Redis (REDIS_URL)", async () => {
    const env = {
      RATE_LIMIT_PER_IP: "4",
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      RATE_LIMIT_PREFIX: `claimgraph-test:${randomUUID()}`,
    };
    const [a, b] = [await start(env), await start(env)];
    expect((await ask(a)).status).toBe(200);
    expect((await ask(b)).status).toBe(200);
    expect((await ask(a)).status).toBe(200);
    expect((await ask(b)).status).toBe(200);
    expect((await ask(a)).status).toBe(429);
    expect((await ask(b)).status).toBe(429);
  });
});
