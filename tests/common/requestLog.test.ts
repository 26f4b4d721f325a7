import { Writable } from "node:stream";

import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadConfig } from "../../src/config.ts";
import { createSchema } from "../../src/graphql/schema.ts";
import { createServer } from "../../src/http/server.ts";
import { createKeys } from "../setup/keys.ts";
import type { GraphQLResponse } from "../setup/testServer.ts";
import { useTestDb } from "../setup/use.ts";

// The request log: one line per request with its id, operation, duration and
// outcome, and never a key, a query text or variables. Production mode also
// stops "did you mean" suggestions.

const lines: Record<string, unknown>[] = [];
const handle = useTestDb();
let url: string;
let stop: () => Promise<void>;
let editor: string;

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: handle.url, NODE_ENV: "production" });
  const server = await createServer({ config, db: handle.db, schema: await createSchema(), logger: pino({ level: "info" }, sink) });
  url = `http://127.0.0.1:${await server.listen()}`;
  stop = () => server.stop();
  editor = (await createKeys(handle.db)).editor;
});
afterAll(async () => {
  await stop();
});

const post = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("request log", () => {
  it("logs id, operation, duration and outcome, never secrets or bodies", async () => {
    const secret = "a secret search term";
    await post(
      { query: "query FindThings($q: String!) { search(query: $q) { totalCount } }", variables: { q: secret } },
      { authorization: `Bearer ${editor}`, "x-request-id": "log-test-1" },
    );
    const line = lines.find((l) => l.requestId === "log-test-1");
    expect(line).toMatchObject({ msg: "graphql request", operation: "FindThings", type: "query", key: "editor key", outcome: "ok" });
    expect(typeof line!.durationMs).toBe("number");
    const all = JSON.stringify(lines);
    expect(all).not.toContain(editor);
    expect(all).not.toContain(secret);
    expect(all).not.toContain("search(query");
  });

  it("records the error codes as the outcome", async () => {
    await post({ query: "{ claims(first: 500) { totalCount } }" }, { "x-request-id": "log-test-2" });
    expect(lines.find((l) => l.requestId === "log-test-2")).toMatchObject({ outcome: "BAD_USER_INPUT" });
  });
});

describe("production mode", () => {
  it("does not suggest field names", async () => {
    const body = (await (await post({ query: "{ articels { totalCount } }" })).json()) as GraphQLResponse<unknown>["body"];
    expect(body.errors![0]!.message).not.toMatch(/did you mean/i);
  });
});
