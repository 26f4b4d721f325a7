import jsonld from "jsonld";
import { beforeAll, describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { createNestedFixture } from "../setup/fixtures.ts";
import { bearer } from "../setup/keys.ts";
import { useTestServer } from "../setup/use.ts";
import type { TestServer } from "../setup/testServer.ts";
import { CG, CLAIMREVIEW_CONTEXT, documentLoader, OA, SCHEMA_ORG_CONTEXT } from "../../src/review/review.jsonld.ts";

// ClaimReview out (issue 15): a review as schema.org ClaimReview JSON-LD, by
// GET /claimreview/<id>.jsonld, the Review.claimReview field and the feed
// GET /claimreview.jsonld. Every document is checked with the jsonld package
// against the bundled schema.org context: it expands in safe mode, compacts
// back to itself, and uses no term outside schema.org's, Web Annotation's and
// claimgraph's own.

const server = useTestServer();
const locked = useTestServer({ READS_REQUIRE_KEY: "true" });

type Doc = Record<string, unknown> & { "@context"?: unknown };
// biome-ignore lint/suspicious/noExplicitAny: the documents are read as whatever JSON-LD came back; the checks say what it must hold.
type Node = Record<string, any>;

const CREATE_ARTICLE = graphql(`
  mutation CroCreateArticle($input: CreateArticleInput!) {
    createArticle(input: $input) { article { id body claims { edges { node { id appearances { start end quote } } } } } }
  }
`);
const CREATE = graphql(`mutation CroCreateReview($input: CreateReviewInput!) { createReview(input: $input) { id } }`);
const PUBLISH = graphql(`mutation CroPublish($id: ID!) { publishReview(id: $id) { status } }`);
const RETRACT = graphql(`mutation CroRetract($id: ID!) { retractReview(id: $id) { status } }`);
const READ = graphql(`query CroReview($id: ID!) { review(id: $id) { status claimReview } }`);
const SEED = graphql(`
  query CroSeedReview {
    reviews(first: 5) { edges { node { id claimReview claim { appearances { start end quote article { body } } } } } }
  }
`);

/** GET on a server, as text and parsed JSON. */
async function get(on: TestServer, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${on.url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : undefined) as Doc };
}

const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

// Every IRI a document may use: the terms the bundled schema.org copy defines, and the Web Annotation and claimgraph terms.
const SCHEMA_ORG = "http://schema.org/";
const KNOWN = new Set([
  ...Object.entries(SCHEMA_ORG_CONTEXT["@context"])
    .filter(([, definition]) => typeof definition === "object" && String((definition as { "@id": string })["@id"]).startsWith("schema:"))
    .map(([term]) => SCHEMA_ORG + term),
  ...["hasSelector", "TextQuoteSelector", "TextPositionSelector", "exact", "prefix", "suffix", "start", "end"].map((term) => OA + term),
  ...["id", "verdict", "article", "stale", "utf16Start", "utf16End", "next"].map((term) => CG + term),
  // The datatype Web Annotation gives its offsets.
  "http://www.w3.org/2001/XMLSchema#nonNegativeInteger",
]);

/** Every property and type IRI of an expanded document. */
function iris(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) iris(item, found);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "@type") for (const type of [inner].flat()) found.add(String(type));
      else if (!key.startsWith("@")) found.add(key);
      if (key !== "@value") iris(inner, found);
    }
  }
  return found;
}

/**
 * As compaction writes a value: single-item lists as their item, and `@type`/`@id` under the aliases schema.org's
 * context gives them (`type`, `id`), which compaction prefers. Otherwise the same value.
 */
const ALIASES: Record<string, string> = { "@type": "type", "@id": "id" };
function normal(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 1 ? normal(value[0]) : value.map(normal);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [ALIASES[key] ?? key, normal(inner)]));
  return value;
}

/**
 * The document expands in safe mode (which fails on anything dropped or left relative), every IRI it expands to is a
 * known term (so no key fell through `@vocab` by a typo), and compacting the expansion with the document's own context
 * gives the document back: nothing was lost.
 */
async function expectLossless(document: Doc) {
  expect(document["@context"]).toEqual(CLAIMREVIEW_CONTEXT);
  const expanded = await jsonld.expand(document, { documentLoader, safe: true });
  expect(expanded).toHaveLength(1);
  const unknown = [...iris(expanded)].filter((iri) => !KNOWN.has(iri));
  expect(unknown, "IRIs outside schema.org, oa: and cg: terms").toEqual([]);
  const compacted = await jsonld.compact(expanded, { "@context": document["@context"] }, { documentLoader, safe: true });
  const { "@context": _context, ...content } = document;
  const { "@context": _again, ...back } = compacted;
  expect(normal(back)).toEqual(normal(content));
  return expanded;
}

