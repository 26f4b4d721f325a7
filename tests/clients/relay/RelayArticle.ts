import { graphql } from "relay-runtime";

// Documents for the Relay compiler only: tests/clients/relay.test.ts compiles
// them against schema.graphql and runs what it generates. Nothing imports this
// file at run time (Relay's graphql tag is replaced by the compiler's output).

export const RelayArticleQuery = graphql`
  query RelayArticleQuery($slug: String!) {
    article(slug: $slug) {
      id
      title
      ...RelayArticle_claims
    }
  }
`;

export const RelayArticleClaims = graphql`
  fragment RelayArticle_claims on Article
  @refetchable(queryName: "RelayArticleClaimsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 3 }, cursor: { type: "String" }) {
    claims(first: $count, after: $cursor, orderBy: { field: CLAIMED_AT, direction: DESC })
      @connection(key: "RelayArticle_claims") {
      totalCount
      edges {
        node {
          id
          ...RelayClaim_claim
        }
      }
    }
  }
`;
