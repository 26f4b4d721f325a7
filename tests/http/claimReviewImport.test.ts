import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import type { ImportExportAllQuery } from "../generated/graphql.ts";
import { toGlobalId } from "../../src/shared/globalId.ts";
import { useTestServer } from "../setup/use.ts";
import { HARBOUR, bare, claimReview, codePoints, dataFeed, htmlPage, nth, organization, person, selectors, type Json } from "../setup/claimReviews.ts";

// ClaimReview in (issue 15): importClaimReviews over HTTP, on both backends. Each input form; sources matched by
// sameAs and alias, or created; appearances anchored by selector or by the claim's words, or kept by URL;
// idempotence; per-item errors with their place; two imports racing; the CLI; and the round trip: export every
// review, delete them, import the export, export again, and get the same documents.

const server = useTestServer({ RATE_LIMIT_PER_KEY: "100000" });
/** Another database from the same seed, for the round trip between databases. */
const other = useTestServer({ RATE_LIMIT_PER_KEY: "100000" });

const IMPORT = graphql(`
  mutation ImportReviews($input: ImportClaimReviewsInput!) {
    importClaimReviews(input: $input) {
      format created updated unchanged failed
      items {
        index script pointer status url claimCreated
        errors { pointer message }
        warnings { pointer message }
        review {
          id url status verdict verdictSetByEditor version headline datePublished language
          rating { alternateName ratingValue bestRating worstRating }
          reviewer { slug name kind url }
          authors { name kind }
        }
        claim { id text cue claimantDescription claimedAt claimedAtPrecision claimant { name kind affiliation { name } } }
        appearances { status url quote start end kind article { slug } }
        createdSources { name kind url }
      }
    }
  }
`);

const importAs = (document: unknown, key = server.keys.editor, status?: "DRAFT" | "PUBLISHED" | "RETRACTED", on = server) =>
  on.ok(IMPORT, { input: { document, status } }, key).then((data) => data.importClaimReviews);

/** The single item of a one-ClaimReview import. */
async function importOne(document: unknown) {
  const result = await importAs(document);
  expect(result.items).toHaveLength(1);
  return result.items[0]!;
}

let harbourClaimId = "";

const SETUP_ARTICLE = graphql(`
  mutation ImportSetupArticle($input: CreateArticleInput!) {
    createArticle(input: $input) { article { claims { edges { node { id } } } } }
  }
`);

/** The harbour article with its claim, as an editor writes it: the same on any server. */
async function createHarbour(on: typeof server) {
  const { createArticle } = await on.ok(
    SETUP_ARTICLE,
    {
      input: {
        slug: HARBOUR.slug,
        url: HARBOUR.url,
        title: HARBOUR.title,
        body: HARBOUR.body,
        publishedAt: "2025-05-02T00:00:00Z",
        publisher: { alias: "Harbour News", kind: "NEWS_OUTLET" },
        claims: [
          {
            text: HARBOUR.claim.text,
            cue: "say",
            claimant: { alias: "Ana Ruiz", kind: "PERSON" },
            appearances: [{ quote: HARBOUR.claim.quote, kind: "REPORTED_SPEECH" }],
          },
        ],
      },
    },
    on.keys.editor,
  );
  return createArticle.article.claims.edges[0]!.node.id;
}

beforeAll(async () => {
  harbourClaimId = await createHarbour(server);
  await server.ok(
    graphql(`mutation ImportSetupSource($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`),
    { input: { name: "Harbour Checks", kind: "ORGANIZATION", url: "https://harbourchecks.example/", aliases: ["HC Desk"] } },
    server.keys.editor,
  );
});

const SECOND = nth(HARBOUR.body, "the harbour would reopen in May", 1);
const WORDS = "the harbour would reopen in May";

