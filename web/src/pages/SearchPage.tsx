import { useEffect } from "react";
import { useQuery } from "urql";

import { QueryState } from "../components/QueryState.tsx";
import { Pager } from "../components/Pager.tsx";
import { SearchHit } from "../components/SearchHit.tsx";
import { graphql } from "../gql";
import { count } from "../lib/format.ts";
import { paths } from "../lib/router.tsx";

const PAGE = 10;

// One operation: a page of ranked hits, each with its snippet, and the cursor of the next page.
export const SearchPageQuery = graphql(`
  query SearchPage($query: String!, $first: Int!, $after: String) {
    search(query: $query, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        ...SearchHit_edge
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * What the browser's history keeps for a page of results: the `after` cursors of the pages before it ("" for the
 * first), since search pages forward only. A link opened afresh has none, and offers the first page instead.
 */
type Trail = { cursors: string[] };

const trailOf = (state: unknown): string[] | null => {
  const cursors = (state as Trail | null)?.cursors;
  return Array.isArray(cursors) && cursors.every((each) => typeof each === "string") ? cursors : null;
};

export function SearchPage({ query, after }: { query: string; after: string | null }) {
  const blank = !query.trim();
  const [result] = useQuery({ query: SearchPageQuery, variables: { query, first: PAGE, after }, pause: blank });
  useEffect(() => {
    document.title = blank ? "Search · claimgraph reader" : `“${query}” · claimgraph reader`;
  }, [query, blank]);
  if (blank) {
    return (
      <>
        <h1>Search</h1>
        <p>
          Type words in the search box above: every word must occur; <code>"quoted words"</code> must occur together, and <code>word*</code> finds words that
          start with it.
        </p>
      </>
    );
  }
  const trail = trailOf(history.state);
  const before = trail ?? [];
  const first = before.length * PAGE + 1;
  return (
    <QueryState result={result}>
      {({ search }) => {
        const previous = after
          ? trail?.length
            ? { href: paths.search(query, trail.at(-1)), state: { cursors: trail.slice(0, -1) } }
            : { href: paths.search(query) }
          : null;
        const next = search.pageInfo.hasNextPage
          ? { href: paths.search(query, search.pageInfo.endCursor), state: { cursors: [...before, after ?? ""] } }
          : null;
        return (
          <>
            <h1>Results for “{query}”</h1>
            <p role="status">
              {search.totalCount === 0
                ? "Nothing matches all of these words."
                : `${count(search.totalCount, "result")}, best first${search.edges.length ? `; showing ${first}–${first + search.edges.length - 1}` : ""}.`}
            </p>
            <ol className="plain search-results" start={first}>
              {search.edges.map((edge) => (
                <SearchHit key={edge.cursor} edge={edge} />
              ))}
            </ol>
            <Pager label="Pages of results" previous={previous} next={next} />
          </>
        );
      }}
    </QueryState>
  );
}
