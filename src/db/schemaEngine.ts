import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

import type pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

import { createAdapterFactory } from "./adapter.ts";
import type { DatabaseTarget } from "./databaseUrl.ts";
import { BACKENDS } from "./schemas.ts";

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
async function charAsTextPool(url: string): Promise<pg.Pool> {
  const { default: pg } = await import("pg");
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

/** Runs `fn` with a schema engine connected to `target`, one engine at a time per process. */
export function withEngine<T>(target: DatabaseTarget, fn: (engine: WasmEngine, schema: { path: string; content: string }) => Promise<T>): Promise<T> {
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
  const pool = target.provider === "postgresql" ? await charAsTextPool(target.url) : undefined;
  const base = pool ? new (await import("@prisma/adapter-pg")).PrismaPg(pool) : await createAdapterFactory(target, 2);
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
