import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

import Database from "better-sqlite3";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

import { PrismaPg } from "@prisma/adapter-pg";

import { createAdapterFactory } from "./adapter.ts";
import type { DatabaseTarget } from "./databaseUrl.ts";
import { BACKENDS, ROOT } from "./schemas.ts";

// The Prisma CLI's migrate commands need a schema-engine binary that cannot be
// downloaded here, so we drive the WebAssembly build of the same engine. It
// keeps the same _prisma_migrations table, so `prisma migrate deploy` still
// works on these folders wherever the binary is available.

type WasmEngine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
};

// @types/node does not declare the WebAssembly global; this is the slice we use.
const wasmRuntime = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }> };
  }
).WebAssembly;

type EngineModule = { SchemaEngine: { new: (...args: unknown[]) => Promise<WasmEngine> } };

// The engine's JS glue is a single Node module, so there is one wasm instance
// per process, and two engines interleaving on it panic. The instance and a
// queue that runs engine work one at a time therefore live on globalThis:
// module state would be duplicated when a test runner loads this file twice.
const shared = globalThis as typeof globalThis & { __claimgraphSchemaEngine?: { module: Promise<EngineModule>; queue: Promise<unknown> } };

// Node 20 cannot import the package's .wasm as an ES module, so instantiate it by hand.
function loadEngine() {
  shared.__claimgraphSchemaEngine ??= { module: instantiateEngine(), queue: Promise.resolve() };
  return shared.__claimgraphSchemaEngine;
}

function instantiateEngine(): Promise<EngineModule> {
  return (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = resolve(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"), "..");
    const bg = await import(join(pkgDir, "schema_engine_bg.js"));
    const bytes = readFileSync(join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await wasmRuntime.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return JSON.stringify(error);
}

const PG_CHAR = 18;
const PG_TEXT = 25;

/**
 * A pool for the schema engine's PostgreSQL connections. The engine's catalog
 * queries return columns of type "char" (pg_class.relkind, …), which the pg
 * adapter cannot map; they arrive as strings, so we label them text.
 */
function charAsTextPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // Errors on idle connections (e.g. the database being dropped) are not ours to crash on.
  pool.on("error", () => {});
  // The adapter queries through the pool itself, so relabel on the pool's results.
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }>;
  (pool as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  return pool;
}

function withEngine<T>(target: DatabaseTarget, fn: (engine: WasmEngine, schema: { path: string; content: string }) => Promise<T>): Promise<T> {
  const engine = loadEngine();
  const run = engine.queue.then(() => runEngine(target, fn));
  engine.queue = run.catch(() => {});
  return run;
}

async function runEngine<T>(target: DatabaseTarget, fn: (engine: WasmEngine, schema: { path: string; content: string }) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngine().module;
  const schema = { path: BACKENDS[target.provider].schema, content: readFileSync(BACKENDS[target.provider].schema, "utf8") };
  // engine.free() does not close the connections it opened, and a lingering
  // SQLite connection makes the next writer time out; so track and close them.
  const pool = target.provider === "postgresql" ? charAsTextPool(target.url) : undefined;
  const base = pool ? new PrismaPg(pool) : createAdapterFactory(target, 2);
  const opened: { dispose(): Promise<void> }[] = [];
  const track = async <A extends { dispose(): Promise<void> }>(adapter: Promise<A>) => {
    const connection = await adapter;
    opened.push(connection);
    return connection;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: () => track(base.connectToShadowDb()),
  } as typeof base);
  const engine = await SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, factory);
  try {
    return await fn(engine, schema);
  } catch (error) {
    // The engine reports adapter failures as "External error id#N"; show the real one.
    const id = /External error id#(\d+)/.exec(String(error))?.[1];
    const cause = id === undefined ? undefined : factory.errorRegistry.consumeError(Number(id))?.error;
    throw cause ? new Error(`${String(error).split("\n")[0]}: ${describe(cause)}`, { cause }) : error;
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose()));
    await pool?.end();
  }
}

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
  // PostgreSQL (the engine wants schema-qualified names there)
  "search_index",
];
const filters = (target: DatabaseTarget) => ({
  externalTables: target.provider === "postgresql" ? EXTERNAL_TABLES.map((table) => `public.${table}`) : EXTERNAL_TABLES,
  externalEnums: [],
});

/**
 * Serialises start-up work across replicas: on PostgreSQL an advisory lock,
 * so that several processes starting at once migrate and seed one at a time.
 */
export async function withStartupLock<T>(target: DatabaseTarget, work: () => Promise<T>): Promise<T> {
  if (target.provider !== "postgresql") return work();
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('claimgraph:startup'))");
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('claimgraph:startup'))").catch(() => {});
    await client.end();
  }
}

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
    const db = new Database(target.filePath, { readonly: true });
    try {
      if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()) return false;
      rows = db.prepare(sql).all() as AppliedRow[];
    } finally {
      db.close();
    }
  } else {
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
