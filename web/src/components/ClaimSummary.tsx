import { type FragmentType, getFragmentData, graphql } from "../gql";
import { formatDate } from "../lib/format.ts";
import { Link, paths } from "../lib/router.tsx";
import { SourceLink } from "./SourceLink.tsx";
import { LatestVerdict } from "./Verdict.tsx";

export const ClaimSummaryFragment = graphql(`
  fragment ClaimSummary_claim on Claim {
    id
    text
    cue
    claimedAt
    claimedAtPrecision
    claimantDescription
    claimant {
      id
      ...SourceLink_source
    }
    ...LatestVerdict_claim
  }
`);

/** One claim in a list: its text (linking to the claim), who made it, when, and its verdict. */
export function ClaimSummary(props: { claim: FragmentType<typeof ClaimSummaryFragment>; showClaimant?: boolean }) {
  const claim = getFragmentData(ClaimSummaryFragment, props.claim);
  return (
    <li className="claim-summary">
      <Link href={paths.claim(claim.id)} className="claim-summary-text">
        {claim.text}
      </Link>
      <span className="meta">
        {props.showClaimant === false ? null : claim.claimant ? <SourceLink source={claim.claimant} /> : (claim.claimantDescription ?? "Unnamed")}
        {props.showClaimant === false ? "" : " · "}“{claim.cue}”{claim.claimedAt ? ` · ${formatDate(claim.claimedAt, claim.claimedAtPrecision)}` : ""}{" "}
        <LatestVerdict claim={claim} />
      </span>
    </li>
  );
}
