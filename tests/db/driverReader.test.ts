import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { Prisma } from "../../src/generated/prisma/client.ts";
import { isStatementTimeout } from "../../src/db/errors.ts";
import { createDriverReader, DriverError } from "../../src/db/driverReader.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { openTestDb, type TestDb } from "../setup/testDb.ts";

// Planned statements run on the driver (src/db/driverReader.ts) rather than through Prisma's client: the same
// statement must read the same rows either way, and failures must keep the codes the API reports them by.

const postgres = inject("backend") === "postgresql";
let test: TestDb;

beforeAll(async () => {
  test = await openTestDb();
});
afterAll(async () => {
  await test.close();
});

/** The one value Prisma's client reads for `sql`, as text. */
async function throughPrisma(sql: Prisma.Sql): Promise<string | null> {
  const rows = await test.db.$queryRaw<Record<string, unknown>[]>(sql);
  const value = rows[0] && Object.values(rows[0])[0];
  return value == null ? null : String(value);
}

describe("the driver reader", () => {
  it("compares dates and booleans with stored values as Prisma's client does", async () => {
    const { db } = test;
    const articles = await db.article.findMany({ where: { publishedAt: { not: null } }, orderBy: { publishedAt: "asc" }, take: 2 });
    expect(articles.length).toBeGreaterThan(0);
    const since = articles[0]!.publishedAt!;
    for (const sql of [
      // A Date parameter against a DateTime column: SQLite stores ISO text with an offset, PostgreSQL UTC.
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "Article" WHERE "publishedAt" >= ${since}`,
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "Article" WHERE "publishedAt" > ${since}`,
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "ApiKey" WHERE "revokedAt" IS NULL OR ${true} = ${false}`,
    ]) {
      const direct = await db.readText(sql);
      expect(direct, sql.sql).toBe(await throughPrisma(sql));
    }
    const matched = Number(await db.readText(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Article" WHERE "publishedAt" = ${since}`));
    expect(matched).toBeGreaterThanOrEqual(1);
  });

  it("answers null when the statement has no row, and is seen by statement listeners with its parameters", async () => {
    const seen: [string, readonly unknown[]][] = [];
    test.db.onStatement((sql, params) => seen.push([sql, params]));
    expect(await test.db.readText(Prisma.sql`SELECT "slug" FROM "Article" WHERE "slug" = ${"no-such-article"}`)).toBeNull();
    expect(seen.some(([sql, params]) => /FROM "Article"/.test(sql) && params.includes("no-such-article"))).toBe(true);
  });

  // PostgreSQL's pool is not read-only (a startup setting would not pass PgBouncer); the planner sends only SELECTs.
  it.runIf(!postgres)("on SQLite, reads through a connection that cannot write", async () => {
    const before = await test.db.article.count();
    const reader = createDriverReader(parseDatabaseUrl(test.url), { poolSize: 1, statementTimeoutMs: 0, busyTimeoutMs: 20 })!;
    try {
      const slug = (await test.db.article.findFirstOrThrow()).slug;
      await expect(reader.readText(Prisma.sql`DELETE FROM "Article" WHERE "slug" = ${slug} RETURNING "slug"`)).rejects.toThrow(
        /readonly|query_only|attempt to write/i,
      );
      expect(await reader.readText(Prisma.sql`SELECT "slug" FROM "Article" WHERE "slug" = ${slug}`)).toBe(slug);
    } finally {
      // Closing twice is harmless (a Db and its primary() share readers).
      await reader.close();
      await reader.close();
    }
    expect(await test.db.article.count()).toBe(before);
  });

  it("keeps the driver's code on its errors, so a timeout is reported as one", async () => {
    const error = await test.db.readText(Prisma.sql`SELECT "nope" FROM "Article"`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).originalCode).toBe(postgres ? "42703" : "SQLITE_ERROR");
    // PostgreSQL's query_canceled, as a statement timeout raises it (tests/http/statementTimeout.postgresql.test.ts runs one).
    expect(isStatementTimeout(new DriverError(Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" })))).toBe(true);
  });

  // A statement text run again is prepared once per connection, under a name; a connection that has prepared its
  // share is replaced, so PostgreSQL's memory for kept plans stays bounded.
  it.runIf(postgres)("on PostgreSQL, prepares a repeated statement once per connection and bounds what a connection keeps", async () => {
    const reader = createDriverReader(parseDatabaseUrl(test.url), { poolSize: 1, statementTimeoutMs: 0, busyTimeoutMs: 20 })!;
    // The count of this connection's prepared statements; the comment makes each text (so each statement) distinct.
    const prepared = (variant: number) =>
      reader.readText(Prisma.sql`SELECT COUNT(*) FROM pg_prepared_statements WHERE ${variant} >= 0 ${Prisma.raw(`/* ${variant} */`)}`).then(Number);
    /** The count when the statement runs for the second time, named. */
    const twice = async (variant: number) => (await prepared(variant), await prepared(variant));
    try {
      // A text seen once goes unnamed.
      expect(await prepared(0)).toBe(0);
      expect(await prepared(0)).toBe(1);
      expect(await prepared(0)).toBe(1);
      expect(await twice(1)).toBe(2);
      // A failed statement closes its connection; the next one reads on a new one.
      await expect(reader.readText(Prisma.sql`SELECT "nope" FROM "Article"`)).rejects.toBeInstanceOf(DriverError);
      expect(await prepared(1)).toBe(1);
      const counts: number[] = [];
      for (let variant = 2; variant <= 201; variant++) counts.push(await twice(variant));
      expect(counts.slice(0, 199)).toEqual(Array.from({ length: 199 }, (_, i) => i + 2));
      // The 200th statement on that connection was its last: the next connection starts with none kept.
      expect(counts[199]).toBe(1);
      expect(await twice(202)).toBe(2);
    } finally {
      await reader.close();
    }
    // DATABASE_NAMED_STATEMENTS=false, for a pooler that cannot keep them: nothing is kept on the connection.
    const unnamed = createDriverReader(parseDatabaseUrl(test.url), { poolSize: 1, statementTimeoutMs: 0, busyTimeoutMs: 20, namedStatements: false })!;
    try {
      for (const variant of [0, 0, 1]) {
        expect(await unnamed.readText(Prisma.sql`SELECT COUNT(*) FROM pg_prepared_statements WHERE ${variant} >= 0`)).toBe("0");
      }
    } finally {
      await unnamed.close();
    }
  });

  // A failover or a pooler's restart drops connections in the middle of statements: the statement fails, the
  // process lives on (an error event on a checked-out client with no listener would end it), and the next one reads.
  it.runIf(postgres)("on PostgreSQL, survives a connection lost in the middle of a statement", async () => {
    const target = new URL(test.url);
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const server = connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, server]) {
        sockets.add(socket);
        socket.on("error", () => undefined);
        socket.on("close", () => sockets.delete(socket));
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((listening) => proxy.listen(0, "127.0.0.1", listening));
    const viaProxy = new URL(test.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String((proxy.address() as AddressInfo).port);
    const reader = createDriverReader(parseDatabaseUrl(viaProxy.toString()), { poolSize: 1, statementTimeoutMs: 0, busyTimeoutMs: 20 })!;
    try {
      expect(await reader.readText(Prisma.sql`SELECT ${"up"}::text`)).toBe("up");
      const slow = reader.readText(Prisma.sql`SELECT pg_sleep(${2})::text`);
      await new Promise((later) => setTimeout(later, 300));
      for (const socket of sockets) socket.resetAndDestroy();
      await expect(slow).rejects.toBeInstanceOf(DriverError);
      expect(await reader.readText(Prisma.sql`SELECT ${"again"}::text`)).toBe("again");
    } finally {
      await reader.close();
      await new Promise((closed) => proxy.close(closed));
    }
  });
});
