import type { Db } from "../db/client.ts";
import type { Provider } from "../db/databaseUrl.ts";
import type { Prisma } from "../generated/prisma/client.ts";
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