describe("anchoring", () => {
  it("takes the occurrence a TextQuoteSelector's prefix and suffix name, checks its TextPositionSelector, and finds the claim by claimant and text", async () => {
    const position = { start: codePoints(HARBOUR.body, SECOND), end: codePoints(HARBOUR.body, SECOND) + WORDS.length };
    const item = await importOne(
      claimReview(
        "https://checks.example/harbour-1",
        {
          author: [organization("HC Desk"), person("Jo Writer")],
          reviewRating: { "@type": "Rating", ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: "Mostly false" },
          headline: "Will the harbour reopen?",
        },
        {
          author: person("Ana Ruiz"),
          datePublished: "2025-04-30",
          appearance: [{ "@type": "CreativeWork", url: HARBOUR.url, selector: selectors(WORDS, { prefix: "Critics said ", suffix: " only on" }, position) }],
        },
      ),
    );
    expect(item).toMatchObject({
      status: "CREATED",
      pointer: "",
      errors: [],
      warnings: [],
      claimCreated: false,
      claim: { id: harbourClaimId, text: HARBOUR.claim.text },
      review: {
        url: "https://checks.example/harbour-1",
        status: "PUBLISHED",
        verdict: "MOSTLY_FALSE",
        verdictSetByEditor: false,
        headline: "Will the harbour reopen?",
        datePublished: "2025-06-01T00:00:00.000Z",
        language: "en",
        rating: { alternateName: "Mostly false", ratingValue: 2, bestRating: 5, worstRating: 1 },
        reviewer: { slug: "harbour-checks" },
        authors: [{ name: "Jo Writer", kind: "PERSON" }],
      },
      // The second occurrence, in UTF-16 offsets, added to the claim it found.
      appearances: [{ status: "ANCHORED", start: SECOND, end: SECOND + WORDS.length, quote: WORDS, url: null, article: { slug: HARBOUR.slug } }],
      createdSources: [{ name: "Jo Writer", kind: "PERSON" }],
    });
  });

  it("says so when the TextPositionSelector disagrees with the words, and takes the words", async () => {
    const item = await importOne(
      claimReview(
        "https://checks.example/harbour-2",
        {},
        {
          author: person("Ana Ruiz"),
          appearance: { url: HARBOUR.url, selector: selectors("only on paper", {}, { start: 3, end: 16 }) },
        },
      ),
    );
    const at = HARBOUR.body.indexOf("only on paper");
    expect(item.status).toBe("CREATED");
    expect(item.appearances).toMatchObject([{ start: at, end: at + 13, quote: "only on paper" }]);
    expect(item.warnings).toEqual([
      { pointer: "/itemReviewed/appearance", message: expect.stringContaining("TextPositionSelector does not point where the selector's words are") },
    ]);
  });

  it("finds the claim whose appearance is at the span, whatever the review calls it", async () => {
    const item = await importOne(
      claimReview(
        "https://checks.example/harbour-3",
        { claimReviewed: "Ruiz promised a May reopening." },
        {
          appearance: { url: HARBOUR.url, selector: selectors(HARBOUR.claim.quote) },
        },
      ),
    );
    expect(item).toMatchObject({ status: "CREATED", claimCreated: false, claim: { id: harbourClaimId }, appearances: [], warnings: [] });
  });

  it("finds the claim's words in the body when no selector is given, and creates claimant, claim and span", async () => {
    const item = await importOne(
      claimReview(
        "https://checks.example/fees",
        { claimReviewed: "fees had not risen" },
        {
          author: { "@type": "GovernmentOrganization", name: "Harbour Port Authority", sameAs: "https://port.example/" },
          datePublished: "2025-05",
          appearance: { "@type": "CreativeWork", url: HARBOUR.url },
        },
      ),
    );
    const at = HARBOUR.body.indexOf("fees had not risen");
    expect(item).toMatchObject({
      status: "CREATED",
      claimCreated: true,
      claim: {
        text: "fees had not risen",
        cue: "claim",
        claimantDescription: null,
        claimedAt: "2025-05-01T00:00:00.000Z",
        claimedAtPrecision: "MONTH",
        claimant: { name: "Harbour Port Authority", kind: "GOVERNMENT_BODY" },
      },
      appearances: [{ status: "ANCHORED", start: at, end: at + 18, quote: "fees had not risen", article: { slug: HARBOUR.slug } }],
      createdSources: [{ name: "Harbour Port Authority", kind: "GOVERNMENT_BODY", url: "https://port.example/" }],
    });
  });

  it("keeps a page that is no article by its URL, with the words when given", async () => {
    const text = "The lighthouse will be sold.";
    const item = await importOne(
      claimReview(
        "https://checks.example/lighthouse",
        { claimReviewed: text },
        {
          author: person("Lee Keeper"),
          appearance: ["https://social.example/post/1", { url: "https://blog.example/lighthouse", selector: selectors("the lighthouse is for sale") }],
        },
      ),
    );
    expect(item).toMatchObject({
      status: "CREATED",
      claimCreated: true,
      appearances: [
        { status: "URL_ONLY", url: "https://social.example/post/1", quote: null, start: null, end: null, article: null },
        { status: "URL_ONLY", url: "https://blog.example/lighthouse", quote: "the lighthouse is for sale", start: null, end: null, article: null },
      ],
    });
    // Read back through the planner and through node(): no article, no span, and no article counted.
    const { claim, articles, all } = await server.ok(
      graphql(`
        query ImportUrlOnly($id: ID!, $text: String!) {
          claim(id: $id) { articles { totalCount } appearances { status url article { slug } } }
          articles(filter: { NOT: { claim: { text: { equals: $text } } } }) { totalCount }
          all: articles { totalCount }
        }
      `),
      { id: item.claim!.id, text },
    );
    expect(claim).toEqual({
      articles: { totalCount: 0 },
      appearances: expect.arrayContaining([{ status: "URL_ONLY", url: "https://social.example/post/1", article: null }]),
    });
    // A claim that appears in no article is in none of them: NOT of it keeps every article.
    expect(articles.totalCount).toBe(all.totalCount);
  });
});

