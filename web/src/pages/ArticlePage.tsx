import { useEffect } from "react";
import { useQuery } from "urql";

import { ClaimSummary } from "../components/ClaimSummary.tsx";
import { HighlightedBody } from "../components/HighlightedBody.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { SourceLink } from "../components/SourceLink.tsx";
import { graphql } from "../gql";
import { count, formatDate } from "../lib/format.ts";

// One operation for the whole page: the components' fragments (the highlighted text with each span's claim card,
// the claim list) composed under `article`.
export const ArticlePageQuery = graphql(`
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      id
      title
      summary
      publishedAt
      url
      publisher {
        ...SourceLink_source
      }
      authors {
        id
        ...SourceLink_source
      }
      ...HighlightedBody_article
      claims(first: 100) {
        totalCount
        edges {
          node {
            id
            ...ClaimSummary_claim
          }
        }
      }
    }
  }
`);

export function ArticlePage({ slug }: { slug: string }) {
  const [result] = useQuery({ query: ArticlePageQuery, variables: { slug } });
  const title = result.data?.article?.title;
  useEffect(() => {
    if (title) document.title = `${title} · claimgraph reader`;
  }, [title]);
  return (
    <QueryState result={result} missing={(data) => (data.article ? null : `There is no article “${slug}”.`)}>
      {({ article }) => {
        const a = article!;
        return (
          <>
            <article className="article">
              <h1>{a.title}</h1>
              <p className="meta">
                {a.publisher ? <SourceLink source={a.publisher} /> : "Publisher not named"}
                {a.publishedAt ? ` · ${formatDate(a.publishedAt)}` : ""}
                {a.authors.length ? (
                  <>
                    {" · by "}
                    {a.authors.map((author, i) => (
                      <span key={author.id}>
                        {i ? ", " : ""}
                        <SourceLink source={author} />
                      </span>
                    ))}
                  </>
                ) : null}
                {a.url ? (
                  <>
                    {" · "}
                    <a href={a.url}>original</a>
                  </>
                ) : null}
              </p>
              {a.summary ? <p className="summary">{a.summary}</p> : null}
              <HighlightedBody article={a} />
            </article>
            <section className="claims" aria-labelledby="claims-heading">
              <h2 id="claims-heading">Claims in this article ({count(a.claims.totalCount, "claim")})</h2>
              <ol className="plain">
                {a.claims.edges.map(({ node }) => (
                  <ClaimSummary key={node.id} claim={node} />
                ))}
              </ol>
            </section>
          </>
        );
      }}
    </QueryState>
  );
}
