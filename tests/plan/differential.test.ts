import { getOperationAST, graphql, parse, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";

import { createContext, type ReadPath } from "../../src/graphql/context.ts";
import { fragmentsOf, respondFromPlan } from "../../src/graphql/plannedResponse.ts";
import { createSchema } from "../../src/graphql/schema.ts";
import type { Viewer } from "../../src/schema/auth.ts";
import { createNestedFixture } from "../setup/fixtures.ts";
import { useTestDb } from "../setup/use.ts";
import { READ_QUERIES } from "./readQueries.ts";

// Proof of sameness: the planner and the resolvers answer every read byte for
// byte, on the suite's backend. The queries are the HTTP suite's reads and a
// few hundred generated from a fixed seed: random selections, aliases,
// fragments, paging, orders and filters over every planned type.

const test = useTestDb();
let schema: GraphQLSchema;
const ids: { article: string[]; claim: string[]; source: string[]; appearance: string[]; review: string[] } = {
  article: [],
  claim: [],
  source: [],
  appearance: [],
  review: [],
};
const slugs: { article: string[]; source: string[] } = { article: [], source: [] };

beforeAll(async () => {
  await createNestedFixture(test.db, { articles: 12, prefix: "df", claimsPerArticle: 3, appearancesPerClaim: 2 });
  // Some ties, nulls and links the fixture lacks: equal sort keys, undated claims, an affiliation, a translation.
  await test.db.claim.updateMany({ where: { id: { startsWith: "df-" }, text: { contains: "claim 1 " } }, data: { claimedAt: null } });
  await test.db.claim.updateMany({
    where: { id: { startsWith: "df-" }, text: { contains: "claim 2 " } },
    data: { claimedAt: new Date("2025-03-01T00:00:00Z") },
  });
  const [first, second] = await test.db.source.findMany({ where: { kind: "PERSON" }, take: 2, orderBy: { id: "asc" } });
  await test.db.source.update({ where: { id: second!.id }, data: { affiliationId: first!.id } });
  const [original, translation] = await test.db.article.findMany({ take: 2, orderBy: { id: "asc" } });
  await test.db.article.update({ where: { id: translation!.id }, data: { translationOfId: original!.id, language: "de" } });
  // Reviews in every status, with authors, so that visibility and the review relations are compared too.
  const claims = await test.db.claim.findMany({ where: { id: { startsWith: "df-" } }, orderBy: { id: "asc" }, take: 8 });
  const people = await test.db.source.findMany({ where: { kind: "PERSON" }, orderBy: { id: "asc" }, take: 3 });
  const statuses = ["DRAFT", "PUBLISHED", "RETRACTED", "PUBLISHED"] as const;
  const verdicts = ["FALSE", "MOSTLY_TRUE", "MISLEADING", "TRUE"] as const;
  for (const [i, claim] of claims.entries()) {
    await test.db.review.create({
      data: {
        id: `df-review-${i}`,
        claimId: claim.id,
        reviewerId: people[i % 2]!.id,
        alternateName: `Rating ${i}`,
        ratingValue: i % 3 === 0 ? null : i,
        bestRating: i % 3 === 0 ? null : 10,
        worstRating: i % 3 === 0 ? null : 0,
        verdict: verdicts[i % 4]!,
        status: statuses[i % 4]!,
        datePublished: i % 4 === 1 ? null : new Date(Date.UTC(2025, 5, 1 + (i % 3))),
        language: i % 2 ? "en" : null,
        authors: { create: [{ sourceId: people[2]!.id, position: 0 }] },
      },
    });
  }
  // Appearances known only by URL (an imported ClaimReview's): no article, no offsets; some with words, some without.
  for (const [i, claim] of claims.slice(0, 3).entries()) {
    await test.db.appearance.create({
      data: {
        id: `df-url-${i}`,
        claimId: claim.id,
        url: `https://elsewhere.example/${i}`,
        quote: i % 2 ? null : `Words ${i}`,
        kind: "REPORTED_SPEECH",
        status: "URL_ONLY",
      },
    });
  }
  schema = await createSchema();
  const { toGlobalId } = await import("../../src/shared/globalId.ts");
  ids.article = (await test.db.article.findMany({ select: { id: true } })).map((r) => toGlobalId("Article", r.id));
  ids.claim = (await test.db.claim.findMany({ select: { id: true } })).map((r) => toGlobalId("Claim", r.id));
  ids.source = (await test.db.source.findMany({ select: { id: true } })).map((r) => toGlobalId("Source", r.id));
  ids.appearance = (await test.db.appearance.findMany({ select: { id: true }, take: 20 }))
    .map((r) => r.id)
    .concat(["df-url-0", "df-url-1"])
    .map((id) => toGlobalId("Appearance", id));
  ids.review = (await test.db.review.findMany({ select: { id: true } })).map((r) => toGlobalId("Review", r.id));
  slugs.article = (await test.db.article.findMany({ select: { slug: true } })).map((r) => r.slug);
  slugs.source = (await test.db.source.findMany({ select: { slug: true } })).map((r) => r.slug);
});

let plannedStatements = 0;

/** An editor sees review drafts; anonymous callers do not. */
const EDITOR: Viewer = { keyId: "differential-editor", name: "editor", role: "EDITOR" };
let viewer: Viewer = null;

async function run(readPath: ReadPath, source: string, variableValues?: Record<string, unknown>): Promise<string> {
  const contextValue = createContext(test.db, "differential", viewer, { readPath, observePlan: () => plannedStatements++ });
  return JSON.stringify(await graphql({ schema, source, variableValues, contextValue }));
}

/** Queries the planned statements' JSON answered without graphql-js execution (as the HTTP server answers them). */
let answeredDirectly = 0;

async function answerDirectly(source: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
  const document = parse(source);
  const operation = getOperationAST(document);
  if (!operation || validate(schema, document).length) return undefined;
  const { planner } = createContext(test.db, "differential-direct", viewer);
  const data = await respondFromPlan(planner!, undefined, { schema, operation, fragments: fragmentsOf(document), variables });
  return data === undefined ? undefined : JSON.stringify({ data });
}

async function expectSame(source: string, variables?: Record<string, unknown>) {
  const planned = await run("planner", source, variables);
  const resolved = await run("resolvers", source, variables);
  expect(planned, source).toBe(resolved);
  const direct = await answerDirectly(source, variables);
  if (direct !== undefined) {
    answeredDirectly++;
    expect(direct, source).toBe(resolved);
  }
  return JSON.parse(planned) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** mulberry32: a small seeded generator, so a failing query can be regenerated. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    some: <T>(items: readonly T[], max: number): T[] => items.filter(() => next() < max / items.length),
  };
}

