import { buildSchema } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { AppearanceResolver } from "./appearance/appearance.resolver.ts";
import { ArticleResolver } from "./article/article.resolver.ts";
import { ClaimResolver } from "./claim/claim.resolver.ts";
import { NodeResolver } from "./common/node.resolver.ts";
import { connectionResolvers } from "./common/pagination.ts";
import { SourceResolver } from "./source/source.resolver.ts";

/** The executable schema: every resolver is listed here. */
export async function createSchema() {
  const schema = await buildSchema({
    resolvers: [NodeResolver, ArticleResolver, SourceResolver, ClaimResolver, AppearanceResolver, ...connectionResolvers] as [
      Function,
      ...Function[],
    ],
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: true,
  });
  // type-graphql offers no way to describe the root type itself.
  schema.getQueryType()!.description = "claimgraph: articles, the sources they cite, and the claims attributed in them.";
  return schema;
}