describe("an article's deletion", () => {
  it("keeps a claim that also appears by URL, with that appearance", async () => {
    const body = "Councillor Kim Lo said the tram returns in 2027.";
    await server.ok(
      SETUP_ARTICLE,
      {
        input: {
          slug: "import-tram",
          url: "https://news.example/tram",
          title: "Tram",
          body,
          claims: [
            {
              text: "The tram returns in 2027.",
              cue: "say",
              claimant: { alias: "Kim Lo", kind: "PERSON" },
              appearances: [{ quote: body.slice(0, -1), kind: "REPORTED_SPEECH" }],
            },
          ],
        },
      },
      server.keys.editor,
    );
    const item = await importOne(
      claimReview(
        "https://checks.example/tram",
        { claimReviewed: "The tram returns in 2027." },
        {
          author: person("Kim Lo"),
          appearance: [{ url: "https://news.example/tram", selector: selectors(body.slice(0, -1)) }, "https://radio.example/tram"],
        },
      ),
    );
    expect(item).toMatchObject({ claimCreated: false, appearances: [{ status: "URL_ONLY", url: "https://radio.example/tram" }] });
    // A claim's appearances: those in articles first, then those known by URL, on either backend.
    const ORDER = graphql(`query ImportTramOrder($id: ID!) { claim(id: $id) { appearances { status } } }`);
    expect((await server.ok(ORDER, { id: item.claim!.id })).claim!.appearances.map((a) => a.status)).toEqual(["ANCHORED", "URL_ONLY"]);
    const { article } = await server.ok(graphql(`query ImportTramArticle { article(slug: "import-tram") { id } }`));
    const { deleteArticle } = await server.ok(
      graphql(`mutation ImportDeleteTram($id: ID!) { deleteArticle(id: $id) { deletedClaimIds deletedAppearanceIds } }`),
      { id: article!.id },
      server.keys.admin,
    );
    expect(deleteArticle.deletedClaimIds).toEqual([]);
    expect(deleteArticle.deletedAppearanceIds).toHaveLength(1);
    const { claim } = await server.ok(graphql(`query ImportTramClaim($id: ID!) { claim(id: $id) { appearances { status url } reviews { totalCount } } }`), {
      id: item.claim!.id,
    });
    expect(claim).toEqual({ appearances: [{ status: "URL_ONLY", url: "https://radio.example/tram" }], reviews: { totalCount: 1 } });
  });
});