type Type = "Article" | "Claim" | "Source" | "Appearance" | "Review";
type Rel = { name: string; kind: "one" | "list" | "connection" | "strings"; type?: Type; order?: string[]; filter?: string[] };

const SCALARS: Record<Type, string[]> = {
  Article: ["id", "slug", "title", "summary", "body", "url", "language", "publishedAt", "origin", "version", "createdAt", "updatedAt"],
  Claim: ["id", "text", "claimantDescription", "cue", "claimedAt", "claimedAtPrecision", "createdAt", "updatedAt"],
  Source: ["id", "slug", "name", "kind", "role", "description", "url", "createdAt", "updatedAt"],
  Appearance: ["id", "quote", "start", "end", "url", "kind", "status", "createdAt"],
  Review: [
    "id",
    "verdict",
    "verdictSetByEditor",
    "url",
    "headline",
    "datePublished",
    "language",
    "status",
    "version",
    "createdAt",
    "rating { alternateName ratingValue bestRating }",
  ],
};
const ORDERS: Record<"Article" | "Claim" | "Source" | "Review", string[]> = {
  Review: ["DATE_PUBLISHED", "CREATED_AT"],
  Article: ["PUBLISHED_AT", "TITLE", "CREATED_AT"],
  Claim: ["CLAIMED_AT", "CREATED_AT"],
  Source: ["NAME", "SLUG", "CREATED_AT"],
};
/** `sources` also sorts by track record, above a minimum of reviewed claims; Source.members does not. */
const RECORD_ORDERS: ReadonlySet<string> = new Set(["REVIEWED_CLAIMS", "FALSE_SHARE"]);
const SOURCES_ORDERS = [...ORDERS.Source, ...RECORD_ORDERS];
const FILTERS: Record<"Article" | "Claim" | "Source" | "Review", string[]> = {
  Review: [`{ verdict: [FALSE, TRUE] }`, `{ from: "2025-06-02T00:00:00Z" }`, `{ language: "en" }`, `{ verdict: [] }`],
  Article: [
    `{ title: { contains: "article 1" } }`,
    `{ publishedAt: { isNull: false } }`,
    `{ claim: { cue: { equals: "say" } } }`,
    `{ publisher: { kind: { equals: NEWS_OUTLET } } }`,
    `{ OR: [{ slug: { startsWith: "df-article-00" } }, { language: { isNull: false } }] }`,
    `{ NOT: { author: { name: { endsWith: "1" } } } }`,
  ],
  Claim: [
    `{ cue: { in: ["say", "state", "report"] } }`,
    `{ claimant: { kind: { equals: PERSON } } }`,
    `{ claimedAt: { isNull: true } }`,
    `{ claimedAt: { gte: "2025-02-01T00:00:00Z" } }`,
    `{ OR: [{ text: { contains: "claim 0" } }, { channel: { kind: { equals: SOCIAL_PLATFORM } } }] }`,
    `{ article: { title: { contains: "1" } } }`,
    `{ NOT: { claimant: { slug: { startsWith: "df-person-1" } } } }`,
  ],
  Source: [
    `{ kind: { in: [PERSON, NEWS_OUTLET] } }`,
    `{ name: { startsWith: "Source p" } }`,
    `{ role: { isNull: true } }`,
    `{ alias: { contains: "source" } }`,
    `{ affiliation: { kind: { equals: PERSON } } }`,
  ],
};
const RELATIONS: Record<Type, Rel[]> = {
  Article: [
    { name: "publisher", kind: "one", type: "Source" },
    { name: "translationOf", kind: "one", type: "Article" },
    { name: "authors", kind: "list", type: "Source" },
    { name: "translations", kind: "list", type: "Article" },
    { name: "claims", kind: "connection", type: "Claim", order: ORDERS.Claim, filter: FILTERS.Claim },
    { name: "appearances", kind: "connection", type: "Appearance" },
  ],
  Claim: [
    { name: "claimant", kind: "one", type: "Source" },
    { name: "channel", kind: "one", type: "Source" },
    { name: "reportedBy", kind: "one", type: "Source" },
    { name: "appearances", kind: "list", type: "Appearance" },
    { name: "articles", kind: "connection", type: "Article", order: ORDERS.Article, filter: FILTERS.Article },
    { name: "reviews", kind: "connection", type: "Review", order: ORDERS.Review, filter: FILTERS.Review },
  ],
  Source: [
    { name: "reviewsWritten", kind: "connection", type: "Review", order: ORDERS.Review, filter: FILTERS.Review },
    { name: "affiliation", kind: "one", type: "Source" },
    { name: "aliases", kind: "strings" },
    { name: "members", kind: "connection", type: "Source", order: ORDERS.Source, filter: FILTERS.Source },
    { name: "claims", kind: "connection", type: "Claim", order: ORDERS.Claim, filter: FILTERS.Claim },
    { name: "channelClaims", kind: "connection", type: "Claim", order: ORDERS.Claim, filter: FILTERS.Claim },
    { name: "reportedClaims", kind: "connection", type: "Claim", order: ORDERS.Claim, filter: FILTERS.Claim },
    { name: "articles", kind: "connection", type: "Article", order: ORDERS.Article, filter: FILTERS.Article },
  ],
  Appearance: [
    { name: "article", kind: "one", type: "Article" },
    { name: "claim", kind: "one", type: "Claim" },
  ],
  Review: [
    { name: "claim", kind: "one", type: "Claim" },
    { name: "reviewer", kind: "one", type: "Source" },
    { name: "authors", kind: "list", type: "Source" },
  ],
};

