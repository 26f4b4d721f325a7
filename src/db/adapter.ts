import type { DatabaseTarget } from "./databaseUrl.ts";

// Each driver is imported when a database of its kind is first opened, so a
// process loads only the one it talks to (pg and its adapter are not small).

// better-sqlite3 waits for a busy lock synchronously, stopping the whole event
// loop, so its own wait stays short; inTransaction waits for a competing
// writer asynchronously, up to SQLITE_WRITE_WAIT_MS (src/db/transaction.ts).
export const SQLITE_BUSY_TIMEOUT_MS = 20;

/** PostgreSQL connections per process; DATABASE_POOL_SIZE overrides. */
export const DEFAULT_POOL_SIZE = 10;

export async function createAdapterFactory(
  target: DatabaseTarget,
  poolSize = DEFAULT_POOL_SIZE,
  statementTimeoutMs = 0,
  sqliteBusyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS,
) {
  if (target.provider === "postgresql") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    // statement_timeout is a session setting sent at connect; 0 is PostgreSQL's own "no limit".
    return new PrismaPg({ connectionString: target.url, max: poolSize, connectionTimeoutMillis: 10_000, statement_timeout: statementTimeoutMs });
  }
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  return new PrismaBetterSqlite3({ url: target.url, timeout: sqliteBusyTimeoutMs });
}
