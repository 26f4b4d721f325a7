import type { GraphQLInputObjectType, GraphQLInterfaceType, GraphQLUnionType } from "graphql";
import { buildSchema } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { ApiKeyResolver } from "../apiKey/apiKey.resolver.ts";
import { AppearanceResolver } from "../appearance/appearance.resolver.ts";
import { AuditResolver } from "../audit/audit.resolver.ts";
import { authChecker } from "../schema/auth.ts";
import { ArticleResolver } from "../article/article.resolver.ts";
import { ClaimResolver } from "../claim/claim.resolver.ts";
import { NodeResolver } from "../node/node.resolver.ts";
import { SearchResolver } from "../search/search.resolver.ts";
import { ClaimantProposalResolver, ExtractionResolver } from "../extraction/extraction.resolver.ts";
import { connectionResolvers } from "../schema/connection.ts";
import { validateArgument } from "../schema/validation.ts";
import { meterResponses } from "./responseBudget.ts";
import { planAware } from "../plan/plan.resolve.ts";
import { SourceResolver } from "../source/source.resolver.ts";
import { ReviewResolver } from "../review/review.resolver.ts";
import { ClaimReviewImportResolver } from "../review/review.importResolver.ts";

const ONE_OF_INPUTS = ["ArticleRef"];

/** The executable schema: every resolver is listed here. */
export async function createSchema() {
  const schema = await buildSchema({
    resolvers: [
      NodeResolver,
      ArticleResolver,
      SourceResolver,
      ClaimResolver,
      AppearanceResolver,
      ApiKeyResolver,
      AuditResolver,
      SearchResolver,
      ReviewResolver,
      ClaimReviewImportResolver,
      ExtractionResolver,
      ClaimantProposalResolver,
      ...connectionResolvers,
    ],
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    // Our validateFn runs class-validator and names the failing field's input path.
    validateFn: validateArgument,
    authChecker,
    // type-graphql's check runs a whole introspection query, 140 ms of every start; Apollo asserts the schema is
    // valid when it starts, and the schema test prints and checks it.
    skipCheck: true,
  });
  // type-graphql offers no way to describe the root type itself.
  schema.getQueryType()!.description = "claimgraph: articles, the sources they cite, and the claims attributed in them.";
  schema.getMutationType()!.description = "Writes. Each needs an API key (`Authorization: Bearer <key>`) with the role it names, and is audited.";
  // type-graphql wraps resolveType in an async function. Our rows carry their type name, so a plain lookup says the
  // same without a promise for every node and search hit.
  for (const name of ["Node", "SearchResult"]) {
    const type = schema.getType(name) as GraphQLInterfaceType | GraphQLUnionType;
    type.resolveType = (value) => (value as { __typename?: string }).__typename;
  }
  // Inputs that take exactly one of their fields are @oneOf, so clients and graphql-js check it; type-graphql has no
  // option for it. (SourceRef is not: `kind` and `role` go with `alias`.)
  for (const name of ONE_OF_INPUTS) (schema.getType(name) as GraphQLInputObjectType).isOneOf = true;
  return meterResponses(planAware(schema));
}