function generator(seed: number) {
  const r = random(seed);
  let aliasCount = 0;
  let refused = false;
  const alias = () => (r.chance(0.15) ? `a${++aliasCount}: ` : "");

  const connectionArgs = (order?: string[], filter?: string[]) => {
    const args: string[] = [];
    // Mostly valid; now and then arguments the API refuses, which both paths must refuse alike.
    if (r.chance(0.03)) {
      refused = true;
      args.push(r.pick(["first: 0", "first: 1, last: 1", `after: "bogus"`, "first: 101"]));
    } else if (r.chance(0.25)) args.push(`last: ${r.int(1, 4)}`);
    else if (r.chance(0.8)) args.push(`first: ${r.int(1, 4)}`);
    if (order && r.chance(0.5)) {
      const field = r.pick(order);
      // A track-record order, mostly with a minimum the fixture's claimants reach.
      const minimum = RECORD_ORDERS.has(field) && r.chance(0.8) ? `, minReviewed: ${r.int(1, 3)}` : "";
      args.push(`orderBy: { field: ${field}${r.chance(0.5) ? `, direction: ${r.pick(["ASC", "DESC"])}` : ""}${minimum} }`);
    }
    if (filter && r.chance(0.35)) args.push(`filter: ${r.pick(filter)}`);
    return args.length ? `(${args.join(", ")})` : "";
  };

  const selection = (type: Type, depth: number): string => {
    const parts = r.some(SCALARS[type], 3);
    if (parts.length === 0) parts.push(r.pick(SCALARS[type]));
    if (r.chance(0.1)) parts.push("__typename");
    if (depth < 3) {
      for (const rel of r.some(RELATIONS[type], depth === 0 ? 2.2 : 1.2)) parts.push(relation(rel, depth + 1));
    }
    if (r.chance(0.1)) parts.push(`... on ${type} { ${r.pick(SCALARS[type])} }`);
    if (r.chance(0.05)) parts.push(`... on Node { id }`);
    // A directive goes before a selection set, so only plain fields get one here.
    if (r.chance(0.05)) parts.push(`${r.pick(SCALARS[type].filter((field) => !field.includes("{")))} @include(if: ${r.chance(0.5)})`);
    return parts.join(" ");
  };

  const connection = (type: Type, depth: number) => {
    const parts: string[] = [];
    if (r.chance(0.4)) parts.push("totalCount");
    if (r.chance(0.4)) parts.push(`pageInfo { ${r.some(["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"], 2.5).join(" ") || "hasNextPage"} }`);
    parts.push(`edges { ${r.chance(0.4) ? "cursor " : ""}node { ${selection(type, depth)} } }`);
    return parts.join(" ");
  };

  const relation = (rel: Rel, depth: number): string => {
    const head = `${alias()}${rel.name}`;
    switch (rel.kind) {
      case "strings":
        return head;
      case "one":
      case "list":
        return `${head} { ${selection(rel.type!, depth)} }`;
      case "connection":
        return `${head}${connectionArgs(rel.order, rel.filter)} { ${connection(rel.type!, depth)} }`;
    }
  };

  // Each query, and whether it holds an argument the API refuses (the planner then hands it to the resolvers).
  return (): { query: string; refused: boolean } => {
    refused = false;
    const query = build();
    return { query, refused };
  };

  function build(): string {
    const root = r.int(0, 9);
    if (root === 8) return `{ ${alias()}reviews${connectionArgs(ORDERS.Review, FILTERS.Review)} { ${connection("Review", 0)} } }`;
    if (root === 9) return `{ review(id: "${r.pick(ids.review)}") { ${selection("Review", 0)} } }`;
    if (root <= 2) {
      const type = (["Article", "Claim", "Source"] as const)[root]!;
      const field = { Article: "articles", Claim: "claims", Source: "sources" }[type];
      return `{ ${alias()}${field}${connectionArgs(type === "Source" ? SOURCES_ORDERS : ORDERS[type], FILTERS[type])} { ${connection(type, 0)} } }`;
    }
    if (root === 3) return `{ article(slug: "${r.pick(slugs.article)}") { ${selection("Article", 0)} } }`;
    if (root === 4) return `{ source(${r.chance(0.5) ? `slug: "${r.pick(slugs.source)}"` : `id: "${r.pick(ids.source)}"`}) { ${selection("Source", 0)} } }`;
    if (root === 5) return `{ claim(id: "${r.pick(ids.claim)}") { ${selection("Claim", 0)} } }`;
    const type = r.pick(["Article", "Claim", "Source", "Appearance", "Review"] as const);
    const id = r.pick(ids[type.toLowerCase() as keyof typeof ids]);
    return `{ node(id: "${id}") { __typename ... on ${type} { ${selection(type, 0)} } } }`;
  }
}

