import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

import type { DatabaseTarget } from "./databaseUrl.ts";

// better-sqlite3 waits for a busy lock synchronously, stopping the whole event
// loop, so its own wait stays short; inTransaction waits for a competing
// writer asynchronously, up to SQLITE_WRITE_WAIT_MS (src/db/transaction.ts).
export const SQLITE_BUSY_TIMEOUT_MS = 20;

/** PostgreSQL connections per process; DATABASE_POOL_SIZE overrides. */
export const DEFAULT_POOL_SIZE = 10;

export function createAdapterFactory(
  target: DatabaseTarget,
  poolSize = DEFAULT_POOL_SIZE,
  statementTimeoutMs = 0,
  sqliteBusyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS,
) {
  if (target.provider === "postgresql") {
    // statement_timeout is a session setting sent at connect; 0 is PostgreSQL's own "no limit".
    return new PrismaPg({ connectionString: target.url, max: poolSize, connectionTimeoutMillis: 10_000, statement_timeout: statementTimeoutMs });
  }
  return new PrismaBetterSqlite3({ url: target.url, timeout: sqliteBusyTimeoutMs });
}