describe("sources", () => {
  it("are matched by sameAs (either scheme, www or not, slash or not) and by alias, and created when unknown: reviewers as organisations, claimants as people", async () => {
    const bySameAs = await importOne(
      claimReview(
        "https://checks.example/same-as",
        { author: organization("A Name Nobody Uses", { sameAs: ["not a url", "http://www.harbourchecks.example"] }) },
        {
          author: { name: "Pat Unknown", jobTitle: "Harbour pilot" },
        },
      ),
    );
    expect(bySameAs.review!.reviewer).toMatchObject({ slug: "harbour-checks" });
    expect(bySameAs.warnings).toContainEqual({ pointer: "/author/sameAs/0", message: expect.stringContaining("not an http(s) URL") });
    // Untyped, the claimant is made a person (its jobTitle only read for a typed Person).
    expect(bySameAs.claim!.claimant).toMatchObject({ name: "Pat Unknown", kind: "PERSON" });

    const created = await importOne(
      claimReview("https://checks.example/new-desk", { author: ["Brand New Desk", person("Ada Byline", { url: "https://ada.example" })] }),
    );
    expect(created.review).toMatchObject({ reviewer: { name: "Brand New Desk", kind: "ORGANIZATION" }, authors: [{ name: "Ada Byline", kind: "PERSON" }] });
    expect(created.createdSources).toEqual(
      expect.arrayContaining([
        { name: "Brand New Desk", kind: "ORGANIZATION", url: null },
        // The URL scalar writes a site's root with its slash.
        { name: "Ada Byline", kind: "PERSON", url: "https://ada.example/" },
      ]),
    );
    // A second import names the created ones again: by name, and by the url they were created with.
    const again = await importOne(
      claimReview("https://checks.example/new-desk-2", { author: [organization("brand new DESK"), person("Someone", { sameAs: "https://ada.example/" })] }),
    );
    expect(again.review).toMatchObject({ reviewer: { name: "Brand New Desk" }, authors: [{ name: "Ada Byline" }] });
    expect(again.createdSources).toEqual([]);
  });

  it("refuses a name several sources go by, naming them, unless sameAs tells them apart", async () => {
    for (const name of ["Twin Desk One", "Twin Desk Two"]) {
      await server.ok(
        graphql(`mutation ImportTwin($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`),
        { input: { name, kind: "ORGANIZATION", aliases: ["Twin Desk"], url: `https://${name.replaceAll(" ", "-").toLowerCase()}.example` } },
        server.keys.editor,
      );
    }
    const ambiguous = await importOne(claimReview("https://checks.example/twins", { author: organization("Twin Desk") }));
    expect(ambiguous).toMatchObject({ status: "ERROR", review: null, errors: [{ pointer: "/author", message: expect.stringContaining("matches 2 sources") }] });
    const told = await importOne(
      claimReview("https://checks.example/twins", { author: organization("Twin Desk", { sameAs: "https://twin-desk-two.example" }) }),
    );
    expect(told.review!.reviewer).toMatchObject({ name: "Twin Desk Two" });
  });
});

describe("input forms", () => {
  it("reads an array, a DataFeed, an @graph, an HTML page's JSON-LD, JSON as text, and Google Fact Check Tools' claims:search", async () => {
    const review = (n: number) => claimReview(`https://checks.example/forms-${n}`, {}, { author: person("Ana Ruiz") });
    const array = await importAs([review(1), review(2)]);
    expect(array).toMatchObject({ format: "JSON_LD", created: 2, items: [{ pointer: "/0" }, { pointer: "/1" }] });

    const feed = await importAs(dataFeed(review(3), review(4)));
    expect(feed.items.map((item) => [item.pointer, item.status])).toEqual([
      ["/dataFeedElement/0/item", "CREATED"],
      ["/dataFeedElement/1/item", "CREATED"],
    ]);

    const graph = await importAs({ "@context": "https://schema.org", "@graph": [{ "@type": "WebPage", name: "Page" }, bare(review(5))] });
    expect(graph.items.map((item) => [item.pointer, item.status])).toEqual([["/@graph/1", "CREATED"]]);

    const page = await importAs(htmlPage(review(6), review(7)));
    expect(page).toMatchObject({
      format: "HTML",
      created: 2,
      items: [
        { script: 1, pointer: "/0" },
        { script: 1, pointer: "/1" },
      ],
    });

    const text = await importAs(JSON.stringify(review(8)));
    expect(text).toMatchObject({ format: "JSON_LD", created: 1, items: [{ pointer: "", claim: { id: harbourClaimId } }] });

    const google = await importAs({
      claims: [
        {
          text: HARBOUR.claim.text,
          claimant: "Ana Ruiz",
          claimDate: "2025-04-30T00:00:00Z",
          claimReview: [
            {
              publisher: { name: "Harbour Checks", site: "harbourchecks.example" },
              url: "https://checks.example/google-1",
              title: "Harbour: false",
              reviewDate: "2025-06-02T00:00:00Z",
              textualRating: "False",
              languageCode: "en",
            },
          ],
        },
        {
          text: "The ferry fares will halve.",
          claimant: "Ferry Boss",
          claimReview: [
            {
              publisher: { name: "Ferry Facts", site: "ferryfacts.example" },
              url: "https://ferryfacts.example/fares",
              textualRating: "Mostly true",
            },
          ],
        },
      ],
    });
    expect(google).toMatchObject({
      format: "FACT_CHECK_TOOLS",
      created: 2,
      items: [
        {
          pointer: "/claims/0/claimReview/0",
          claimCreated: false,
          claim: { id: harbourClaimId },
          review: { headline: "Harbour: false", reviewer: { slug: "harbour-checks" }, verdict: "FALSE", language: "en" },
        },
        {
          pointer: "/claims/1/claimReview/0",
          claimCreated: true,
          claim: { text: "The ferry fares will halve.", claimant: { name: "Ferry Boss", kind: "PERSON" } },
          review: { verdict: "MOSTLY_TRUE", reviewer: { name: "Ferry Facts", kind: "ORGANIZATION", url: "https://ferryfacts.example/" } },
          // Google gives no appearance: the fact-check's own page stands for where the claim was reported.
          appearances: [{ status: "URL_ONLY", url: "https://ferryfacts.example/fares" }],
          warnings: [{ pointer: "/claims/1/claimReview/0", message: expect.stringContaining("the review's own page stands") }],
        },
      ],
    });
  });
});

