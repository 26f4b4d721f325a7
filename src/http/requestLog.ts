import type { ApolloServerPlugin } from "@apollo/server";

import type { Logger } from "../logger.ts";

/**
 * One structured line per GraphQL request: request id, operation, duration,
 * outcome, the key's name, and whether the plan alone answered. Never the key itself, the query text or variables.
 */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<{ requestId: string; viewer: { name: string } | null; answeredFromPlan: boolean }> {
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
              // True when the planned statements answered without graphql-js execution.
              fromPlan: context.answeredFromPlan,
            },
            "graphql request",
          );
        },
      };
    },
  };
}
