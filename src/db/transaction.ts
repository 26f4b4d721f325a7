import type { Db } from "./client.ts";
import type { Provider } from "./databaseUrl.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { isDatabaseBusy, isSerializationFailure } from "./errors.ts";
import { ConflictError, DatabaseBusyError } from "../shared/errors.ts";

/**
 * A transaction, which backend it runs on (raw SQL differs by dialect), and
 * the rows it created or changed as a side effect of what the caller asked
 * (a source made for an alias): the audit event names them too.
 */
export type Tx = Prisma.TransactionClient & { readonly provider: Provider; readonly sideEffects?: { type: "Source"; id: string }[] };

// Attempts of a write transaction that lost a race (deadlock, serialization
// failure, or a row it refers to deleted under it) before the caller gets
// CONFLICT; each attempt waits a little longer, and sees the winner's commit.
const MAX_ATTEMPTS = 5;
const BACKOFF_MS = 15;
/** How long a PostgreSQL write waits for a row lock before DATABASE_BUSY. */
const LOCK_TIMEOUT_MS = 3_000;
/** How long a write waits for another process's SQLite write lock before DATABASE_BUSY. */
export const SQLITE_WRITE_WAIT_MS = 10_000;
const SQLITE_RETRY_MS = 50;

/**
 * Runs `work` in one transaction: everything or nothing. A write that checks
 * an invariant and then relies on it first locks the rows the check reads
 * (lockRows, serializeOn), so the check still holds at commit on PostgreSQL;
 * SQLite has one writer at a time. A transaction that lost a race is run again
 * from the start. Errors the database reports for a lost race become
 * CONFLICT; running out of connections or time to start becomes DATABASE_BUSY.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_WRITE_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          if (db.provider === "sqlite") await takeSqliteWriteLock(tx);
          // A lock held too long answers DATABASE_BUSY before statement_timeout would call it a slow query.
          // SET takes no parameters; set_config(…, true) is SET LOCAL with the value as one.
          else await tx.$executeRaw`SELECT set_config('lock_timeout', ${String(LOCK_TIMEOUT_MS)}, true)`;
          return work(Object.assign(tx, { provider: db.provider, sideEffects: [] }));
        },
        { timeout: 30_000, maxWait: 10_000 },
      );
    } catch (error) {
      if (lostRace(error) && attempt < MAX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * attempt * (0.5 + Math.random())));
        continue;
      }
      // Another process holds SQLite's write lock: wait without blocking the event loop, then try again.
      if (db.provider === "sqlite" && isDatabaseBusy(error) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, SQLITE_RETRY_MS));
        attempt--;
        continue;
      }
      throw asStableError(error);
    }
  }
}

/**
 * Prisma begins SQLite transactions DEFERRED: the first read takes a snapshot,
 * and a later write fails at once with SQLITE_BUSY if another process (the
 * keys CLI, an import) holds the write lock, without waiting out the busy
 * timeout. Writing first, a statement that changes nothing, takes the lock up
 * front, waiting as BEGIN IMMEDIATE would.
 */
const takeSqliteWriteLock = (tx: Prisma.TransactionClient) => tx.$executeRaw`DELETE FROM "SeedRun" WHERE 0`;

// Services check that every row they name exists before writing, so a foreign-key failure means a concurrent delete.
const lostRace = (error: unknown) => isSerializationFailure(error) || (error as { code?: string }).code === "P2003";

/** The errors a write can meet in a race, or when the database is saturated, as the API's own codes. */
function asStableError(error: unknown): unknown {
  const { code, meta } = error as { code?: string; meta?: { target?: unknown } };
  if (isSerializationFailure(error)) return new ConflictError("The write kept colliding with concurrent ones; retry");
  if (isDatabaseBusy(error)) return new DatabaseBusyError("The database is busy; retry shortly");
  switch (code) {
    case "P2002":
      return new ConflictError(`A concurrent write already used this value${meta?.target ? ` (${String(meta.target)})` : ""}; read again and retry`);
    // A row the write refers to, or meant to change, was deleted by a concurrent write.
    case "P2003":
    case "P2025":
      return new ConflictError("A row this write refers to was changed or deleted by a concurrent write; read again and retry");
    default:
      return error;
  }
}

/** Tables whose rows a write may lock; names come from code, never from input. */
export type LockableTable = "Claim" | "Article" | "Source";

/**
 * Locks rows until the transaction ends, so a count or check made after it
 * still holds at commit, and returns the ids that still exist (a row deleted
 * by a writer we waited for is missing). PostgreSQL takes row locks in id
 * order, so two writers cannot deadlock on the same set: "update" for rows the
 * write changes or counts under, "share" for rows it only reads and refers to
 * (they cannot be changed, deleted or merged away meanwhile). Writes lock
 * articles before claims, and claims before sources. SQLite has a single writer, and
 * the transaction already excludes other writes.
 */
export async function lockRows(tx: Tx, table: LockableTable, ids: string[], mode: "update" | "share" = "update"): Promise<Set<string>> {
  const wanted = [...new Set(ids)].sort();
  if (wanted.length === 0) return new Set();
  const rows =
    tx.provider === "postgresql"
      ? await tx.$queryRaw<
          { id: string }[]
        >`SELECT "id" FROM ${sqlIdentifier(table)} WHERE "id" = ANY(${wanted}::text[]) ORDER BY "id" ${Prisma.raw(mode === "update" ? "FOR UPDATE" : "FOR SHARE")}`
      : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${sqlIdentifier(table)} WHERE "id" IN (${Prisma.join(wanted)})`;
  return new Set(rows.map((row) => row.id));
}

/**
 * Serialises every transaction that takes the same named lock, until each
 * commits: for checks that read more rows than they could lock, such as
 * walking an affiliation chain. A no-op on SQLite (one writer at a time).
 */
export async function serializeOn(tx: Tx, name: "affiliations"): Promise<void> {
  if (tx.provider === "postgresql") await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`claimgraph:${name}`}))::text`;
}

const sqlIdentifier = (table: LockableTable) => Prisma.raw(`"${table}"`);
