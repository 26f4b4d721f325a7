import { createUnionType, Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

import { Article } from "../article/article.type.ts";
import { Claim } from "../claim/claim.type.ts";
import { lazyTotalCount, PageInfo } from "../schema/connection.ts";
import { Source } from "../source/source.type.ts";

export enum SearchType {
  ARTICLE = "Article",
  CLAIM = "Claim",
  SOURCE = "Source",
}

registerEnumType(SearchType, {
  name: "SearchType",
  description: "What to search.",
  valuesConfig: {
    ARTICLE: { description: "Articles: title, summary and body." },
    CLAIM: { description: "Claims: text, unnamed claimant, cue." },
    SOURCE: { description: "Sources: name, aliases, role, description." },
  },
});

export enum SearchRanking {
  EXACT = "EXACT",
  WINDOWED = "WINDOWED",
}

registerEnumType(SearchRanking, {
  name: "SearchRanking",
  description: "How a search ranked its matches.",
  valuesConfig: {
    EXACT: { description: "Every match was ranked: the query matched at most SEARCH_RANK_WINDOW rows." },
    WINDOWED: {
      description:
        "The query matched more than SEARCH_RANK_WINDOW rows: only the newest `rankingWindow` of them (most recently written) were ranked, and the pages hold only those.",
    },
  },
});

export const SearchResult = createUnionType({
  name: "SearchResult",
  description: "Something search found.",
  types: () => [Article, Claim, Source] as const,
  // Search tags each row with its type; rows are plain objects.
  resolveType: (value) => (value as { __typename?: string }).__typename,
});

@ObjectType({ description: "A range of UTF-16 code units: `text.slice(start, end)`." })
export class TextRange {
  @Field(() => Int, { description: "First code unit (inclusive)." })
  start: number;

  @Field(() => Int, { description: "End (exclusive)." })
  end: number;
}

@ObjectType({ description: "Where a hit matched, as a short excerpt and as offsets into the full field." })
export class Snippet {
  @Field(() => String, { description: "The field the excerpt comes from, e.g. `body`, `title`, `text`, `name`." })
  field: string;

  @Field(() => String, { description: "An excerpt around the first match; `…` marks cut text." })
  text: string;

  @Field(() => [TextRange], { description: "The matched words and phrases, as offsets into `text`." })
  highlights: TextRange[];

  @Field(() => [TextRange], { description: "Every match in the whole field, as offsets into the field's full value." })
  matches: TextRange[];
}

@ObjectType({ description: "One search hit." })
export class SearchEdge {
  @Field(() => String, { description: "Opaque cursor of this hit." })
  cursor: string;

  @Field(() => SearchResult, { description: "The article, claim or source found." })
  node: typeof SearchResult;

  @Field(() => Float, { description: "Relevance, higher is better. Comparable within one result list only: each backend ranks its own way." })
  score: number;

  @Field(() => Snippet, { nullable: true, description: "Where it matched; null when the match is only in a field not shown (e.g. a cue)." })
  snippet: Snippet | null;
}

@ObjectType({ description: "Search hits, best first." })
export class SearchConnection {
  @Field(() => [SearchEdge], { description: "The hits on this page." })
  edges: SearchEdge[];

  @Field(() => PageInfo, { description: "Where this page sits." })
  pageInfo: PageInfo;

  @Field(() => Int, {
    description:
      "Number of matches. Exact up to SEARCH_COUNT_CAP (or the rank window, if larger); above that an estimate, and `totalCountIsExact` is false. It counts every match, also those a WINDOWED ranking left out.",
  })
  totalCount: number;

  @Field(() => Boolean, { description: "False when `totalCount` is an estimate: the query matched more rows than the count cap." })
  totalCountIsExact: boolean;

  @Field(() => SearchRanking, { description: "EXACT when every match was ranked, WINDOWED when only the newest `rankingWindow` were." })
  ranking: SearchRanking;

  @Field(() => Int, { nullable: true, description: "When WINDOWED: how many of the newest matches were ranked (SEARCH_RANK_WINDOW). Null when EXACT." })
  rankingWindow: number | null;
}

lazyTotalCount(SearchConnection);
