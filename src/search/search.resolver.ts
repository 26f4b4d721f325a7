import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { SearchConnection, SearchType } from "./search.type.ts";
import { snippetOf } from "./search.service.ts";

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      'Full-text search over articles, claims and sources, best first. The query is words (all required), "quoted phrases" and prefix* words; case is ignored and words are not stemmed. Other punctuation only separates words.',
  })
  async search(
    @Ctx() ctx: Context,
    @Arg("query", () => String, { description: "What to look for (at most 500 characters, 20 terms)." }) query: string,
    @Arg("types", () => [SearchType], { nullable: true, description: "Limit to these kinds (default: all)." }) types?: SearchType[],
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1–100 (default 20)." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the last hit of the previous page." }) after?: string,
  ) {
    const result = await ctx.services.search.search({ query, types, first, after });
    const loaders = { Article: ctx.loaders.article.byId, Claim: ctx.loaders.claim.byId, Source: ctx.loaders.source.byId };
    const rows = await Promise.all(
      result.hits.map(async (hit) => {
        const row = await loaders[hit.type].load(hit.id);
        // Article reads leave the body out, and a snippet may come from it.
        if (!row || hit.type !== "Article") return row;
        const body = await ctx.loaders.article.body.load(hit.id).catch(() => null);
        return body === null ? null : { ...row, body };
      }),
    );
    const edges = result.hits.flatMap((hit, i) => {
      const row = rows[i];
      // A row deleted between the index read and this load is skipped.
      if (!row) return [];
      return [
        {
          cursor: ctx.services.search.cursorOf(hit),
          score: -hit.rank,
          node: { ...row, __typename: hit.type },
          snippet: snippetOf(row, hit.type, result.items),
        },
      ];
    });
    return {
      edges,
      pageInfo: { hasNextPage: result.hasNextPage, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: result.count,
    };
  }
}
