import { spawn } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { print } from "graphql";
import { afterAll, describe, expect, it } from "vitest";

import { ApiKeyService } from "../src/apiKey/apiKey.service.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { graphql } from "./generated/gql.ts";
import type { StartCountsQuery, StartDrainWriteMutation } from "./generated/graphql.ts";
import type { GraphQLResponse } from "./setup/testServer.ts";
import { seedNames } from "../seeds/load.ts";

// `npm start` as a user runs it: a real process that migrates, seeds, serves.
const dir = mkdtempSync(join(tmpdir(), "claimgraph-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "app.db")}`, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /"url":"(http:\/\/localhost:\d+)\/graphql"/.exec(output);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

const countQuery = JSON.stringify({
  query: print(graphql(`query StartCounts { articles { totalCount } claims { totalCount } sources { totalCount } }`)),
});
const counts = async (url: string) =>
  (
    (await (
      await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: countQuery })
    ).json()) as GraphQLResponse<StartCountsQuery>["body"]
  ).data;

describe("npm start", () => {
  it("serves the seeded API; a second start neither duplicates nor fails; SIGTERM exits cleanly", async () => {
    const first = await start();
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    const before = await counts(first.url);
    expect(before!.articles.totalCount).toBe(seedNames().length);
    expect(before!.claims.totalCount).toBeGreaterThanOrEqual(10);
    expect(await first.stop()).toBe(0);

    const second = await start();
    expect(await counts(second.url)).toEqual(before);
    expect(await second.stop()).toBe(0);
  });
});

describe("SIGTERM under load", () => {
  it("finishes every request already in flight, then exits 0", async () => {
    // Eight clients in a loop send more than the per-IP rate limit allows in 1.5 s, now that reads take one
    // statement; the limit is not under test here.
    const server = await start({ RATE_LIMIT_PER_IP: "100000" });
    const slowQuery = JSON.stringify({
      query: "{ claims(first: 100) { totalCount edges { node { text articles { edges { node { body } } } claimant { claims { totalCount } } } } } }",
    });
    let stopping = false;
    const sent: { at: number; result: Promise<number> }[] = [];
    // Keep 8 requests going until the signal, then stop sending.
    const pump = async () => {
      while (!stopping) {
        const result = fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: slowQuery }).then(async (r) => {
          await r.json();
          return r.status;
        });
        sent.push({ at: Date.now(), result });
        await result.catch(() => {});
      }
    };
    const pumps = Array.from({ length: 8 }, pump);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const signalledAt = Date.now();
    const exit = server.stop();
    stopping = true;
    // "In flight" means the server has the request: sent well before the signal (a loaded CI machine
    // can delay reads). A request sent in the same instant may meet a closing idle connection, as with
    // any server; clients retry those.
    const inFlight = sent.filter((request) => request.at < signalledAt - 250);
    const statuses = await Promise.allSettled(inFlight.map((request) => request.result));
    const failed = statuses.filter((s) => s.status !== "fulfilled" || s.value !== 200);
    expect(failed, JSON.stringify(failed.slice(0, 3))).toEqual([]);
    expect(inFlight.length).toBeGreaterThan(8);
    await Promise.allSettled(pumps);
    expect(await exit).toBe(0);
  });
});

describe("SIGTERM during a long extraction", () => {
  it("ends the extraction at once with EXTRACTION_BUSY, answers it, and exits 0", async () => {
    // The rate limit would refuse some of the 15 aliases (each costs 20 requests); not under test here.
    const server = await start({ RATE_LIMIT_PER_IP: "10000" });
    const text = "Ana Ruiz said 'Tom Alvarez said \"Lena Ortiz said the port reopens.\"' ".repeat(2_800).slice(0, 199_000);
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: extractClaims(text: $t) { index }`).join(" ");
    const answer = fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `query ($t: String!) { ${aliases} }`, variables: { t: text } }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as GraphQLResponse<unknown>["body"] }));
    // Let the workers start on it: a pool thread takes about a second to load the extractor.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const exit = server.stop();
    const { body } = await answer;
    // Cut short, not run to the end: the aliases still running or waiting were ended by the shutdown.
    expect(body.errors?.map((e) => e.extensions?.code)).toContain("EXTRACTION_BUSY");
    expect(await exit).toBe(0);
  });
});

describe("SIGTERM under keep-alive write load", () => {
  it("answers every write that reached the server, and every acknowledged one is stored", async () => {
    const server = await start({ RATE_LIMIT_PER_KEY: "100000" });
    const db = await createDb(parseDatabaseUrl(`file:${join(dir, "app.db")}`));
    const { key } = await new ApiKeyService(db).create({ keyId: null, name: "drain test" }, "drain", "EDITOR");
    type WriteBody = GraphQLResponse<StartDrainWriteMutation>["body"];
    const write = (slug: string) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: print(graphql(`mutation StartDrainWrite($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } } }`)),
          variables: { input: { slug, title: slug, body: `Ann said ${slug}.` } },
        }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as WriteBody }));
    let stopping = false;
    const sent: { at: number; slug: string; result: Promise<{ status: number; body: WriteBody }> }[] = [];
    // fetch keeps its connections alive between requests: each pump reuses one.
    const pump = async (id: number) => {
      for (let n = 0; !stopping; n++) {
        const slug = `drain-${id}-${n}`;
        const result = write(slug);
        sent.push({ at: Date.now(), slug, result });
        await result.catch(() => {});
      }
    };
    const pumps = Array.from({ length: 6 }, (_, id) => pump(id));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const signalledAt = Date.now();
    const exit = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    stopping = true;
    const inFlight = sent.filter((request) => request.at < signalledAt);
    const outcomes = await Promise.allSettled(inFlight.map((request) => request.result));
    const unanswered = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(unanswered, JSON.stringify(unanswered.slice(0, 3))).toEqual([]);
    expect(inFlight.length).toBeGreaterThan(6);
    await Promise.allSettled(pumps);
    expect(await exit).toBe(0);
    const acknowledged = inFlight.filter(
      (_, i) => outcomes[i]!.status === "fulfilled" && (outcomes[i] as PromiseFulfilledResult<{ body: WriteBody }>).value.body.data?.createArticle,
    );
    const stored = new Set((await db.article.findMany({ where: { slug: { startsWith: "drain-" } }, select: { slug: true } })).map((a) => a.slug));
    for (const { slug } of acknowledged) expect(stored.has(slug), slug).toBe(true);
    await db.$disconnect();
  });
});

describe("SIGTERM with an idle keep-alive connection", () => {
  it("still answers a request sent on it just after the signal, with Connection: close", async () => {
    const server = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = () =>
      new Promise<{ status: number; connection: string | undefined; socket: unknown }>((resolve, reject) => {
        const request = http.request(`${server.url}/graphql`, { method: "POST", agent, headers: { "content-type": "application/json" } }, (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode!, connection: response.headers.connection, socket: request.socket }));
        });
        request.on("error", reject);
        request.end(JSON.stringify({ query: "{ articles { totalCount } }" }));
      });
    const first = await post();
    expect(first.connection).toBe("keep-alive");
    const exit = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The same connection, idle when the signal came: the request must be answered, not reset.
    const second = await post();
    expect(second.socket).toBe(first.socket);
    expect(second.status).toBe(200);
    expect(second.connection).toBe("close");
    expect(await exit).toBe(0);
    agent.destroy();
  });
});
