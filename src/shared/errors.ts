import { GraphQLError } from "graphql";

/** Every `extensions.code` claimgraph returns. Clients may switch on these. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  // type-graphql's own UNAUTHORIZED (wrong role) is reported as this code.
  FORBIDDEN = "FORBIDDEN",
  // HTTP 429, with Retry-After.
  RATE_LIMITED = "RATE_LIMITED",
  // The response grew past LIMIT_RESPONSE_BYTES while it was built; `extensions.limit` holds the limit.
  RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE",
  // PostgreSQL cancelled a statement at STATEMENT_TIMEOUT_MS.
  QUERY_TIMEOUT = "QUERY_TIMEOUT",
  // HTTP 503 with Retry-After: no database connection or write lock came free in time.
  DATABASE_BUSY = "DATABASE_BUSY",
  // HTTP 503 with Retry-After: every extraction thread is busy and its queue is full, or the server is stopping.
  EXTRACTION_BUSY = "EXTRACTION_BUSY",
  // A request HTTP cannot carry to GraphQL: a body that is not JSON, a POST without Content-Type: application/json.
  BAD_REQUEST = "BAD_REQUEST",
  // No operation is stored under this automatic persisted query hash yet: send the text with it (Apollo's code and
  // message, HTTP 200). With PERSISTED_OPERATIONS=only: no operation in the manifest has this id (HTTP 400).
  PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND",
  // HTTP 400: extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text sent with it.
  PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH",
  // HTTP 400: PERSISTED_OPERATIONS=only, and the request sends a document's text instead of a listed operation's id.
  PERSISTED_QUERY_NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED",
  // HTTP 400: an operation kind /graphql does not run (a subscription).
  OPERATION_NOT_SUPPORTED = "OPERATION_NOT_SUPPORTED",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/** Bad arguments. `field` is the argument or input path, e.g. `claims[2].appearances[0].quote`. */
export class UserInputError extends GraphQLError {
  constructor(message: string, field: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, ...extra } });
  }
}

/** An id the input names does not exist. */
export class NotFoundError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, ...(field ? { field } : {}) } });
  }
}

/** The write lost a race or would break an invariant (stale version, affiliation cycle). */
export class ConflictError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...extra } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = "A valid API key is required: send `Authorization: Bearer <key>`") {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** Capacity ran out for now (HTTP 503 with Retry-After): the request itself was fine, so retry after `retryAfter` seconds. */
export class BusyError extends GraphQLError {
  constructor(code: ErrorCode.DATABASE_BUSY | ErrorCode.EXTRACTION_BUSY, message: string, retryAfter = 1) {
    super(message, { extensions: { code, retryAfter, http: { status: 503, headers: new Map([["retry-after", String(retryAfter)]]) } } });
  }
}

/** The database could not take the work in time (pool exhausted, write lock held). */
export class DatabaseBusyError extends BusyError {
  constructor(message: string, retryAfter = 1) {
    super(ErrorCode.DATABASE_BUSY, message, retryAfter);
  }
}
