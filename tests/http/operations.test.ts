import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ArticleClaimsDocument,
  ClaimsByClaimantKindDocument,
  NodeDocument,
  SourceProfileDocument,
  type ClaimsByClaimantKindQuery,
} from "../generated/graphql.ts";
import { startTestServer, type TestServer } from "../setup/testServer.ts";

// The typed documents GraphQL Code Generator makes from tests/operations,
// run against the live server: if the schema and the documents disagree,
// either the type check or these requests fail.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function execute<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const { body } = await server.query<R>(print(document), variables as Record<string, unknown>);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

describe("typed operations", () => {
  it("ArticleClaims returns the seeded claims with exact spans", async () => {
    const { article } = await execute(ArticleClaimsDocument, { slug: "trump-xi-phone-call-2025-06-05" });
    expect(article).not.toBeNull();
    const claims = article!.claims.edges.map((edge) => edge.node);
    expect(claims.length).toBeGreaterThanOrEqual(10);
    expect(article!.claims.totalCount).toBe(claims.length);
    for (const claim of claims) {
      for (const { quote, start, end } of claim.appearances) expect(article!.body.slice(start, end)).toBe(quote);
    }
    const post = claims.find((claim) => claim.channel?.name === "Truth Social");
    expect(post).toMatchObject({ claimedAt: "2025-06-04T06:17:00.000Z", claimedAtPrecision: "MINUTE", cue: "post" });
  });

  it("ClaimsByClaimantKind pages through people's claims only", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const { claims }: ClaimsByClaimantKindQuery = await execute(ClaimsByClaimantKindDocument, { kind: "PERSON", first: 3, after });
      total = claims.totalCount;
      for (const { node } of claims.edges) {
        expect(node.claimant?.kind).toBe("PERSON");
        seen.push(node.id);
      }
      after = claims.pageInfo.hasNextPage ? (claims.pageInfo.endCursor ?? null) : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("SourceProfile and Node refetch the same source", async () => {
    const { source } = await execute(SourceProfileDocument, { slug: "bloomberg" });
    expect(source?.reportedClaims.edges[0].node.claimant?.name).toBe("Donald Trump");
    expect(source?.claims.totalCount).toBe(1);
    const { node } = await execute(NodeDocument, { id: source!.id });
    expect(node).toMatchObject({ __typename: "Source", slug: "bloomberg" });
  });
});
