import { useEffect } from "react";
import { useQuery } from "urql";

import { ArticleTeaser } from "../components/ArticleTeaser.tsx";
import { Pager } from "../components/Pager.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { graphql } from "../gql";
import { count } from "../lib/format.ts";
import { pageArguments, pageLinks } from "../lib/paging.ts";

const PAGE = 20;

export const HomePageQuery = graphql(`
  query HomePage($first: Int, $after: String, $last: Int, $before: String) {
    articles(first: $first, after: $after, last: $last, before: $before, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          ...ArticleTeaser_article
        }
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

export function HomePage({ after, before, url }: { after: string | null; before: string | null; url: URL }) {
  const [result] = useQuery({ query: HomePageQuery, variables: pageArguments(PAGE, after, before) });
  useEffect(() => {
    document.title = "claimgraph reader";
  }, []);
  return (
    <QueryState result={result}>
      {({ articles }) => (
        <>
          <h1>Articles</h1>
          <p className="meta">{count(articles.totalCount, "article")}, newest first. Open one to read it with every claim highlighted where it stands.</p>
          <ul className="plain">
            {articles.edges.map(({ node }) => (
              <ArticleTeaser key={node.id} article={node} />
            ))}
          </ul>
          <Pager label="Pages of articles" {...pageLinks(url, articles.pageInfo, after, before)} />
        </>
      )}
    </QueryState>
  );
}