/** Google's required and recommended ClaimReview fields. */
function expectGoogleFields(review: Node) {
  expect(review["@type"]).toBe("ClaimReview");
  expect(review.claimReviewed).toEqual(expect.any(String));
  expect(review.reviewRating).toMatchObject({ "@type": "Rating", alternateName: expect.any(String) });
  expect(review.url).toMatch(/^https?:\/\//);
  expect(review.datePublished).toEqual(expect.any(String));
  expect(review.author[0]).toMatchObject({ name: expect.any(String) });
  expect(review.itemReviewed).toMatchObject({ "@type": "Claim" });
  expect(review.itemReviewed.appearance.length).toBeGreaterThan(0);
}

/** Every anchored appearance's quote selector against the article body: exact = body.slice(start, end), with its context. */
function expectSelectors(appearance: Node, body: string, { start, end }: { start: number | null; end: number | null }) {
  // Appearances in an article have their offsets (only URL_ONLY ones lack them).
  const span = { start: start!, end: end! };
  const [quote, position] = appearance.selector as Node[];
  expect(quote).toMatchObject({ "@type": "TextQuoteSelector", exact: body.slice(span.start, span.end) });
  expect(body.slice(0, span.start).endsWith(quote!.prefix ?? "")).toBe(true);
  expect(body.slice(span.end).startsWith(quote!.suffix ?? "")).toBe(true);
  expect(position).toMatchObject({ "@type": "TextPositionSelector", "cg:utf16Start": span.start, "cg:utf16End": span.end });
  // TextPositionSelector counts code points.
  expect([...body].slice(position!.start, position!.end).join("")).toBe(quote!.exact);
}

const newReview = (claim: string, overrides: Record<string, unknown> = {}) => ({
  claim,
  reviewer: { alias: "Cro Fact Desk", kind: "ORGANIZATION" as const },
  authors: [{ alias: "Cro Writer", kind: "PERSON" as const }],
  rating: { alternateName: "Mostly False", ratingValue: 2, bestRating: 6, worstRating: 1, ratingExplanation: "Half of it." },
  url: `https://factcheck.example/cro/${Math.random().toString(36).slice(2)}`,
  headline: "Checked",
  datePublished: "2025-06-10T00:00:00.000Z",
  language: "en",
  ...overrides,
});

async function review(claim: string, status: "DRAFT" | "PUBLISHED" | "RETRACTED" = "PUBLISHED", overrides: Record<string, unknown> = {}) {
  const { createReview } = await server.ok(CREATE, { input: newReview(claim, overrides) }, server.keys.editor);
  if (status !== "DRAFT") await server.ok(PUBLISH, { id: createReview.id }, server.keys.editor);
  if (status === "RETRACTED") await server.ok(RETRACT, { id: createReview.id }, server.keys.editor);
  return createReview.id;
}

const claimId = (raw: string) => Buffer.from(`Claim:${raw}`).toString("base64url");
const reviewId = (raw: string) => Buffer.from(`Review:${raw}`).toString("base64url");

let seed: { id: string; document: Doc; appearances: { start: number | null; end: number | null; quote: string | null; article: { body: string } | null }[] };
let statements: string[] = [];

beforeAll(async () => {
  // The shared fixture, with each claim in two articles published on different days.
  await createNestedFixture(server.db, { articles: 6, prefix: "cro", claimsPerArticle: 2, appearancesPerClaim: 2 });
  const { reviews } = await server.ok(SEED);
  expect(reviews.edges).toHaveLength(1);
  const node = reviews.edges[0]!.node;
  seed = { id: node.id, document: node.claimReview as Doc, appearances: node.claim!.appearances };
  server.db.onStatement((sql) => statements.push(sql));
});

describe("GET /claimreview/<id>.jsonld", () => {
  it("serves the seed review as ClaimReview JSON-LD, the document Review.claimReview gives", async () => {
    const { status, headers, body } = await get(server, `/claimreview/${seed.id}.jsonld`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    expect(body).toEqual(seed.document);
    expectGoogleFields(body);
    expect(body).toMatchObject({
      "cg:id": seed.id,
      creativeWorkStatus: "Published",
      "cg:verdict": "TRUE",
      inLanguage: "en",
      reviewRating: { ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: "True", ratingExplanation: expect.any(String) },
      author: [{ "@type": "Organization", name: "claimgraph example desk" }],
      itemReviewed: { "@type": "Claim", author: { name: expect.any(String) }, datePublished: expect.any(String) },
    });
    const claim = (body as Node).itemReviewed;
    expect(claim.firstAppearance).toEqual(claim.appearance[0]);
    for (const [i, appearance] of (claim.appearance as Node[]).entries()) expectSelectors(appearance, seed.appearances[i]!.article!.body, seed.appearances[i]!);
    await expectLossless(body);
  });

  it("gives the claimant with its role and affiliation, the claim's date as precise as it is known, and every appearance by publication", async () => {
    // A fixture claim (claimedAt at MINUTE precision) that appears in two articles, published a day apart.
    const id = await review(claimId("cro-clm-001-001"));
    const { body } = await get(server, `/claimreview/${id}.jsonld`);
    const claim = (body as Node).itemReviewed;
    expect(claim.author).toMatchObject({ "@type": "Person", name: expect.stringMatching(/^Source person-/) });
    expect(claim.datePublished).toBe("2025-01-02T01:00:00.000Z");
    expect(claim.appearance.map((a: Node) => a.datePublished)).toEqual(["2025-01-02T00:00:00.000Z", "2025-01-03T00:00:00.000Z"]);
    expect(claim.firstAppearance).toEqual(claim.appearance[0]);
    expect(body.author).toEqual([
      expect.objectContaining({ "@type": "Organization", name: "Cro Fact Desk" }),
      expect.objectContaining({ "@type": "Person", name: "Cro Writer" }),
    ]);
    await expectLossless(body);

    // Jamieson Greer in the seed: a person with a role and an affiliation, claimed at DAY precision.
    const { claims } = await server.ok(
      graphql(`query CroGreer { claims(first: 1, filter: { claimant: { slug: { equals: "jamieson-greer" } } }) { edges { node { id } } } }`),
    );
    const greer = await review(claims.edges[0]!.node.id);
    const { body: greerDoc } = await get(server, `/claimreview/${greer}.jsonld`);
    expect((greerDoc as Node).itemReviewed).toMatchObject({
      author: { "@type": "Person", name: "Jamieson Greer", jobTitle: "US Trade Representative", affiliation: { name: "United States government" } },
      datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    await expectLossless(greerDoc);
  });

  it("counts TextPositionSelector offsets in code points, keeps the UTF-16 ones beside them, and does not split a pair", async () => {
    const body = `${"🙂".repeat(40)} Dr Emoji said the 🚂 engine weaves patterns. ${"🎉".repeat(40)}`;
    const quote = "Dr Emoji said the 🚂 engine weaves patterns.";
    const { createArticle } = await server.ok(
      CREATE_ARTICLE,
      {
        input: {
          slug: "cro-emoji",
          title: "Emoji",
          body,
          publishedAt: "2025-05-01T00:00:00Z",
          claims: [
            {
              text: "The engine weaves patterns.",
              cue: "say",
              claimant: { alias: "Dr Emoji", kind: "PERSON" },
              appearances: [{ quote, kind: "REPORTED_SPEECH" }],
            },
          ],
        },
      },
      server.keys.editor,
    );
    const claim = createArticle.article.claims.edges[0]!.node;
    const id = await review(claim.id);
    const { body: document } = await get(server, `/claimreview/${id}.jsonld`);
    const [appearance] = (document as Node).itemReviewed.appearance as Node[];
    expectSelectors(appearance!, body, claim.appearances[0]!);
    const [quoteSelector, position] = appearance!.selector as Node[];
    expect(quoteSelector!.prefix).toBe(`${"🙂".repeat(31)} `);
    expect(quoteSelector!.suffix).toBe(` ${"🎉".repeat(31)}`);
    expect(position).toMatchObject({ start: 41, end: 41 + [...quote].length, "cg:utf16Start": 81, "cg:utf16End": 81 + quote.length });
    await expectLossless(document);
  });

  it("gives a stale appearance, whose words left the body, by its quote alone", async () => {
    const body = "The mayor said the bridge opens in May. Nothing else happened.";
    const quote = "The mayor said the bridge opens in May.";
    const { createArticle } = await server.ok(
      CREATE_ARTICLE,
      {
        input: {
          slug: "cro-stale",
          title: "Bridge",
          body,
          claims: [
            {
              text: "The bridge opens in May.",
              cue: "say",
              claimant: { alias: "Cro Mayor", kind: "PERSON" },
              appearances: [{ quote, kind: "REPORTED_SPEECH" }],
            },
          ],
        },
      },
      server.keys.editor,
    );
    const id = await review(createArticle.article.claims.edges[0]!.node.id);
    await server.ok(
      graphql(`mutation CroUpdateArticle($input: UpdateArticleInput!) { updateArticle(input: $input) { article { version } } }`),
      { input: { id: createArticle.article.id, version: 1, body: "Nothing happened." } },
      server.keys.editor,
    );
    const { body: document } = await get(server, `/claimreview/${id}.jsonld`);
    const [appearance] = (document as Node).itemReviewed.appearance as Node[];
    expect(appearance).toMatchObject({ "cg:stale": true, selector: [{ "@type": "TextQuoteSelector", exact: quote }] });
    expect(appearance!.selector).toHaveLength(1);
    await expectLossless(document);
  });

  it("answers 404 for a draft (even to an editor), an unknown review, another type's id and a malformed id", async () => {
    const draft = await review(claimId("cro-clm-002-000"), "DRAFT");
    const missing = [
      draft,
      reviewId("00000000-0000-7000-8000-000000000000"),
      claimId("cro-clm-002-000"),
      "not-a-global-id!",
      Buffer.from("Review:").toString("base64url"),
    ];
    for (const id of missing) {
      const { status, body } = await get(server, `/claimreview/${encodeURIComponent(id)}.jsonld`, bearer(server.keys.editor));
      expect(status, id).toBe(404);
      expect((body as Node).errors[0].extensions).toMatchObject({ code: "NOT_FOUND" });
    }
    // Through GraphQL an editor sees the draft and its document, marked as a draft; anonymous callers see neither.
    const asEditor = await server.ok(READ, { id: draft }, server.keys.editor);
    expect(asEditor.review!.claimReview).toMatchObject({ creativeWorkStatus: "Draft" });
    expect((await server.ok(READ, { id: draft })).review).toBeNull();
  });

  it("serves a retracted review with its rating, marked Retracted", async () => {
    const id = await review(claimId("cro-clm-002-001"), "RETRACTED");
    const { status, body } = await get(server, `/claimreview/${id}.jsonld`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ creativeWorkStatus: "Retracted", reviewRating: { alternateName: "Mostly False" } });
    expect((await server.ok(READ, { id })).review!.claimReview).toEqual(body);
    await expectLossless(body);
  });

  it("follows READS_REQUIRE_KEY, a bad key and the rate limit as /graphql reads do", async () => {
    const path = `/claimreview/${seed.id}.jsonld`;
    const anonymous = await get(locked, path);
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as Node).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await get(locked, "/claimreview.jsonld")).status).toBe(401);
    expect((await get(locked, path, bearer(locked.keys.reader))).status).toBe(200);
    expect((await get(locked, "/claimreview.jsonld", bearer(locked.keys.reader))).status).toBe(200);
    const badKey = await get(server, path, bearer("cg_not-a-real-key"));
    expect(badKey.status).toBe(401);
    // One bucket: each request, to /graphql or to these routes, takes one from the caller's.
    const first = await get(server, path);
    const graphqlRead = await server.query(READ, { id: seed.id });
    const feed = await get(server, "/claimreview.jsonld?first=1");
    const remaining = [first.headers, graphqlRead.headers, feed.headers].map((headers) => Number(headers.get("ratelimit-remaining")));
    expect(remaining).toEqual([remaining[0]!, remaining[0]! - 1, remaining[0]! - 2]);
  });
});

