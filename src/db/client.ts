import type { PrismaClient } from "../generated/prisma/client.ts";
import { createAdapterFactory, DEFAULT_POOL_SIZE } from "./adapter.ts";
import { parseDatabaseUrl, type DatabaseTarget, type Provider } from "./databaseUrl.ts";

/**
 * The database handle services use. Both generated clients come from one model
 * definition and share its API; the SQLite client's types stand for both.
 * `primary()` is the handle for requests that write: with read replicas, reads
 * elsewhere go to a replica, which may lag behind.
 */
export type Db = PrismaClient & { readonly provider: Provider; primary(): Db; reader(): RawReader };

/** Where raw read statements go: a replica when there are replicas (Prisma routes only its model reads there), else the database. */
export type RawReader = Pick<PrismaClient, "$queryRaw">;

/** `statementTimeoutMs` (PostgreSQL): statements running longer are cancelled; 0, the default, never cancels. */
/**
 * `sqliteBusyTimeoutMs`: how long a statement waits, synchronously, for SQLite's write lock; short by default,
 * since the wait stops the event loop (writes in inTransaction wait asynchronously instead). A batch tool whose
 * writes do not go through inTransaction, such as db:import, sets it longer.
 */
type Options = { poolSize?: number; replicaUrls?: string[]; statementTimeoutMs?: number; sqliteBusyTimeoutMs?: number };

type ClientClass = new (options: { adapter: unknown; log: unknown }) => PrismaClient;

/** The generated client of one backend, imported on first use: a process loads only the one it talks to. */
async function clientClass(provider: Provider): Promise<ClientClass> {
  const { PrismaClient } = provider === "postgresql" ? await import("../generated/prisma-pg/client.ts") : await import("../generated/prisma/client.ts");
  return PrismaClient as unknown as ClientClass;
}

async function prismaClient(target: DatabaseTarget, poolSize: number, statementTimeoutMs = 0, sqliteBusyTimeoutMs?: number): Promise<PrismaClient> {
  const Client = await clientClass(target.provider);
  return new Client({
    adapter: await createAdapterFactory(target, poolSize, statementTimeoutMs, sqliteBusyTimeoutMs),
    log: [{ emit: "event" as const, level: "query" as const }],
  });
}

/**
 * A Prisma client on the driver adapter for `target`. Query events are
 * emitted so that tests and debug logging can see every SQL statement.
 * With `replicaUrls` (PostgreSQL only), reads go to the replicas through
 * @prisma/extension-read-replicas.
 */
export async function createDb(target: DatabaseTarget, poolSizeOrOptions: number | Options = {}): Promise<Db> {
  const {
    poolSize = DEFAULT_POOL_SIZE,
    replicaUrls = [],
    statementTimeoutMs = 0,
    sqliteBusyTimeoutMs,
  } = typeof poolSizeOrOptions === "number" ? { poolSize: poolSizeOrOptions } : poolSizeOrOptions;
  const primary = await prismaClient(target, poolSize, statementTimeoutMs, sqliteBusyTimeoutMs);
  const primaryDb: Db = Object.assign(primary, { provider: target.provider, primary: () => primaryDb, reader: () => primaryDb });
  if (replicaUrls.length === 0) return primaryDb;
  if (target.provider !== "postgresql") throw new Error("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL");
  const replicas = await Promise.all(
    replicaUrls.map((url) => {
      const replica = parseDatabaseUrl(url);
      if (replica.provider !== "postgresql") throw new Error("DATABASE_REPLICA_URLS must be postgresql:// URLs");
      return prismaClient(replica, poolSize, statementTimeoutMs);
    }),
  );
  const { readReplicas } = await import("@prisma/extension-read-replicas");
  const routed = primary.$extends(readReplicas({ replicas: replicas as never })) as unknown as PrismaClient;
  const replicaOf = routed as unknown as { $replica(): RawReader };
  return Object.assign(routed, { provider: target.provider, primary: () => primaryDb, reader: () => replicaOf.$replica() }) as Db;
}

/**
 * Per-connection settings. SQLite: synchronous=FULL syncs the WAL on every
 * commit, so an acknowledged write survives a crash of the process and of the
 * machine (NORMAL would survive only the process), at some write latency.
 */
export async function prepareDb(db: Db): Promise<void> {
  if (db.provider === "sqlite") await db.$queryRaw`PRAGMA synchronous = FULL`;
}
