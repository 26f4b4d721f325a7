import type { ApolloServerPlugin } from "@apollo/server";

import type { Logger } from "../logger.ts";

/**
 * One structured line per GraphQL request: request id, operation, duration,
 * outcome and the key's name. Never the key itself, the query text or variables.
 */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<{ requestId: string; viewer: { name: string } | null }> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName, contextValue: context }) {
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? "UNKNOWN")))];
          logger.info(
            {
              requestId: context.requestId,
              operation: operationName ?? null,
              type: operation?.operation ?? null,
              key: context.viewer?.name ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              outcome: errors.length === 0 ? "ok" : codes.join(","),
            },
            "graphql request",
          );
        },
      };
    },
  };
}
