import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLError, GraphQLFormattedError } from "graphql";

import type { Logger } from "../logger.ts";
import { isDatabaseBusy, isStatementTimeout } from "../db/errors.ts";
import { ErrorCode } from "../shared/errors.ts";

// Codes that describe the client's request and are safe to show as they are.
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

const isClientError = (extensions: { code?: unknown } | undefined) =>
  typeof extensions?.code === "string" && (CLIENT_CODES.has(extensions.code) || extensions.code in RENAMED_CODES);

// Codes other libraries use for the same thing, reported under ours.
const RENAMED_CODES: Record<string, ErrorCode> = { UNAUTHORIZED: ErrorCode.FORBIDDEN };

/**
 * Apollo's formatError: anything not raised on purpose loses its message; no
 * stack ever leaves. A statement the database cancelled at its timeout is
 * reported as QUERY_TIMEOUT with the timeout as its limit.
 */
export function createFormatError({ statementTimeoutMs }: { statementTimeoutMs?: number } = {}) {
  return function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
    if (error !== undefined && isDatabaseBusy(unwrapResolverError(error))) {
      return {
        message: "The database is busy; retry shortly",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.DATABASE_BUSY, retryAfter: 1 },
      };
    }
    if (error !== undefined && isStatementTimeout(unwrapResolverError(error))) {
      return {
        message: `The query ran past the statement timeout${statementTimeoutMs ? ` of ${statementTimeoutMs} ms` : ""} and was cancelled; ask for less (smaller pages, simpler filters) and retry`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.QUERY_TIMEOUT, ...(statementTimeoutMs ? { limit: statementTimeoutMs } : {}) },
      };
    }
    return formatClientError(formatted);
  };
}

export const formatError = createFormatError();

function formatClientError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && code in RENAMED_CODES) {
    return formatClientError({ ...formatted, extensions: { ...formatted.extensions, code: RENAMED_CODES[code] } });
  }
  if (isClientError(formatted.extensions)) {
    const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** Logs each masked error in full and gives the client its request id to quote. */
export function errorMaskingPlugin(logger: Logger): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors as readonly GraphQLError[]) {
            if (isClientError(error.extensions)) continue;
            // Answered with their own codes (formatError): load, not bugs, so not at error level.
            const cause = unwrapResolverError(error);
            if (isStatementTimeout(cause) || isDatabaseBusy(cause)) {
              logger.warn(
                { path: error.path, requestId: contextValue.requestId, reason: isStatementTimeout(cause) ? "statement timeout" : "database busy" },
                "database limit reached",
              );
              continue;
            }
            logger.error({ err: unwrapResolverError(error), path: error.path, requestId: contextValue.requestId }, "internal error in GraphQL request");
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
