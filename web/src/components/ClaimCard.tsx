import { forwardRef } from "react";

import { type FragmentType, getFragmentData, graphql } from "../gql";
import { enumLabel, formatDate } from "../lib/format.ts";
import { LatestVerdict } from "./Verdict.tsx";

export const ClaimCardFragment = graphql(`
  fragment ClaimCard_claim on Claim {
    id
    text
    cue
    claimedAt
    claimedAtPrecision
    claimantDescription
    claimant {
      name
      role
      kind
      affiliation {
        name
      }
    }
    channel {
      name
    }
    reportedBy {
      name
    }
    ...LatestVerdict_claim
  }
`);

type Props = { id: string; claim: FragmentType<typeof ClaimCardFragment>; kind: string; top: number; left: number };

/**
 * What a claim span stands for, shown while the span is hovered or focused: who said it (and as what), the cue,
 * through which channel, when, who reported it, and the latest published verdict. A tooltip: the span names it
 * with aria-describedby.
 */
export const ClaimCard = forwardRef<HTMLDivElement, Props>(function ClaimCard({ id, claim: masked, kind, top, left }, ref) {
  const claim = getFragmentData(ClaimCardFragment, masked);
  const claimant = claim.claimant?.name ?? claim.claimantDescription ?? "Unnamed";
  const role = [claim.claimant?.role, claim.claimant?.affiliation?.name].filter(Boolean).join(", ");
  return (
    <div id={id} ref={ref} role="tooltip" className="claim-card" style={{ top, left }}>
      <p className="claim-card-claimant">{claimant}</p>
      {role ? <p className="claim-card-role">{role}</p> : null}
      <dl>
        <dt>Cue</dt>
        <dd>
          “{claim.cue}” ({enumLabel(kind).toLowerCase()})
        </dd>
        {claim.channel ? (
          <>
            <dt>Channel</dt>
            <dd>{claim.channel.name}</dd>
          </>
        ) : null}
        {claim.claimedAt ? (
          <>
            <dt>Date</dt>
            <dd>{formatDate(claim.claimedAt, claim.claimedAtPrecision)}</dd>
          </>
        ) : null}
        {claim.reportedBy ? (
          <>
            <dt>Reported by</dt>
            <dd>{claim.reportedBy.name}</dd>
          </>
        ) : null}
        <dt>Verdict</dt>
        <dd>
          <LatestVerdict claim={claim} long fallback="Not reviewed yet" />
        </dd>
      </dl>
      <p className="claim-card-text">{claim.text}</p>
    </div>
  );
});
