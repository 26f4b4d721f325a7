// Recognises driver failures inside the errors Prisma wraps them in, so that
// the API can answer them with stable codes instead of masking them as
// internal errors.

/** PostgreSQL's query_canceled: the statement ran past statement_timeout. */
const QUERY_CANCELED = "57014";

/** The SQLSTATE the driver reported for `error`, if any; Prisma keeps it in `meta.driverAdapterError.cause`. */
function driverCode(error: unknown): string | undefined {
  for (let current = error as Record<string, any> | undefined, hops = 0; current && hops < 5; current = current.cause ?? current.originalError, hops++) {
    const cause = current.meta?.driverAdapterError?.cause;
    if (typeof cause?.originalCode === "string") return cause.originalCode;
    if (typeof cause?.code === "string") return cause.code;
  }
  return undefined;
}

/** Whether the database cancelled the statement at its statement timeout. */
export const isStatementTimeout = (error: unknown) => driverCode(error) === QUERY_CANCELED;
