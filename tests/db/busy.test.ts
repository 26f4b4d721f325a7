import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Another process holding SQLite's write lock (the keys CLI, an import run
// against the live file): a server write waits for it, up to the busy
// timeout, and then answers DATABASE_BUSY rather than an internal error.

const server = useTestServer({ NODE_ENV: "production" });

const CREATE = graphql(`mutation BusyCreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { slug } } }`);

/** A second connection to the server's file, as another process would open it, holding the write lock for `ms`. */
function holdWriteLock(ms: number): Promise<void> {
  const target = parseDatabaseUrl(server.databaseUrl);
  if (target.provider !== "sqlite") throw new Error("SQLite only");
  const other = new Database(target.filePath);
  other.exec("BEGIN IMMEDIATE");
  other.exec(`UPDATE "SeedRun" SET "name" = "name"`);
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec("COMMIT");
      other.close();
      resolve();
    }, ms),
  );
}

describe("SQLite write lock held by another process", () => {
  it("a write waits for the lock instead of failing at once, and the server keeps answering meanwhile", async () => {
    const released = holdWriteLock(1_000);
    const order: string[] = [];
    const write = server
      .query(CREATE, { input: { name: "Waited Org", kind: "ORGANIZATION" } }, { authorization: `Bearer ${server.keys.editor}` })
      .then((answer) => {
        order.push("write");
        return answer;
      });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    order.push("healthz");
    const { body } = await write;
    await released;
    expect(order).toEqual(["healthz", "write"]);
    expect(body.errors).toBeUndefined();
    expect(body.data!.createSource.source.slug).toBe("waited-org");
  });

  it("past the busy timeout, answers DATABASE_BUSY with 503 and Retry-After", async () => {
    const released = holdWriteLock(11_000);
    const response = await server.query(CREATE, { input: { name: "Timed Out Org", kind: "ORGANIZATION" } }, { authorization: `Bearer ${server.keys.editor}` });
    await released;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.body.errors![0]?.extensions).toMatchObject({ code: "DATABASE_BUSY" });
    expect(await server.db.source.count({ where: { name: "Timed Out Org" } })).toBe(0);
  }, 30_000);
});
