import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { diffSchemaAgainstMigrations, migrate } from "../../src/db/migrate.ts";

const dir = mkdtempSync(join(tmpdir(), "claimgraph-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("offline migrations", () => {
  it("prisma/migrations produce exactly schema.prisma (run `npm run db:migration -- <name>` after a model change)", async () => {
    expect(await diffSchemaAgainstMigrations(parseDatabaseUrl(`file:${join(dir, "diff.db")}`))).toBe("");
  });

  it("apply once, record themselves like the Prisma CLI, and turn on WAL", async () => {
    const target = parseDatabaseUrl(`file:${join(dir, "app.db")}`);
    const first = await migrate(target);
    expect(first.length).toBeGreaterThan(0);
    expect(await migrate(target)).toEqual([]);
    if (target.provider !== "sqlite") throw new Error("expected a SQLite target");
    const db = new Database(target.filePath, { readonly: true });
    const names = db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL").all();
    expect(names.map((row: any) => row.migration_name)).toEqual(first);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });
});

describe("DATABASE_URL", () => {
  it("rejects URLs it cannot serve, with the reason", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/must be a file: URL \(SQLite\) or a postgresql:\/\/ URL/);
    expect(() => parseDatabaseUrl("file:")).toThrow(/names no file/);
  });
});
