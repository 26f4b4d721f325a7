import type { Db } from "../db/client.ts";
import type { Provider } from "../db/databaseUrl.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { ConflictError } from "./errors.ts";

/** A transaction, and which backend it runs on (raw SQL differs by dialect). */
export type Tx = Prisma.TransactionClient & { readonly provider: Provider };

/**
 * Runs `work` in one transaction: everything or nothing. Services check
 * uniqueness inside the transaction first; a concurrent writer that wins the
 * race still surfaces as CONFLICT, never as an internal error.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction((tx) => work(Object.assign(tx, { provider: db.provider })), { timeout: 30_000, maxWait: 10_000 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "P2002") {
      const target = (error as { meta?: { target?: unknown } }).meta?.target;
      throw new ConflictError(`A concurrent write already used this value${target ? ` (${String(target)})` : ""}; read again and retry`);
    }
    if (code === "P2034") throw new ConflictError("The write collided with a concurrent one; retry");
    throw error;
  }
}

/** Tables whose rows a write may lock; names come from code, never from input. */
export type LockableTable = "Claim" | "Article" | "Source";

/**
 * Locks rows until the transaction ends, so a count or check made after it
 * still holds at commit. PostgreSQL takes row locks (in id order, so two
 * writers cannot deadlock on the same set); SQLite has a single writer, and
 * the transaction already excludes other writes.
 */
export async function lockRows(tx: Tx, table: LockableTable, ids: string[]): Promise<void> {
  if (tx.provider !== "postgresql" || ids.length === 0) return;
  await tx.$queryRaw`SELECT "id" FROM ${sqlIdentifier(table)} WHERE "id" = ANY(${[...new Set(ids)].sort()}::text[]) ORDER BY "id" FOR UPDATE`;
}

const sqlIdentifier = (table: LockableTable) => Prisma.raw(`"${table}"`);