// Sources sorted by track record need claimants with several reviewed claims: published reviews of more claims, with
// a spread of verdicts, some claims reviewed again later (the later review counts), undated reviews and drafts.
beforeAll(async () => {
  const claims = await test.db.claim.findMany({ where: { id: { startsWith: "df-" } }, orderBy: { id: "asc" }, skip: 8, take: 24 });
  const reviewer = await test.db.source.findFirstOrThrow({ where: { kind: "NEWS_OUTLET" }, orderBy: { id: "asc" } });
  const verdicts = ["FALSE", "TRUE", "MOSTLY_FALSE", "MIXED", "FALSE", "MISLEADING"] as const;
  const review = (id: string, claimId: string, verdict: (typeof verdicts)[number], datePublished: Date | null, draft = false) =>
    ({ id, claimId, reviewerId: reviewer.id, alternateName: verdict.toLowerCase(), verdict, status: draft ? "DRAFT" : "PUBLISHED", datePublished }) as const;
  await test.db.review.createMany({
    data: claims.flatMap((claim, i) => [
      review(`df-record-${i}`, claim.id, verdicts[i % verdicts.length]!, i % 6 === 5 ? null : new Date(Date.UTC(2025, i % 12, 1)), i % 7 === 6),
      ...(i % 4 === 0 ? [review(`df-record-${i}-later`, claim.id, "TRUE", new Date(Date.UTC(2026, 0, 1 + i)))] : []),
    ]),
  });
});

