import { useEffect } from "react";
import { useQuery } from "urql";

import { QueryState } from "../components/QueryState.tsx";
import { Pager } from "../components/Pager.tsx";
import { SearchHit } from "../components/SearchHit.tsx";
import { graphql } from "../gql";
import { count } from "../lib/format.ts";
import { pageArguments, pageLinks } from "../lib/paging.ts";

const PAGE = 10;

// One operation: a page of ranked hits, each with its snippet, and the cursors of the pages on either side.
export const SearchPageQuery = graphql(`
  query SearchPage($query: String!, $first: Int, $after: String, $last: Int, $before: String) {
    search(query: $query, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      totalCountIsExact
      edges {
        cursor
        ...SearchHit_edge
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

export function SearchPage({ query, after, before, url }: { query: string; after: string | null; before: string | null; url: URL }) {
  const blank = !query.trim();
  const [result] = useQuery({ query: SearchPageQuery, variables: { query, ...pageArguments(PAGE, after, before) }, pause: blank });
  useEffect(() => {
    document.title = blank ? "Search · claimgraph reader" : `“${query}” · claimgraph reader`;
  }, [query, blank]);
  if (blank) {
    return (
      <>
        <h1>Search</h1>
        <p>
          Type words in the search box above: every word must occur; <code>"quoted words"</code> must occur together, <code>word*</code> finds words that start
          with it, <code>-word</code> leaves out what has it, and <code>OR</code> takes either side.
        </p>
      </>
    );
  }
  return (
    <QueryState result={result}>
      {({ search }) => (
        <>
          <h1>Results for “{query}”</h1>
          <p role="status">
            {search.totalCount === 0
              ? "Nothing matches."
              : `${search.totalCountIsExact ? "" : "About "}${count(search.totalCount, "result")}, best first${after || before ? "" : `; the first ${Math.min(PAGE, search.edges.length)} here`}.`}
          </p>
          <ol className="plain search-results">
            {search.edges.map((edge) => (
              <SearchHit key={edge.cursor} edge={edge} />
            ))}
          </ol>
          <Pager label="Pages of results" {...pageLinks(url, search.pageInfo, after, before)} />
        </>
      )}
    </QueryState>
  );
}