describe("idempotence", () => {
  const document = () => [
    claimReview(
      "https://checks.example/again-1",
      {},
      { author: person("Ana Ruiz"), appearance: { url: HARBOUR.url, selector: selectors(HARBOUR.claim.quote) } },
    ),
    claimReview(
      "https://checks.example/again-2",
      { claimReviewed: "Tolls end in June.", author: [organization("Toll Watch"), person("Tam Writer")] },
      {
        author: person("Toll Minister", { affiliation: organization("Toll Ministry") }),
        appearance: ["https://tolls.example/speech", { url: HARBOUR.url }],
      },
    ),
  ];
  const counts = async () => {
    const { db } = server;
    return {
      reviews: await db.review.count(),
      claims: await db.claim.count(),
      appearances: await db.appearance.count(),
      sources: await db.source.count(),
      events: await db.auditEvent.count(),
      versions: (await db.review.findMany({ select: { version: true }, orderBy: { id: "asc" } })).map((r) => r.version),
    };
  };

  it("imports the same document a second time without a write, and says so", async () => {
    const before = await counts();
    const first = await importAs(document());
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, failed: 0 });
    const after = await counts();
    // One audit event per review written.
    expect(after.events).toBe(before.events + 2);
    expect(first.items[1]!.claim).toMatchObject({ claimant: { name: "Toll Minister", affiliation: { name: "Toll Ministry" } } });
    // The harbour url has no such words: kept by its URL, and said so.
    expect(first.items[1]!.warnings).toEqual([{ pointer: "/1/itemReviewed/appearance/1", message: expect.stringContaining("kept by its URL alone") }]);

    const second = await importAs(document());
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(second.items.map((item) => item.review!.id)).toEqual(first.items.map((item) => item.review!.id));
    expect(second.items.map((item) => item.appearances)).toEqual([[], []]);
    expect(await counts()).toEqual(after);
  });

  it("updates what the document changed: rating, status, byline; a new appearance of the claim too", async () => {
    const [, toll] = document();
    const changed = {
      ...toll!,
      creativeWorkStatus: "Retracted",
      author: [organization("Toll Watch")],
      reviewRating: { "@type": "Rating", alternateName: "Pants on Fire" },
      itemReviewed: { ...(toll!.itemReviewed as Json), appearance: ["https://tolls.example/speech", "https://tolls.example/transcript"] },
    };
    const { items } = await importAs([changed]);
    expect(items[0]).toMatchObject({
      status: "UPDATED",
      review: { status: "RETRACTED", version: 2, verdict: "FALSE", rating: { alternateName: "Pants on Fire", ratingValue: null }, authors: [] },
      appearances: [{ status: "URL_ONLY", url: "https://tolls.example/transcript" }],
    });
    expect((await importAs([changed])).items[0]!.status).toBe("UNCHANGED");
  });

  it("lets one of two identical imports racing create the review; the other finds it", async () => {
    const racing = claimReview(
      "https://checks.example/race",
      { claimReviewed: "The race is on.", author: organization("Race Desk") },
      {
        author: person("Race Claimant"),
        appearance: "https://race.example/",
      },
    );
    const results = await Promise.all([1, 2].map(() => importAs([racing])));
    expect(results.map((result) => result.items[0]!.status).sort()).toEqual(["CREATED", "UNCHANGED"]);
    const { db } = server;
    expect(await db.review.count({ where: { url: "https://checks.example/race" } })).toBe(1);
    expect(await db.claim.count({ where: { text: "The race is on." } })).toBe(1);
    expect(await db.source.count({ where: { name: { in: ["Race Desk", "Race Claimant"] } } })).toBe(2);
  });
});

