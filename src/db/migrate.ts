import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

import Database from "better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

import { createAdapterFactory } from "./adapter.ts";
import type { DatabaseTarget } from "./databaseUrl.ts";

// The Prisma CLI's migrate commands need a schema-engine binary that cannot be
// downloaded here, so we drive the WebAssembly build of the same engine. It
// keeps the same _prisma_migrations table, so `prisma migrate deploy` still
// works on this folder wherever the binary is available.

const ROOT = resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = join(ROOT, "prisma/migrations");

type WasmEngine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
};

// @types/node does not declare the WebAssembly global; this is the slice we use.
const wasmRuntime = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }> };
}).WebAssembly;

let engineModule: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<WasmEngine> } }> | undefined;

// Node 20 cannot import the package's .wasm as an ES module, so instantiate it by hand.
function loadEngineModule() {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = resolve(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"), "..");
    const bg = await import(join(pkgDir, "schema_engine_bg.js"));
    const bytes = readFileSync(join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await wasmRuntime.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return engineModule;
}

async function withEngine<T>(target: DatabaseTarget, fn: (engine: WasmEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  // engine.free() does not close the connections it opened, and a lingering
  // SQLite connection makes the next writer time out; so track and close them.
  const base = createAdapterFactory(target);
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
  });
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, factory);
  try {
    return await fn(engine);
  } catch (error) {
    // The engine reports adapter failures as "External error id#N"; show the real one.
    const id = /External error id#(\d+)/.exec(String(error))?.[1];
    const cause = id === undefined ? undefined : factory.errorRegistry.consumeError(Number(id))?.error;
    throw cause ? new Error(`${String(error).split("\n")[0]}: ${describe(cause)}`, { cause }) : error;
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose()));
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return JSON.stringify(error);
}

function migrationsList() {
  const lockPath = join(MIGRATIONS_DIR, "migration_lock.toml");
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names applied now. */
export async function migrate(target: DatabaseTarget): Promise<string[]> {
  if (target.filePath !== ":memory:") {
    // WAL lets readers run beside the writer; it is stored in the file, so set it once.
    const db = new Database(target.filePath);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  return withEngine(target, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: migrationsList(), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database migrated from the folder to the current
 * schema.prisma ("" when in sync). `target` must be a scratch database: it is
 * migrated first. (The engine's own shadow-database path cannot run our
 * multi-statement migrations through the adapter, so we migrate, then diff.)
 */
export async function diffSchemaAgainstMigrations(target: DatabaseTarget): Promise<string> {
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  return withEngine(target, async (engine) => {
    // One engine for both steps: a second connection would hit the first's lock.
    await engine.applyMigrations({ migrationsList: migrationsList(), filters: NO_FILTERS });
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [{ path: SCHEMA_PATH, content: schema }], configDir: ROOT },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout.includes("This is an empty migration") ? "" : result.stdout;
  });
}
