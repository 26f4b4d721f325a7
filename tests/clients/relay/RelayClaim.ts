import { graphql } from "relay-runtime";

// For the Relay compiler only (see RelayArticle.ts).

export const RelayClaim = graphql`
  fragment RelayClaim_claim on Claim @refetchable(queryName: "RelayClaimRefetchQuery") {
    id
    text
    cue
    claimedAt
    claimant {
      id
      name
    }
  }
`;
