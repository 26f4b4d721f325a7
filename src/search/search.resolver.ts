import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { SearchConnection, SearchRanking, SearchType } from "./search.type.ts";
import { snippetOf } from "./search.service.ts";

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      'Full-text search over articles, claims and sources, best first. The query is words (all required), "quoted phrases", prefix* words, -excluded terms, and OR between terms (`a b OR c` is a AND (b OR c)). Case is ignored and English words are stemmed ("tariffs" finds "tariff"). Other punctuation only separates words. A query matching more than SEARCH_RANK_WINDOW rows ranks only the newest of them (see `ranking`).',
  })
  async search(
    @Ctx() ctx: Context,
    @Arg("query", () => String, { description: "What to look for (at most 500 characters, 20 terms)." }) query: string,
    @Arg("types", () => [SearchType], { nullable: true, description: "Limit to these kinds (default: all)." }) types?: SearchType[],
    @Arg("first", () => Int, { nullable: true, description: "Page size paging forward, 1–100 (default 20)." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the last hit of the previous page." }) after?: string,
    @Arg("last", () => Int, { nullable: true, description: "Page size paging backward, 1–100: the hits just before `before`, or the last of the ranking." })
    last?: number,
    @Arg("before", () => String, { nullable: true, description: "Cursor of the first hit of the next page (paging backward)." }) before?: string,
  ) {
    const result = await ctx.services.search.search({ query, types, first, after, last, before });
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
          cursor: result.cursorOf(hit),
          score: -hit.rank,
          node: { ...row, __typename: hit.type },
          snippet: snippetOf(row, hit.type, result.query, hit.stemmer),
        },
      ];
    });
    return {
      edges,
      pageInfo: {
        hasNextPage: result.hasNextPage,
        hasPreviousPage: result.hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: result.count,
      totalCountIsExact: result.totalCountIsExact,
      ranking: result.ranking === "WINDOWED" ? SearchRanking.WINDOWED : SearchRanking.EXACT,
      rankingWindow: result.rankingWindow,
    };
  }
}
