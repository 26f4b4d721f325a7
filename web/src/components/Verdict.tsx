import { type FragmentType, getFragmentData, graphql } from "../gql";
import type { Verdict as VerdictValue } from "../gql/graphql";
import { enumLabel, formatDate } from "../lib/format.ts";

export const LatestVerdictFragment = graphql(`
  fragment LatestVerdict_claim on Claim {
    reviews(first: 5, orderBy: { field: DATE_PUBLISHED, direction: DESC }) {
      edges {
        node {
          id
          status
          verdict
          datePublished
          rating {
            alternateName
          }
          reviewer {
            name
          }
        }
      }
    }
  }
`);

/** A verdict on claimgraph's scale, as a label whose colour says which way it goes. */
export function VerdictBadge({ verdict }: { verdict: VerdictValue }) {
  const leaning = verdict === "TRUE" || verdict === "MOSTLY_TRUE" ? "true" : verdict === "FALSE" || verdict === "MOSTLY_FALSE" ? "false" : "other";
  return <span className={`verdict verdict-${leaning}`}>{enumLabel(verdict)}</span>;
}

/** The latest published review's verdict on a claim, with who gave it; `fallback` (or nothing) when no published review exists. */
export function LatestVerdict(props: { claim: FragmentType<typeof LatestVerdictFragment>; long?: boolean; fallback?: string }) {
  const { reviews } = getFragmentData(LatestVerdictFragment, props.claim);
  const review = reviews.edges.map((edge) => edge.node).find((node) => node.status === "PUBLISHED");
  if (!review) return props.fallback ? <span className="unreviewed">{props.fallback}</span> : null;
  return (
    <span className="latest-verdict">
      <VerdictBadge verdict={review.verdict} />
      {props.long ? (
        <span className="verdict-by">
          {" "}
          “{review.rating.alternateName}”{review.reviewer ? `, ${review.reviewer.name}` : ""}
          {review.datePublished ? `, ${formatDate(review.datePublished)}` : ""}
        </span>
      ) : null}
    </span>
  );
}