describe("the processor", () => {
  it("resolves schema.org's context from the bundled copy by any of its addresses, and refuses every other URL", async () => {
    const name = async (context: string) => (await jsonld.expand({ "@context": context, name: "x" }, { documentLoader, safe: true }))[0];
    for (const url of ["https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/", "https://schema.org/docs/jsonldcontext.json"]) {
      expect(await name(url)).toEqual({ [`${SCHEMA_ORG}name`]: [{ "@value": "x" }] });
    }
    for (const url of ["https://example.org/context.jsonld", "https://schema.org.example.net/", "https://schema.org/Person", "file:///etc/passwd"]) {
      await expect(name(url), url).rejects.toThrow();
    }
  });
});

describe("GET /claimreview.jsonld", () => {
  type Item = { "@type": string; dateModified: string; dateDeleted?: string; item: Node };

  /** Follows the feed's next links from `path`; checks every page and returns the items in order. */
  async function readFeed(path: string) {
    const items: Item[] = [];
    let next: string | undefined = path;
    for (let pages = 0; next; pages++) {
      expect(pages).toBeLessThan(50);
      const { status, headers, body } = await get(server, next);
      expect(status).toBe(200);
      expect(headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
      expect(body["@type"]).toBe("DataFeed");
      await expectLossless(body);
      const link = (body as Node)["cg:next"]?.["@id"] as string | undefined;
      expect(headers.get("link") ?? undefined).toBe(link ? `<${link}>; rel="next"` : undefined);
      items.push(...((body as Node).dataFeedElement as Item[]));
      next = link && pathOf(link);
    }
    return items;
  }

  it("pages through every published and retracted review, oldest change first, each once, drafts never", async () => {
    const published = [await review(claimId("cro-clm-003-000")), await review(claimId("cro-clm-003-001"))];
    const retracted = await review(claimId("cro-clm-004-000"), "RETRACTED");
    const draft = await review(claimId("cro-clm-004-001"), "DRAFT");
    const items = await readFeed("/claimreview.jsonld?first=2");
    const ids = items.map(({ item }) => item["cg:id"]);
    const { reviews } = await server.ok(
      graphql(`query CroAllReviews { reviews(first: 100) { totalCount edges { node { id status } } } }`),
      {},
      server.keys.editor,
    );
    const visible = reviews.edges.filter(({ node }) => node.status !== "DRAFT").map(({ node }) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...visible].sort());
    expect(ids).toEqual(expect.arrayContaining([...published, retracted, seed.id]));
    expect(ids).not.toContain(draft);
    const times = items.map(({ dateModified }) => dateModified);
    expect(times).toEqual([...times].sort());
    for (const { item, dateDeleted } of items) {
      expectGoogleFields(item);
      expect(dateDeleted !== undefined).toBe(item.creativeWorkStatus === "Retracted");
    }
    expect(items.find(({ item }) => item["cg:id"] === seed.id)!.item).toEqual((({ "@context": _, ...rest }) => rest)(seed.document));
  });

  it("with since, starts at that change and is stable: the same pages twice, and a later change comes last", async () => {
    const all = await readFeed("/claimreview.jsonld");
    expect(all.length).toBeGreaterThan(3);
    const since = all.at(-3)!.dateModified;
    const path = `/claimreview.jsonld?since=${encodeURIComponent(since)}&first=1`;
    const once = await readFeed(path);
    expect(once.map(({ item }) => item["cg:id"])).toEqual(all.filter(({ dateModified }) => dateModified >= since).map(({ item }) => item["cg:id"]));
    expect(await readFeed(path)).toEqual(once);
    // A retraction moves the review to the end of the feed, marked deleted from it.
    const target = all[0]!.item["cg:id"] as string;
    await server.ok(RETRACT, { id: target }, server.keys.editor);
    const after = await readFeed(`/claimreview.jsonld?since=${encodeURIComponent(all.at(-1)!.dateModified)}`);
    expect(after.at(-1)).toMatchObject({ dateDeleted: expect.any(String), item: { "cg:id": target, creativeWorkStatus: "Retracted" } });
    // A since after every change gives an empty page, with no next link.
    const empty = await get(server, "/claimreview.jsonld?since=9999-01-01");
    expect(empty.body).toMatchObject({ "@type": "DataFeed", dataFeedElement: [] });
    expect(empty.headers.get("link")).toBeNull();
    await expectLossless(empty.body);
  });

  it("refuses a bad since, cursor or page size with 400 and a stable code", async () => {
    const cases: [string, string][] = [
      ["since=yesterday", "since"],
      ["since=2025-13-45T00:00:00Z", "since"],
      ["since=2025-06-01T00:00:00", "since"],
      ["since=a&since=b", "since"],
      ["after=bm9wZQ", "after"],
      [`after=${Buffer.from(JSON.stringify(["CLAIMED_AT", "asc", null, "x"])).toString("base64url")}`, "after"],
      ["first=0", "first"],
      ["first=101", "first"],
      ["first=ten", "first"],
    ];
    for (const [query, field] of cases) {
      const { status, headers, body } = await get(server, `/claimreview.jsonld?${query}`);
      expect(status, query).toBe(400);
      expect(headers.get("content-type")).toMatch(/^application\/json/);
      expect((body as Node).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field, requestId: expect.any(String) });
    }
  });

  it("reads a page in a fixed number of statements, however many reviews it holds", async () => {
    const count = async (first: number) => {
      statements = [];
      const { body } = await get(server, `/claimreview.jsonld?first=${first}`);
      expect((body as Node).dataFeedElement).toHaveLength(first);
      return statements.length;
    };
    for (let i = 0; i < 3; i++) await review(claimId(`cro-clm-005-00${i % 2}`));
    expect(await count(8)).toBe(await count(1));
  });
});
