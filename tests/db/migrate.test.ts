import { execFileSync } from "node:child_process";
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
    const names = db.prepare<[], { migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL").all();
    expect(names.map((row) => row.migration_name)).toEqual(first);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });
});

describe("start-up on a migrated database", () => {
  it("does not load the schema engine when every migration is applied and unchanged", async () => {
    const file = join(dir, "warm.db");
    await migrate(parseDatabaseUrl(`file:${file}`));
    // A fresh process, so the engine loaded by this test file does not count.
    const script = `const { migrate } = await import("./src/db/migrate.ts"); const { parseDatabaseUrl } = await import("./src/db/databaseUrl.ts");
      const applied = await migrate(parseDatabaseUrl(process.argv[1])); console.log(JSON.stringify({ applied, engine: Boolean(globalThis.__claimgraphSchemaEngine) }));`;
    const run = () =>
      JSON.parse(
        execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, `file:${file}`], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        })
          .trim()
          .split("\n")
          .at(-1)!,
      );
    expect(run()).toEqual({ applied: [], engine: false });
    // A migration recorded as failed must go to the engine, which reports it.
    const db = new Database(file);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = (SELECT MAX(migration_name) FROM _prisma_migrations)").run();
    db.close();
    expect(() => run()).toThrow(/failed|P3009/i);
  });
});

describe("DATABASE_URL", () => {
  it("rejects URLs it cannot serve, with the reason", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/must be a file: URL \(SQLite\) or a postgresql:\/\/ URL/);
    expect(() => parseDatabaseUrl("file:")).toThrow(/names no file/);
  });
});
