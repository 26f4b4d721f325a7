import { spawn, type ChildProcess } from "node:child_process";

import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ApiKeyService } from "../src/apiKey/apiKey.service.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { createPostgresDatabase, dropPostgresDatabase, uniqueDatabaseName } from "../src/db/scratch.ts";
import { graphql } from "./generated/gql.ts";
import { seedNames } from "../seeds/load.ts";

// Stateless replicas: two server processes on one PostgreSQL database, started
// at the same moment (they take turns migrating), write through one, read through the other.
const name = uniqueDatabaseName("claimgraph_replicas");
let url: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  url = await createPostgresDatabase(name);
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await dropPostgresDatabase(name);
});

function start(): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /"url":"http:\/\/localhost:(\d+)\/graphql"/.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** POSTs a typed document (graphql() from tests/generated) to one process; `data` is typed by the document. */
async function post<R, V>(base: string, document: TypedDocumentNode<R, V>, variables: V, key?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as { data?: R; errors?: unknown[] };
}

describe("two replicas on one PostgreSQL database", () => {
  it("start together, seed once, and see each other's writes", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a).not.toBe(b);
    const counts = await post(b, graphql(`query ReplicasArticleCount { articles { totalCount } }`), {});
    expect(counts.data!.articles.totalCount).toBe(seedNames().length); // each seed once, not twice

    const db = await createDb(parseDatabaseUrl(url), 1);
    const { key } = await new ApiKeyService(db).create({ keyId: null, name: "test" }, "replica test", "EDITOR");
    await db.$disconnect();

    const created = await post(
      a,
      graphql(`mutation ReplicasWriteThroughA { createSource(input: { name: "Written Through A", kind: ORGANIZATION }) { source { id } } }`),
      {},
      key,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSource.source.id;
    const read = await post(b, graphql(`query ReplicasSourceName($id: ID!) { source(id: $id) { name } }`), { id });
    expect(read.data!.source).toEqual({ name: "Written Through A" });
    // The key works on both: no per-process state.
    const again = await post(
      b,
      graphql(`mutation ReplicasWriteThroughB { createSource(input: { name: "Written Through B", kind: ORGANIZATION }) { source { slug } } }`),
      {},
      key,
    );
    expect(again.data!.createSource.source.slug).toBe("written-through-b");
  });
});
