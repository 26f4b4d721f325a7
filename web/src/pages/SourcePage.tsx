import { useEffect } from "react";
import { useQuery } from "urql";

import { ClaimSummary } from "../components/ClaimSummary.tsx";
import { Outlets } from "../components/Outlets.tsx";
import { Pager } from "../components/Pager.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { SourceLink } from "../components/SourceLink.tsx";
import { TrackRecord } from "../components/TrackRecord.tsx";
import { graphql } from "../gql";
import { count, enumLabel } from "../lib/format.ts";
import { pageArguments, pageLinks } from "../lib/paging.ts";

const PAGE = 20;

// One operation: the source, a page of its claims (each with its summary and where it was reported), what it
// reported or carried for others, and its track record.
export const SourcePageQuery = graphql(`
  query SourcePage($slug: String!, $first: Int, $after: String, $last: Int, $before: String) {
    source(slug: $slug) {
      id
      name
      kind
      role
      description
      url
      aliases
      affiliation {
        ...SourceLink_source
      }
      claims(first: $first, after: $after, last: $last, before: $before, orderBy: { field: CLAIMED_AT, direction: DESC }) {
        totalCount
        edges {
          node {
            id
            ...ClaimSummary_claim
            ...Outlets_claim
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
      }
      reportedClaims(first: 20, orderBy: { field: CLAIMED_AT, direction: DESC }) {
        totalCount
        edges {
          node {
            id
            ...ClaimSummary_claim
          }
        }
      }
      channelClaims(first: 20, orderBy: { field: CLAIMED_AT, direction: DESC }) {
        totalCount
        edges {
          node {
            id
            ...ClaimSummary_claim
          }
        }
      }
      ...TrackRecord_source
    }
  }
`);

export function SourcePage({ slug, after, before, url }: { slug: string; after: string | null; before: string | null; url: URL }) {
  const [result] = useQuery({ query: SourcePageQuery, variables: { slug, ...pageArguments(PAGE, after, before) } });
  const name = result.data?.source?.name;
  useEffect(() => {
    if (name) document.title = `${name} · claimgraph reader`;
  }, [name]);
  return (
    <QueryState result={result} missing={(data) => (data.source ? null : `There is no source “${slug}”.`)}>
      {({ source }) => {
        const s = source!;
        const { claims } = s;
        const others = s.aliases.filter((alias) => alias !== s.name);
        return (
          <>
            <h1>{s.name}</h1>
            <p className="meta">
              {enumLabel(s.kind)}
              {s.role ? ` · ${s.role}` : ""}
              {s.affiliation ? (
                <>
                  {" · "}
                  <SourceLink source={s.affiliation} />
                </>
              ) : null}
              {s.url ? (
                <>
                  {" · "}
                  <a href={s.url}>website</a>
                </>
              ) : null}
            </p>
            {others.length ? <p className="meta">Also known as {others.join(", ")}</p> : null}
            {s.description ? <p>{s.description}</p> : null}
            <div className="columns">
              <section aria-labelledby="source-claims-heading">
                <h2 id="source-claims-heading">
                  Claims by {s.name} ({count(claims.totalCount, "claim")})
                </h2>
                {claims.edges.length ? (
                  <ol className="plain">
                    {claims.edges.map(({ node }) => (
                      <ClaimSummary key={node.id} claim={node} showClaimant={false} />
                    ))}
                  </ol>
                ) : (
                  <p>No claims are attributed to {s.name}.</p>
                )}
                <Pager label="Pages of claims" {...pageLinks(url, claims.pageInfo, after, before)} />
                {s.reportedClaims.totalCount ? (
                  <>
                    <h2>Reported by {s.name}</h2>
                    <ol className="plain">
                      {s.reportedClaims.edges.map(({ node }) => (
                        <ClaimSummary key={node.id} claim={node} />
                      ))}
                    </ol>
                  </>
                ) : null}
                {s.channelClaims.totalCount ? (
                  <>
                    <h2>Made through {s.name}</h2>
                    <ol className="plain">
                      {s.channelClaims.edges.map(({ node }) => (
                        <ClaimSummary key={node.id} claim={node} />
                      ))}
                    </ol>
                  </>
                ) : null}
              </section>
              <aside>
                {claims.edges.length ? <Outlets claims={claims.edges.map((edge) => edge.node)} /> : null}
                <TrackRecord source={s} />
              </aside>
            </div>
          </>
        );
      }}
    </QueryState>
  );
}
