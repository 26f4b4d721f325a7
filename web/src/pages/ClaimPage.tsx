import { useEffect } from "react";
import { useQuery } from "urql";

import { QueryState } from "../components/QueryState.tsx";
import { QuoteInContext } from "../components/QuoteInContext.tsx";
import { ReviewItem } from "../components/ReviewItem.tsx";
import { SourceLink } from "../components/SourceLink.tsx";
import { graphql } from "../gql";
import { count, formatDate } from "../lib/format.ts";

// One operation: the claim, every appearance with its article's text for the context, and its reviews.
export const ClaimPageQuery = graphql(`
  query ClaimPage($id: ID!) {
    claim(id: $id) {
      id
      text
      cue
      claimedAt
      claimedAtPrecision
      claimantDescription
      claimant {
        role
        ...SourceLink_source
      }
      channel {
        ...SourceLink_source
      }
      reportedBy {
        ...SourceLink_source
      }
      appearances {
        id
        ...QuoteInContext_appearance
      }
      reviews(first: 20, orderBy: { field: DATE_PUBLISHED, direction: DESC }) {
        totalCount
        edges {
          node {
            id
            ...ReviewItem_review
          }
        }
      }
    }
  }
`);

export function ClaimPage({ id }: { id: string }) {
  const [result] = useQuery({ query: ClaimPageQuery, variables: { id } });
  const text = result.data?.claim?.text;
  useEffect(() => {
    if (text) document.title = `${text.length > 60 ? `${text.slice(0, 60)}…` : text} · claimgraph reader`;
  }, [text]);
  return (
    <QueryState result={result} missing={(data) => (data.claim ? null : "There is no such claim.")}>
      {({ claim }) => {
        const c = claim!;
        return (
          <>
            <p className="eyebrow">Claim</p>
            <h1 className="claim-text">{c.text}</h1>
            <dl className="facts">
              <dt>Claimant</dt>
              <dd>
                {c.claimant ? <SourceLink source={c.claimant} /> : (c.claimantDescription ?? "Unnamed")}
                {c.claimant?.role ? `, ${c.claimant.role}` : ""}
              </dd>
              <dt>Cue</dt>
              <dd>“{c.cue}”</dd>
              {c.claimedAt ? (
                <>
                  <dt>Date</dt>
                  <dd>{formatDate(c.claimedAt, c.claimedAtPrecision)}</dd>
                </>
              ) : null}
              {c.channel ? (
                <>
                  <dt>Channel</dt>
                  <dd>
                    <SourceLink source={c.channel} />
                  </dd>
                </>
              ) : null}
              {c.reportedBy ? (
                <>
                  <dt>Reported by</dt>
                  <dd>
                    <SourceLink source={c.reportedBy} />
                  </dd>
                </>
              ) : null}
            </dl>
            <section aria-labelledby="appearances-heading">
              <h2 id="appearances-heading">Where it appears ({count(c.appearances.length, "appearance")})</h2>
              <ol className="plain">
                {c.appearances.map((appearance) => (
                  <QuoteInContext key={appearance.id} appearance={appearance} />
                ))}
              </ol>
            </section>
            <section aria-labelledby="reviews-heading">
              <h2 id="reviews-heading">Fact-checks ({c.reviews.totalCount})</h2>
              {c.reviews.edges.length ? (
                <ul className="plain">
                  {c.reviews.edges.map(({ node }) => (
                    <ReviewItem key={node.id} review={node} />
                  ))}
                </ul>
              ) : (
                <p>No fact-check of this claim yet.</p>
              )}
            </section>
          </>
        );
      }}
    </QueryState>
  );
}
