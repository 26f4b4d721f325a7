import { describe, expect, it } from "vitest";

import {
  ArticleClaimsDocument,
  CreateArticleDocument,
  UpdateArticleDocument,
  ClaimsByClaimantKindDocument,
  NodeDocument,
  SourceProfileDocument,
  type ClaimsByClaimantKindQuery,
} from "../generated/graphql.ts";
import { createKeys } from "../setup/keys.ts";
import { useTestServer } from "../setup/use.ts";

// The typed documents GraphQL Code Generator makes from tests/operations,
// run against the live server: if the schema and the documents disagree,
// either the type check or these requests fail. server.ok asserts there are
// no errors and returns `data`, typed by the document.

const server = useTestServer();

describe("typed operations", () => {
  it("ArticleClaims returns the seeded claims with exact spans", async () => {
    const { article } = await server.ok(ArticleClaimsDocument, { slug: "trump-xi-phone-call-2025-06-05" });
    expect(article).not.toBeNull();
    const claims = article!.claims.edges.map((edge) => edge.node);
    expect(claims.length).toBeGreaterThanOrEqual(10);
    expect(article!.claims.totalCount).toBe(claims.length);
    for (const claim of claims) {
      for (const { quote, start, end } of claim.appearances) expect(article!.body.slice(start!, end!)).toBe(quote);
    }
    const post = claims.find((claim) => claim.channel?.name === "Truth Social");
    expect(post).toMatchObject({ claimedAt: "2025-06-04T06:17:00.000Z", claimedAtPrecision: "MINUTE", cue: "post" });
  });

  it("ClaimsByClaimantKind pages through people's claims only", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const { claims }: ClaimsByClaimantKindQuery = await server.ok(ClaimsByClaimantKindDocument, { kind: "PERSON", first: 3, after });
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
    const { source } = await server.ok(SourceProfileDocument, { slug: "bloomberg" });
    expect(source?.reportedClaims.edges[0]?.node.claimant?.name).toBe("Donald Trump");
    expect(source?.claims.totalCount).toBe(1);
    const { node } = await server.ok(NodeDocument, { id: source!.id });
    expect(node).toMatchObject({ __typename: "Source", slug: "bloomberg" });
  });
});

describe("typed mutations", () => {
  it("CreateArticle then UpdateArticle, as an editor", async () => {
    const { editor } = await createKeys(server.db);
    const { createArticle } = await server.ok(
      CreateArticleDocument,
      {
        input: {
          slug: "typed-client",
          title: "Typed client",
          body: "Xinhua said the call went well.",
          claims: [
            { text: "The call went well.", cue: "say", claimant: { alias: "Xinhua" }, appearances: [{ quote: "the call went well", kind: "REPORTED_SPEECH" }] },
          ],
        },
      },
      editor,
    );
    const [claim] = createArticle.article.claims.edges.map((edge) => edge.node);
    expect(claim?.claimant?.slug).toBe("xinhua");
    expect(claim?.appearances[0]).toEqual({ quote: "the call went well", start: 12, end: 30 });

    const { updateArticle } = await server.ok(
      UpdateArticleDocument,
      { input: { id: createArticle.article.id, version: createArticle.article.version, body: "Update: Xinhua said the call went well." } },
      editor,
    );
    expect(updateArticle.article.version).toBe(2);
    expect(updateArticle.reanchoredAppearances).toEqual([{ quote: "the call went well", start: 20, end: 38 }]);
    expect(updateArticle.staleAppearances).toEqual([]);
  });
});
