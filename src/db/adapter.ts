import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

import type { DatabaseTarget } from "./databaseUrl.ts";

// Wait for a competing writer instead of failing at once with SQLITE_BUSY
// (prisma/orm#29933: a BUSY at COMMIT can poison later transactions).
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function createAdapterFactory(target: DatabaseTarget) {
  return new PrismaBetterSqlite3({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS });
}
