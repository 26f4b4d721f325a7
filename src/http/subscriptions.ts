import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";

import { ErrorCode } from "../shared/errors.ts";

/**
 * A subscription sent to /graphql gets a clear refusal before execution, which
 * would otherwise fail inside graphql-js (the schema has no subscription type)
 * and reach the client as a masked internal error.
 */
export function refuseSubscriptionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError("Subscriptions are not served over HTTP: claimgraph has no subscription operations yet", {
            extensions: { code: ErrorCode.OPERATION_NOT_SUPPORTED, http: { status: 400 } },
          });
        },
      };
    },
  };
}