describe("bad input", () => {
  it("is reported item by item with its place, and the good items still go in", async () => {
    const good = (n: number) => claimReview(`https://checks.example/mixed-${n}`, { claimReviewed: `Mixed claim ${n}.`, author: organization("Mixed Desk") });
    const { claimReviewed: _missing, ...noClaim } = good(1);
    const feed = {
      "@context": "https://schema.org",
      "@type": "DataFeed",
      dataFeedElement: [
        { "@type": "DataFeedItem", item: bare(good(0)) },
        { "@type": "DataFeedItem", item: bare(noClaim) },
        {
          "@type": "DataFeedItem",
          item: bare({ ...good(2), reviewRating: { "@type": "Rating", ratingValue: 9, bestRating: 5, worstRating: 1, alternateName: "False" } }),
        },
        { "@type": "DataFeedItem", item: bare({ ...good(3), datePublished: "2025-13-40" }) },
        { "@type": "DataFeedItem", item: { ...good(4), "@context": "https://evil.example/context.jsonld" } },
        { "@type": "DataFeedItem", item: 42 },
        { "@type": "DataFeedItem", item: bare({ ...good(6), reviewRating: { "@type": "Rating", alternateName: "Spicy" } }) },
        { "@type": "DataFeedItem", item: bare({ ...good(7), url: undefined }) },
        { "@type": "DataFeedItem", item: { "@type": "NewsArticle", headline: "Not a review" } },
        { "@type": "DataFeedItem", item: bare(good(9)) },
      ],
    };
    const result = await importAs(feed);
    const at = (i: number) => `/dataFeedElement/${i}/item`;
    expect(result).toMatchObject({ created: 2, failed: 8 });
    expect(result.items.map((item) => item.status)).toEqual(["CREATED", "ERROR", "ERROR", "ERROR", "ERROR", "ERROR", "ERROR", "ERROR", "ERROR", "CREATED"]);
    // An item in error still names its review, where it could be read.
    expect(result.items[2]!.url).toBe("https://checks.example/mixed-2");
    expect(result.items.map((item) => [item.index, item.pointer, item.errors])).toEqual([
      [0, at(0), []],
      [1, at(1), [{ pointer: at(1), message: expect.stringContaining("claimReviewed is missing") }]],
      [2, at(2), [{ pointer: `${at(2)}/reviewRating/ratingValue`, message: "ratingValue 9 is outside its scale (1 to 5)" }]],
      [3, at(3), [{ pointer: `${at(3)}/datePublished`, message: expect.stringContaining("not an ISO 8601 date") }]],
      [4, at(4), [{ pointer: at(4), message: expect.stringContaining("not schema.org's") }]],
      [5, at(5), [{ pointer: at(5), message: expect.stringContaining("expected a JSON object") }]],
      [6, at(6), [{ pointer: `${at(6)}/reviewRating/alternateName`, message: expect.stringContaining('No verdict is mapped for the rating "Spicy"') }]],
      [7, at(7), [{ pointer: at(7), message: expect.stringContaining("url is missing") }]],
      [8, at(8), [{ pointer: at(8), message: "Not a ClaimReview: its @type is NewsArticle" }]],
      [9, at(9), []],
    ]);
    // Nothing of the refused ones was written: not their review, not their claim, not their reviewer's new source.
    expect(await server.db.review.count({ where: { url: { startsWith: "https://checks.example/mixed-" } } })).toBe(2);
    expect(await server.db.claim.count({ where: { text: { startsWith: "Mixed claim" } } })).toBe(2);
    expect(await server.db.source.count({ where: { name: "Mixed Desk" } })).toBe(1);
  });

  it("refuses a document it cannot read at all, naming the argument", async () => {
    const refused = async (document: unknown) => (await server.fail(IMPORT, { input: { document } }, server.keys.editor)).extensions;
    expect(await refused("this is not JSON")).toMatchObject({ code: "BAD_USER_INPUT", field: "input.document" });
    expect(await refused("{ not: json")).toMatchObject({ code: "BAD_USER_INPUT", field: "input.document" });
    expect(await refused("<html><body>No JSON-LD</body></html>")).toMatchObject({ code: "BAD_USER_INPUT", field: "input.document" });
    expect(await refused(7)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.document" });
    // 100,000 unclosed script tags: read in one pass, not once from each of them.
    expect(await refused(`<html>${"<script>".repeat(100_000)}`)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.document" });
    const many = Array.from({ length: 201 }, (_, i) => claimReview(`https://checks.example/many-${i}`));
    expect(await refused(many)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.document", limit: 200 });
    expect(await server.db.review.count({ where: { url: { startsWith: "https://checks.example/many-" } } })).toBe(0);
  });

  it("needs an editor", async () => {
    expect((await server.fail(IMPORT, { input: { document: [] } })).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await server.fail(IMPORT, { input: { document: [] } }, server.keys.reader)).extensions?.code).toBe("FORBIDDEN");
    expect(await importAs([])).toMatchObject({ created: 0, items: [] });
  });
});

describe("npm run claimreviews:import", () => {
  const dir = mkdtempSync(join(tmpdir(), "claimgraph-claimreviews-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Asynchronously: the test server runs in this process, and must go on answering meanwhile.
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "src/review/claimReviews.cli.ts", ...args],
        { cwd: join(import.meta.dirname, "../.."), env: { ...process.env, DATABASE_URL: server.databaseUrl }, encoding: "utf8" },
        (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
      );
    });

  it("imports a folder of JSON, JSON-LD and HTML files, reports bad items by file and place, and finds them all the second time", async () => {
    const folder = join(dir, "reviews");
    mkdirSync(join(folder, "pages"), { recursive: true });
    const review = (n: number, fields: Json = {}) => claimReview(`https://checks.example/cli-${n}`, { claimReviewed: `CLI claim ${n}.`, ...fields });
    writeFileSync(join(folder, "a.json"), JSON.stringify([review(1), { ...review(2), datePublished: "yesterday" }]));
    writeFileSync(join(folder, "b.jsonld"), JSON.stringify(dataFeed(review(3))));
    writeFileSync(join(folder, "pages", "c.html"), htmlPage(review(4)));
    writeFileSync(join(folder, "d.json"), "{ broken");
    writeFileSync(join(folder, "notes.txt"), "not read");

    const first = await run([folder]);
    expect(first.status, first.stderr).toBe(1);
    expect(first.stdout).toContain("4 ClaimReviews in 3 of 4 files");
    expect(first.stdout).toContain("3 created, 0 updated, 0 unchanged, 1 errors");
    expect(first.stdout).toMatch(/unreadable .*d\.json: The document is not valid JSON/);
    expect(first.stdout).toMatch(/error .*a\.json#\/1\/datePublished: datePublished "yesterday" is not an ISO 8601 date/);

    const second = await run([join(folder, "b.jsonld")]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("0 created, 0 updated, 1 unchanged, 0 errors");
  });

  it("refuses a bad status or path with the usage line", async () => {
    const bad = await run([dir, "--status", "LIVE"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--status "LIVE" is not DRAFT, PUBLISHED or RETRACTED');
    const missing = await run([join(dir, "nope")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no such file or folder");
  });
});

describe("the round trip", () => {
  const EXPORT = graphql(`
    query ImportExportAll($after: String) {
      reviews(first: 100, after: $after, orderBy: { field: CREATED_AT }) { pageInfo { hasNextPage endCursor } edges { node { url claimReview } } }
    }
  `);

  /** Every review's ClaimReview (drafts too: an editor reads them), by url. */
  async function exportAll(on = server): Promise<Map<string, Json>> {
    const documents = new Map<string, Json>();
    let after: string | null = null;
    for (;;) {
      const page: ImportExportAllQuery = await on.ok(EXPORT, { after }, on.keys.editor);
      for (const { node } of page.reviews.edges) documents.set(node.url!, node.claimReview as Json);
      if (!page.reviews.pageInfo.hasNextPage) return documents;
      after = page.reviews.pageInfo.endCursor!;
    }
  }

  it("exports every review, imports the export into the same database without its reviews, and exports the same documents again", async () => {
    // Reviews in every status, among those the tests above imported and the seed's.
    const published = await server.db.review.findUniqueOrThrow({ where: { url: "https://checks.example/harbour-1" } });
    await server.ok(
      graphql(`mutation ImportRoundTripRetract($id: ID!) { retractReview(id: $id) { status } }`),
      { id: toGlobalId("Review", published.id) },
      server.keys.editor,
    );
    await importAs([claimReview("https://checks.example/a-draft", { claimReviewed: "A draft's claim.", creativeWorkStatus: "Draft" })]);

    const before = await exportAll();
    expect(before.size).toBeGreaterThan(25);
    const statuses = new Set([...before.values()].map((document) => document.creativeWorkStatus));
    expect(statuses).toEqual(new Set(["Published", "Retracted", "Draft"]));
    // Spans with their selectors, and pages known by URL alone, in articles with and without a url.
    const appearances = [...before.values()].flatMap((document) => (document.itemReviewed as { appearance?: Json[] }).appearance ?? []);
    expect(appearances.some((a) => (a.selector as Json[] | undefined)?.some((s) => s["@type"] === "TextPositionSelector") && a.url)).toBe(true);
    expect(appearances.some((a) => a["cg:article"] && !a.url)).toBe(true);
    expect(appearances.some((a) => !a["cg:article"] && a.url)).toBe(true);

    // The same articles, claims and sources, and no reviews.
    await server.db.review.deleteMany();
    const documents = [...before.values()];
    for (let i = 0; i < documents.length; i += 200) {
      const result = await importAs(documents.slice(i, i + 200));
      expect(result.items.filter((item) => item.status !== "CREATED").map((item) => [item.url, item.errors])).toEqual([]);
      // Each found its claim, and every appearance was there already.
      expect(result.items.filter((item) => item.claimCreated || item.appearances.length || item.createdSources.length).map((item) => item.url)).toEqual([]);
    }

    const after = await exportAll();
    // Equal means: the same reviews (by url), each the same document, key for key and value for value, with the same
    // claim, appearances, spans, selectors, claimant, reviewer and authors (their claimgraph ids included). Only the
    // review's own id is new, as it must be: the old rows are gone.
    const withoutReviewId = (document: Json) => ({ ...document, "cg:id": undefined });
    expect(new Set(after.keys())).toEqual(new Set(before.keys()));
    for (const [url, document] of before) expect(withoutReviewId(after.get(url)!), url).toStrictEqual(withoutReviewId(document));
    for (const [url, document] of before) expect(after.get(url)!["cg:id"], url).not.toBe(document["cg:id"]);
  });

  it("imports the export into another database holding the same articles and no reviews, and exports the same documents there, ids renamed one to one", async () => {
    const exported = await exportAll();
    // The other database: the same seed (its articles, claims and sources), the harbour article written again by
    // the same call (new ids), and no reviews.
    await other.db.review.deleteMany();
    await createHarbour(other);
    const documents = [...exported.values()];
    for (let i = 0; i < documents.length; i += 200) {
      const result = await importAs(documents.slice(i, i + 200), other.keys.editor, undefined, other);
      expect(result.items.filter((item) => item.status !== "CREATED").map((item) => [item.url, item.errors])).toEqual([]);
    }
    const there = await exportAll(other);
    expect(new Set(there.keys())).toEqual(new Set(exported.keys()));
    // Equal means: every document the same, key for key and value for value, except claimgraph's ids, which are
    // each database's own; those must correspond one to one (the same claim, source, article or appearance
    // always stands for the same one there, and no two for one).
    const forth = new Map<string, string>();
    const back = new Map<string, string>();
    const same = (a: unknown, b: unknown, path: string): void => {
      if (Array.isArray(a) && Array.isArray(b)) {
        expect(b.length, path).toBe(a.length);
        for (const [i, item] of a.entries()) same(item, b[i], `${path}/${i}`);
      } else if (a && b && typeof a === "object" && typeof b === "object") {
        expect(Object.keys(b).sort(), path).toEqual(Object.keys(a).sort());
        for (const key of Object.keys(a)) {
          const [x, y] = [(a as Json)[key], (b as Json)[key]];
          if (key === "cg:id" || key === "cg:article") {
            expect(typeof x === "string" && typeof y === "string", `${path}/${key}`).toBe(true);
            expect(forth.get(x as string) ?? y, `${path}/${key}`).toBe(y);
            expect(back.get(y as string) ?? x, `${path}/${key}`).toBe(x);
            forth.set(x as string, y as string);
            back.set(y as string, x as string);
          } else same(x, y, `${path}/${key}`);
        }
      } else expect(b, path).toStrictEqual(a);
    };
    for (const [url, document] of exported) same(document, there.get(url), url);
    // The seed's articles, claims and sources kept their ids there; what was written again or imported got new ones.
    expect([...forth].some(([a, b]) => a === b)).toBe(true);
    expect([...forth].some(([a, b]) => a !== b)).toBe(true);
  });
});
