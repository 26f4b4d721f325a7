import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { DatabaseTarget } from "./databaseUrl.ts";
import { withEngine } from "./schemaEngine.ts";
import { BACKENDS, ROOT } from "./schemas.ts";

// Applies each backend's migrations folder through the schema engine
// (schemaEngine.ts), and skips the engine when there is nothing to apply.

function migrationsList(target: DatabaseTarget) {
  const dir = BACKENDS[target.provider].migrations;
  const lockPath = join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: readFileSync(join(dir, name, "migration.sql"), "utf8") } },
    })),
  };
}

// Tables that backend-specific migrations create outside schema.prisma (full-text
// search); the engine must neither drop them nor call them drift.
export const EXTERNAL_TABLES: string[] = [
  // SQLite FTS5 and its shadow tables
  "search_fts",
  "search_fts_data",
  "search_fts_idx",
  "search_fts_content",
  "search_fts_docsize",
  "search_fts_config",
  // the documents FTS5 rows stand for, and the tokeniser version the index was built with
  "search_rows",
  "search_meta",
  // PostgreSQL (the engine wants schema-qualified names there)
  "search_index",
];
const filters = (target: DatabaseTarget) => ({
  externalTables: target.provider === "postgresql" ? EXTERNAL_TABLES.map((table) => `public.${table}`) : EXTERNAL_TABLES,
  externalEnums: [],
});

type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/**
 * True when every migration in the folder is recorded as applied, unchanged
 * and finished. Read with the plain driver, so that a start-up with nothing to
 * do never loads the schema engine (about 100 MB of WebAssembly).
 */
async function upToDate(target: DatabaseTarget): Promise<boolean> {
  const sql = `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`;
  let rows: AppliedRow[];
  if (target.provider === "sqlite") {
    if (target.filePath === ":memory:" || !existsSync(target.filePath)) return false;
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(target.filePath, { readonly: true });
    try {
      if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()) return false;
      rows = db.prepare(sql).all() as AppliedRow[];
    } finally {
      db.close();
    }
  } else {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      if (!(await client.query(`SELECT to_regclass('public._prisma_migrations') AS t`)).rows[0]?.t) return false;
      rows = (await client.query<AppliedRow>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  // A failed (unfinished, not rolled back) migration is the engine's to report.
  if (rows.some((row) => row.finished_at == null && row.rolled_back_at == null)) return false;
  const applied = new Map(rows.filter((row) => row.finished_at != null && row.rolled_back_at == null).map((row) => [row.migration_name, row.checksum]));
  return migrationsList(target).migrationDirectories.every(
    ({ path, migrationFile }) => applied.get(path) === createHash("sha256").update(migrationFile.content.value).digest("hex"),
  );
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(target: DatabaseTarget): Promise<string[]> {
  if (await upToDate(target)) return [];
  if (target.provider === "sqlite" && target.filePath !== ":memory:") {
    // WAL lets readers run beside the writer; it is stored in the file, so set it once.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(target.filePath);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  return withEngine(target, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: migrationsList(target), filters: filters(target) });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database migrated from the folder to the current schema
 * ("" when in sync). `target` must be a scratch database: it is migrated
 * first. (The engine's own shadow-database path cannot run our
 * multi-statement migrations through the adapter, so we migrate, then diff.)
 */
export async function diffSchemaAgainstMigrations(target: DatabaseTarget): Promise<string> {
  return withEngine(target, async (engine, schema) => {
    // One engine for both steps: a second connection would hit the first's lock.
    await engine.applyMigrations({ migrationsList: migrationsList(target), filters: filters(target) });
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: ROOT },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: filters(target),
    });
    return result.stdout.includes("This is an empty migration") ? "" : result.stdout;
  });
}