describe("planner and resolvers give the same answer", () => {
  it("for every read query of the HTTP suite", async () => {
    expect(READ_QUERIES.length).toBeGreaterThan(40);
    for (const { query, variables } of READ_QUERIES) await expectSame(query, variables);
  });

  it("for selections that read no column, and roots that find nothing", async () => {
    for (const query of [
      `{ article(slug: "df-article-001") { __typename } }`,
      `{ article(slug: "no-such-article") { title } }`,
      `{ source(slug: "df-person-1") { __typename aliases } }`,
      `{ claims(first: 2) { totalCount } }`,
      `{ claims(first: 2) { pageInfo { hasNextPage } } }`,
      `{ node(id: "QXJ0aWNsZTpuby1zdWNoLWlk") { id } }`,
      `{ a: article(slug: "df-article-001") { t: title } b: article(slug: "df-article-002") { t: slug } }`,
    ]) {
      await expectSame(query);
    }
  });

  it("for nodes of every type, repeated and missing ids included", async () => {
    const mixed = [
      ids.article[0],
      ids.claim[1],
      ids.source[2],
      ids.appearance[3],
      ids.claim[1],
      "QXJ0aWNsZTpuby1zdWNoLWlk",
      ids.source[2],
      ids.appearance.at(-1),
    ];
    const selection = `__typename id ... on Article { title claims(first: 2) { totalCount edges { node { text } } } } ... on Claim { cue claimant { name } }
      ... on Source { name aliases } ... on Appearance { quote url status article { slug } claim { articles { totalCount } appearances { url start } } }`;
    plannedStatements = 0;
    const { data } = await expectSame(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${selection} } }`, { ids: mixed });
    expect(plannedStatements).toBe(1);
    expect((data!.nodes as unknown[]).map((node) => (node as { __typename?: string } | null)?.__typename ?? null)).toEqual([
      "Article",
      "Claim",
      "Source",
      "Appearance",
      null,
      "Appearance",
    ]);
    await expectSame(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [] });
    await expectSame(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ["not-an-id"] });
    await expectSame(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 101 }, () => ids.article[0]) });
  });

  it("for 400 generated queries", async () => {
    const next = generator(20261130);
    let answered = 0;
    let plannable = 0;
    plannedStatements = 0;
    answeredDirectly = 0;
    for (let i = 0; i < 400; i++) {
      const { query, refused } = next();
      // Every other query as an editor, who also sees review drafts.
      viewer = i % 2 ? EDITOR : null;
      const result = await expectSame(query);
      if (result.data && !result.errors) answered++;
      if (!refused) plannable++;
    }
    // Most generated queries are valid: the comparison is about answers, not only about errors.
    expect(answered).toBeGreaterThan(350);
    // And the planner answered them itself, rather than handing them to the resolvers.
    expect(plannedStatements).toBe(plannable);
    // About half select no field left to a resolver (body, rating): the server answers those from the JSON alone.
    expect(answeredDirectly).toBeGreaterThan(150);
    viewer = null;
  });

  it("page after page, forward and backward, in every order", async () => {
    for (const [field, orders] of [
      ["articles", ORDERS.Article],
      ["claims", ORDERS.Claim],
      ["sources", SOURCES_ORDERS],
    ] as const) {
      for (const order of orders) {
        for (const direction of ["ASC", "DESC"]) {
          for (const [size, cursorArg, pageInfo] of [
            ["first", "after", "endCursor hasNextPage"],
            ["last", "before", "startCursor hasPreviousPage"],
          ] as const) {
            let cursor: string | null = null;
            for (let page = 0; page < 30; page++) {
              const query = `query ($cursor: String) { ${field}(${size}: 3, ${cursorArg}: $cursor, orderBy: { field: ${order}, direction: ${direction}${RECORD_ORDERS.has(order) ? ", minReviewed: 1" : ""} }) { totalCount pageInfo { ${pageInfo} } edges { cursor node { id } } } }`;
              const result = await expectSame(query, { cursor });
              const info = (result.data![field] as { pageInfo: Record<string, unknown> }).pageInfo;
              if (!(info.hasNextPage ?? info.hasPreviousPage)) break;
              cursor = (info.endCursor ?? info.startCursor) as string;
            }
          }
        }
      }
    }
  });

  it("for nested pages after a cursor", async () => {
    const { data } = await expectSame(`{ sources(first: 20) { edges { node { id claims(first: 1) { pageInfo { endCursor } } } } } }`);
    const sources = (data!.sources as { edges: { node: { id: string; claims: { pageInfo: { endCursor: string | null } } } }[] }).edges;
    for (const { node } of sources.filter((s) => s.node.claims.pageInfo.endCursor)) {
      await expectSame(
        `query ($id: ID!, $after: String) { node(id: $id) { ... on Source { claims(first: 2, after: $after) { totalCount edges { cursor node { text claimedAt } } } } } }`,
        {
          id: node.id,
          after: node.claims.pageInfo.endCursor,
        },
      );
    }
  });
});
