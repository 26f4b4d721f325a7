import { beforeAll, describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Fact-checks (issue 15): reviews with verdicts, their life (draft, published,
// retracted), who sees what, the verdict mapping, versions under concurrency.

const server = useTestServer();

const SEED_CLAIM = graphql(`
  query ReviewSeedClaim {
    claims(first: 1, filter: { claimant: { kind: { equals: PERSON } } }) { edges { node { id claimant { id } } } }
  }
`);
const CREATE = graphql(`
  mutation ReviewCreate($input: CreateReviewInput!) {
    createReview(input: $input) { id version status verdict verdictSetByEditor rating { alternateName ratingValue } reviewer { name } authors { name } }
  }
`);
const UPDATE = graphql(`
  mutation ReviewUpdate($input: UpdateReviewInput!) { updateReview(input: $input) { version verdict verdictSetByEditor rating { alternateName } } }
`);
const PUBLISH = graphql(`mutation ReviewPublish($id: ID!) { publishReview(id: $id) { status version } }`);
const RETRACT = graphql(`mutation ReviewRetract($id: ID!) { retractReview(id: $id) { status } }`);
const READ = graphql(`
  query ReviewRead($id: ID!, $claim: ID!) {
    review(id: $id) { status verdict claim { id } }
    claim(id: $claim) { reviews { totalCount edges { node { id status } } } }
  }
`);

let claimId = "";
let claimantId = "";

beforeAll(async () => {
  const { claims } = await server.ok(SEED_CLAIM);
  const [edge] = claims.edges;
  claimId = edge!.node.id;
  claimantId = edge!.node.claimant!.id;
});

const newReview = (overrides: Record<string, unknown> = {}) => ({
  claim: claimId,
  reviewer: { alias: "PolitiFact", kind: "ORGANIZATION" as const },
  authors: [{ alias: "Jane Checker", kind: "PERSON" as const }],
  rating: { alternateName: "Mostly False", ratingValue: 2, bestRating: 6, worstRating: 1 },
  url: `https://factcheck.example/${Math.random().toString(36).slice(2)}`,
  datePublished: "2025-06-10T00:00:00.000Z",
  language: "en",
  ...overrides,
});

describe("reviews", () => {
  it("start as drafts that only editors see, with the verdict mapped from the rating's words", async () => {
    const { createReview } = await server.ok(CREATE, { input: newReview() }, server.keys.editor);
    expect(createReview).toMatchObject({
      version: 1,
      status: "DRAFT",
      verdict: "MOSTLY_FALSE",
      verdictSetByEditor: false,
      rating: { alternateName: "Mostly False", ratingValue: 2 },
      reviewer: { name: "PolitiFact" },
      authors: [{ name: "Jane Checker" }],
    });
    const anonymous = await server.ok(READ, { id: createReview.id, claim: claimId });
    expect(anonymous.review).toBeNull();
    expect(anonymous.claim!.reviews.edges.map((e) => e.node.id)).not.toContain(createReview.id);
    const editor = await server.ok(READ, { id: createReview.id, claim: claimId }, server.keys.editor);
    expect(editor.review).toMatchObject({ status: "DRAFT", verdict: "MOSTLY_FALSE", claim: { id: claimId } });
    expect(editor.claim!.reviews.edges.map((e) => e.node.id)).toContain(createReview.id);
  });

  it("once published are seen by everyone, from the claim, the reviewer and the filtered list", async () => {
    const { createReview } = await server.ok(CREATE, { input: newReview() }, server.keys.editor);
    expect((await server.ok(PUBLISH, { id: createReview.id }, server.keys.editor)).publishReview).toEqual({ status: "PUBLISHED", version: 2 });
    const { review, claim } = await server.ok(READ, { id: createReview.id, claim: claimId });
    expect(review).toMatchObject({ status: "PUBLISHED", verdict: "MOSTLY_FALSE" });
    expect(claim!.reviews.edges.map((e) => e.node.id)).toContain(createReview.id);
    const listed = await server.ok(
      graphql(`
        query ReviewList($claimant: ID!) {
          reviews(filter: { verdict: [MOSTLY_FALSE], claimant: $claimant, from: "2025-06-01T00:00:00Z", language: "en" }) {
            totalCount edges { node { id reviewer { reviewsWritten { edges { node { id } } } } } }
          }
          none: reviews(filter: { verdict: [TRUE], claimant: $claimant }) { totalCount }
        }
      `),
      { claimant: claimantId },
    );
    const ids = listed.reviews.edges.map((e) => e.node.id);
    expect(ids).toContain(createReview.id);
    expect(listed.reviews.totalCount).toBe(ids.length);
    expect(listed.none.totalCount).toBe(0);
    expect(listed.reviews.edges[0]!.node.reviewer!.reviewsWritten.edges.length).toBeGreaterThan(0);
  });

  it("change only from their current version, and a new rating maps the verdict again", async () => {
    const { createReview } = await server.ok(CREATE, { input: newReview() }, server.keys.editor);
    const stale = await server.fail(UPDATE, { input: { id: createReview.id, version: 7, headline: "Late" } }, server.keys.editor);
    expect(stale.extensions).toMatchObject({ code: "CONFLICT", field: "version" });
    const { updateReview } = await server.ok(
      UPDATE,
      { input: { id: createReview.id, version: 1, rating: { alternateName: "Pants on Fire" } } },
      server.keys.editor,
    );
    expect(updateReview).toEqual({ version: 2, verdict: "FALSE", verdictSetByEditor: false, rating: { alternateName: "Pants on Fire" } });
  });

  it("let exactly one of two concurrent updates from one version through", async () => {
    const { createReview } = await server.ok(CREATE, { input: newReview() }, server.keys.editor);
    const results = await Promise.all(
      ["First", "Second"].map((headline) =>
        server.query(UPDATE, { input: { id: createReview.id, version: 1, headline } }, { authorization: `Bearer ${server.keys.editor}` }),
      ),
    );
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
  });

  it("retract once, and stay visible as retracted", async () => {
    const { createReview } = await server.ok(CREATE, { input: newReview({ verdict: "MISLEADING" }) }, server.keys.editor);
    expect(createReview).toMatchObject({ verdict: "MISLEADING", verdictSetByEditor: true });
    const draft = await server.fail(RETRACT, { id: createReview.id }, server.keys.editor);
    expect(draft.extensions).toMatchObject({ code: "CONFLICT", status: "DRAFT" });
    await server.ok(PUBLISH, { id: createReview.id }, server.keys.editor);
    expect((await server.ok(RETRACT, { id: createReview.id }, server.keys.editor)).retractReview.status).toBe("RETRACTED");
    expect((await server.ok(READ, { id: createReview.id, claim: claimId })).review!.status).toBe("RETRACTED");
  });

  it("refuse a rating off its own scale, an unmapped rating without a verdict, a taken url and an anonymous writer", async () => {
    const offScale = await server.fail(
      CREATE,
      { input: newReview({ rating: { alternateName: "False", ratingValue: 9, bestRating: 5, worstRating: 1 } }) },
      server.keys.editor,
    );
    expect(offScale.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "rating.ratingValue" });
    const unmapped = await server.fail(CREATE, { input: newReview({ rating: { alternateName: "Spicy" } }) }, server.keys.editor);
    expect(unmapped.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "rating.alternateName" });
    const url = "https://factcheck.example/taken";
    await server.ok(CREATE, { input: newReview({ url }) }, server.keys.editor);
    expect((await server.fail(CREATE, { input: newReview({ url }) }, server.keys.editor)).extensions).toMatchObject({ code: "CONFLICT", field: "url" });
    expect((await server.fail(CREATE, { input: newReview() })).extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("deleting", () => {
  it("refuses a reviewed claim, alone or with its article, and changes nothing", async () => {
    const CREATE_ARTICLE = graphql(`
      mutation ReviewDeleteArticle($input: CreateArticleInput!) { createArticle(input: $input) { article { id claims { edges { node { id } } } } } }
    `);
    const body = "The minister said the harvest doubled.";
    const { createArticle } = await server.ok(
      CREATE_ARTICLE,
      {
        input: {
          slug: "review-delete-test",
          title: "Harvest",
          body,
          claims: [{ text: "The harvest doubled.", cue: "say", claimantDescription: "the minister", appearances: [{ quote: body, kind: "REPORTED_SPEECH" }] }],
        },
      },
      server.keys.editor,
    );
    const claim = createArticle.article.claims.edges[0]!.node.id;
    await server.ok(CREATE, { input: newReview({ claim }) }, server.keys.editor);
    const viaClaim = await server.fail(
      graphql(`mutation ReviewDeleteClaim($id: ID!) { deleteClaim(id: $id) { deletedClaimId } }`),
      { id: claim },
      server.keys.admin,
    );
    expect(viaClaim.extensions).toMatchObject({ code: "CONFLICT", claim });
    const viaArticle = await server.fail(
      graphql(`mutation ReviewDeleteArticleById($id: ID!) { deleteArticle(id: $id) { deletedArticleId } }`),
      { id: createArticle.article.id },
      server.keys.admin,
    );
    expect(viaArticle.extensions).toMatchObject({ code: "CONFLICT", claim });
    const still = await server.ok(graphql(`query ReviewStillThere($id: ID!) { claim(id: $id) { reviews { totalCount } } }`), { id: claim }, server.keys.editor);
    expect(still.claim!.reviews.totalCount).toBe(1);
    // Once an admin deletes the review, the claim can go.
    const review = await server.ok(
      graphql(`query ReviewOfClaim($id: ID!) { claim(id: $id) { reviews { edges { node { id } } } } }`),
      { id: claim },
      server.keys.editor,
    );
    const DELETE_REVIEW = graphql(`mutation ReviewDelete($id: ID!) { deleteReview(id: $id) }`);
    const reviewId = review.claim!.reviews.edges[0]!.node.id;
    expect((await server.fail(DELETE_REVIEW, { id: reviewId }, server.keys.editor)).extensions?.code).toBe("FORBIDDEN");
    expect((await server.ok(DELETE_REVIEW, { id: reviewId }, server.keys.admin)).deleteReview).toBe(reviewId);
    expect((await server.fail(DELETE_REVIEW, { id: reviewId }, server.keys.admin)).extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    await server.ok(graphql(`mutation ReviewDeleteClaimAfter($id: ID!) { deleteClaim(id: $id) { deletedClaimId } }`), { id: claim }, server.keys.admin);
  });
});

describe("merging sources", () => {
  it("moves the reviews a source wrote and its bylines to the survivor", async () => {
    const input = newReview({ reviewer: { alias: "Fact Desk A", kind: "ORGANIZATION" }, authors: [{ alias: "Writer A", kind: "PERSON" }] });
    const { createReview } = await server.ok(CREATE, { input }, server.keys.editor);
    const SOURCE = graphql(`query ReviewMergeSource($slug: String!) { source(slug: $slug) { id } }`);
    const from = (await server.ok(SOURCE, { slug: "fact-desk-a" })).source!.id;
    const into = (await server.ok(SOURCE, { slug: "politifact" })).source!.id;
    const writer = (await server.ok(SOURCE, { slug: "writer-a" })).source!.id;
    const jane = (await server.ok(SOURCE, { slug: "jane-checker" })).source!.id;
    const MERGE = graphql(`mutation ReviewMerge($from: ID!, $into: ID!) { mergeSources(from: $from, into: $into) { mergedSourceId } }`);
    await server.ok(MERGE, { from, into }, server.keys.admin);
    await server.ok(MERGE, { from: writer, into: jane }, server.keys.admin);
    const { review } = await server.ok(
      graphql(`query ReviewAfterMerge($id: ID!) { review(id: $id) { reviewer { slug } authors { slug } } }`),
      { id: createReview.id },
      server.keys.editor,
    );
    expect(review).toEqual({ reviewer: { slug: "politifact" }, authors: [{ slug: "jane-checker" }] });
  });
});

describe("a claimant's track record", () => {
  it("counts each claim once, under its latest published review, per verdict and per period", async () => {
    // A claimant of its own, so that the other tests' reviews do not count here.
    const body = "Ada Track said rates fall. Ada Track said rents rise.";
    const claimant = { alias: "Ada Track", kind: "PERSON" as const };
    const { createArticle } = await server.ok(
      graphql(`
        mutation ReviewTrackArticle($input: CreateArticleInput!) {
          createArticle(input: $input) { article { claims(orderBy: { field: CREATED_AT }) { edges { node { id claimant { id } } } } } }
        }
      `),
      {
        input: {
          slug: "review-track-record",
          title: "Rates and rents",
          body,
          claims: ["Rates fall.", "Rents rise."].map((text, i) => ({
            text,
            cue: "say",
            claimant,
            appearances: [{ quote: body.split(". ")[i]!.replace(/\.?$/, "."), kind: "REPORTED_SPEECH" as const }],
          })),
        },
      },
      server.keys.editor,
    );
    const edges = createArticle.article.claims.edges;
    const [first, second] = edges.map((e) => e.node.id);
    const source = { id: edges[0]!.node.claimant!.id };
    expect(second).toBeDefined();
    const review = async (claim: string, alternateName: string, datePublished: string, publish = true) => {
      const { createReview } = await server.ok(CREATE, { input: newReview({ claim, rating: { alternateName }, datePublished }) }, server.keys.editor);
      if (publish) await server.ok(PUBLISH, { id: createReview.id }, server.keys.editor);
    };
    await review(first!, "False", "2025-03-01T00:00:00Z");
    await review(first!, "Mostly true", "2025-07-01T00:00:00Z"); // the later review of the same claim wins
    await review(second!, "False", "2025-08-15T00:00:00Z");
    await review(second!, "True", "2025-09-01T00:00:00Z", false); // a draft does not count
    const TRACK = graphql(`
      query ReviewTrack($id: ID!, $from: DateTime) {
        node(id: $id) { ... on Source { trackRecord(period: QUARTER, from: $from) { reviewedClaims verdicts { verdict count } periods { period reviewedClaims verdicts { verdict count } } } } }
      }
    `);
    const { node } = await server.ok(TRACK, { id: source.id, from: "2025-01-01T00:00:00Z" });
    expect(node).toEqual({
      trackRecord: {
        reviewedClaims: 2,
        verdicts: [
          { verdict: "MOSTLY_TRUE", count: 1 },
          { verdict: "FALSE", count: 1 },
        ],
        periods: [
          {
            period: "2025-Q3",
            reviewedClaims: 2,
            verdicts: [
              { verdict: "MOSTLY_TRUE", count: 1 },
              { verdict: "FALSE", count: 1 },
            ],
          },
        ],
      },
    });
    const later = await server.ok(TRACK, { id: source.id, from: "2025-08-01T00:00:00Z" });
    expect(later.node).toMatchObject({ trackRecord: { reviewedClaims: 1, verdicts: [{ verdict: "FALSE", count: 1 }] } });
  });
});

describe("the seed fact-check", () => {
  it("reviews the Phase One claim of the seed article, and gives its claimant a track record", async () => {
    const { source } = await server.ok(
      graphql(`
        query ReviewSeed {
          source(slug: "china-government") {
            claims(filter: { text: { contains: "Phase One" } }) {
              edges { node { appearances { article { slug } } reviews { edges { node { verdict status rating { alternateName } reviewer { slug } } } } } }
            }
            trackRecord { reviewedClaims verdicts { verdict count } periods { period } }
          }
        }
      `),
    );
    const [claim] = source!.claims.edges;
    expect(claim!.node.appearances[0]!.article!.slug).toBe("trump-xi-phone-call-2025-06-05");
    expect(claim!.node.reviews.edges.map((e) => e.node)).toEqual([
      { verdict: "TRUE", status: "PUBLISHED", rating: { alternateName: "True" }, reviewer: { slug: "claimgraph-example-desk" } },
    ]);
    expect(source!.trackRecord).toEqual({ reviewedClaims: 1, verdicts: [{ verdict: "TRUE", count: 1 }], periods: [{ period: "2025" }] });
  });
});

describe("review filters", () => {
  const LIST = graphql(`query ReviewFiltered($filter: ReviewFilter) { reviews(filter: $filter) { totalCount } }`);

  it("refuse a verdict list longer than the scale, a bad language tag and an unstorable date, on any path", async () => {
    const tooMany = await server.fail(LIST, { filter: { verdict: Array.from({ length: 10 }, () => "TRUE") } });
    expect(tooMany.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.verdict", limit: 9 });
    const nested = await server.fail(
      graphql(`query ReviewFilteredNested($id: ID!) { claim(id: $id) { reviews(filter: { language: "not a tag!" }) { totalCount } } }`),
      { id: claimId },
    );
    expect(nested.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.language" });
    expect((await server.fail(LIST, { filter: { from: "0000-06-01T00:00:00Z" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("take a window that ends in the future", async () => {
    const { reviews } = await server.ok(LIST, { filter: { to: "2099-01-01T00:00:00Z" } });
    expect(reviews.totalCount).toBeGreaterThan(0);
  });
});

describe("the verdict mapping", () => {
  const SET = graphql(
    `mutation ReviewSetMapping($rating: String!, $verdict: Verdict!) { setVerdictMapping(rating: $rating, verdict: $verdict) { rating verdict edited } }`,
  );

  it("ships defaults, and admins (only) add entries that new reviews use", async () => {
    const { verdictMappings } = await server.ok(graphql(`query ReviewMappings { verdictMappings { rating verdict edited } }`));
    expect(verdictMappings).toContainEqual({ rating: "pants on fire", verdict: "FALSE", edited: false });
    expect((await server.fail(SET, { rating: "Spicy take", verdict: "MISLEADING" }, server.keys.editor)).extensions?.code).toBe("FORBIDDEN");
    expect((await server.ok(SET, { rating: "  Spicy   TAKE ", verdict: "MISLEADING" }, server.keys.admin)).setVerdictMapping).toEqual({
      rating: "spicy take",
      verdict: "MISLEADING",
      edited: true,
    });
    const { createReview } = await server.ok(CREATE, { input: newReview({ rating: { alternateName: "Spicy take" } }) }, server.keys.editor);
    expect(createReview.verdict).toBe("MISLEADING");
    const long = await server.fail(SET, { rating: "x".repeat(201), verdict: "FALSE" }, server.keys.admin);
    expect(long.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "rating", limit: 200 });
  });
});
