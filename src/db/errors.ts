// Recognises driver failures inside the errors Prisma wraps them in, so that
// the API can answer them with stable codes instead of masking them as
// internal errors.

/** PostgreSQL's query_canceled: the statement ran past statement_timeout. */
const QUERY_CANCELED = "57014";
const LOCK_NOT_AVAILABLE = "55P03";

/** The SQLSTATE the driver reported for `error`, if any; Prisma keeps it in `meta.driverAdapterError.cause`. */
function driverCode(error: unknown): string | undefined {
  // biome-ignore lint/suspicious/noExplicitAny: the error shapes of Prisma and the drivers are untyped
  for (let current = error as Record<string, any> | undefined, hops = 0; current && hops < 5; current = current.cause ?? current.originalError, hops++) {
    // Prisma's errors carry the driver's in meta; a DriverAdapterError (e.g. at COMMIT) in its cause.
    const cause = current.meta?.driverAdapterError?.cause;
    if (typeof cause?.originalCode === "string") return cause.originalCode;
    if (typeof cause?.code === "string") return cause.code;
    if (typeof current.originalCode === "string") return current.originalCode;
  }
  return undefined;
}

/** Whether the database cancelled the statement at its statement timeout. */
export const isStatementTimeout = (error: unknown) => driverCode(error) === QUERY_CANCELED;

/** A serialization failure or deadlock: the transaction lost a race and may simply be run again. */
export function isSerializationFailure(error: unknown): boolean {
  if ((error as { code?: string }).code === "P2034") return true;
  const code = driverCode(error);
  return code === "40001" || code === "40P01";
}

/** SQLite's write lock stayed taken past the busy timeout, or Prisma gave up on a connection or transaction slot. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code === "P2024" || code === "P2028" || code === "P1008") return true;
  const driver = driverCode(error);
  // 55P03: PostgreSQL's lock_not_available, a row lock not granted within lock_timeout.
  return driver === LOCK_NOT_AVAILABLE || (driver?.startsWith("SQLITE_BUSY") ?? false);
}
