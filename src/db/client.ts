import { readReplicas } from "@prisma/extension-read-replicas";

import { PrismaClient } from "../generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client.ts";
import { createAdapterFactory, DEFAULT_POOL_SIZE } from "./adapter.ts";
import { parseDatabaseUrl, type DatabaseTarget, type Provider } from "./databaseUrl.ts";

/**
 * The database handle services use. Both generated clients come from one model
 * definition and share its API; the SQLite client's types stand for both.
 * `primary()` is the handle for requests that write: with read replicas, reads
 * elsewhere go to a replica, which may lag behind.
 */
export type Db = PrismaClient & { readonly provider: Provider; primary(): Db };

/** `statementTimeoutMs` (PostgreSQL): statements running longer are cancelled; 0, the default, never cancels. */
/**
 * `sqliteBusyTimeoutMs`: how long a statement waits, synchronously, for SQLite's write lock; short by default,
 * since the wait stops the event loop (writes in inTransaction wait asynchronously instead). A batch tool whose
 * writes do not go through inTransaction, such as db:import, sets it longer.
 */
type Options = { poolSize?: number; replicaUrls?: string[]; statementTimeoutMs?: number; sqliteBusyTimeoutMs?: number };

function prismaClient(target: DatabaseTarget, poolSize: number, statementTimeoutMs = 0, sqliteBusyTimeoutMs?: number): PrismaClient {
  const options = {
    adapter: createAdapterFactory(target, poolSize, statementTimeoutMs, sqliteBusyTimeoutMs),
    log: [{ emit: "event" as const, level: "query" as const }],
  };
  return target.provider === "postgresql"
    ? (new PostgresPrismaClient(options as ConstructorParameters<typeof PostgresPrismaClient>[0]) as unknown as PrismaClient)
    : new PrismaClient(options as ConstructorParameters<typeof PrismaClient>[0]);
}

/**
 * A Prisma client on the driver adapter for `target`. Query events are
 * emitted so that tests and debug logging can see every SQL statement.
 * With `replicaUrls` (PostgreSQL only), reads go to the replicas through
 * @prisma/extension-read-replicas.
 */
export function createDb(target: DatabaseTarget, poolSizeOrOptions: number | Options = {}): Db {
  const {
    poolSize = DEFAULT_POOL_SIZE,
    replicaUrls = [],
    statementTimeoutMs = 0,
    sqliteBusyTimeoutMs,
  } = typeof poolSizeOrOptions === "number" ? { poolSize: poolSizeOrOptions } : poolSizeOrOptions;
  const primary = prismaClient(target, poolSize, statementTimeoutMs, sqliteBusyTimeoutMs);
  const primaryDb: Db = Object.assign(primary, { provider: target.provider, primary: () => primaryDb });
  if (replicaUrls.length === 0) return primaryDb;
  if (target.provider !== "postgresql") throw new Error("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL");
  const replicas = replicaUrls.map((url) => {
    const replica = parseDatabaseUrl(url);
    if (replica.provider !== "postgresql") throw new Error("DATABASE_REPLICA_URLS must be postgresql:// URLs");
    return prismaClient(replica, poolSize, statementTimeoutMs);
  });
  const routed = primary.$extends(readReplicas({ replicas: replicas as never })) as unknown as PrismaClient;
  return Object.assign(routed, { provider: target.provider, primary: () => primaryDb }) as Db;
}

/**
 * Per-connection settings. SQLite: synchronous=FULL syncs the WAL on every
 * commit, so an acknowledged write survives a crash of the process and of the
 * machine (NORMAL would survive only the process), at some write latency.
 */
export async function prepareDb(db: Db): Promise<void> {
  if (db.provider === "sqlite") await db.$queryRaw`PRAGMA synchronous = FULL`;
}
