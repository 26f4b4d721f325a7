import { beforeAll, describe, expect, inject, it } from "vitest";

import { articleWhere } from "../../src/article/article.where.ts";
import { claimWhere } from "../../src/claim/claim.where.ts";
import { ClaimService } from "../../src/claim/claim.service.ts";
import { ArticleService } from "../../src/article/article.service.ts";
import { FilterScope } from "../../src/db/filters/index.ts";
import { toGlobalId } from "../../src/shared/globalId.ts";
import { DEFAULT_FILTER_BRANCHES, DEFAULT_FILTER_RELATION_DEPTH } from "../../src/db/filters/index.ts";
import { sourceWhere } from "../../src/source/source.where.ts";
import { createNestedFixture } from "../setup/fixtures.ts";
import { useTestServer } from "../setup/use.ts";

// Relation filters compile to uncorrelated semi-joins (src/db/filters). This
// suite holds the compiled SQL to the results of the Prisma translation
// (src/*/*.where.ts) over the seed, a small graph and a fanned-out one
// (3,600 claims, each in two articles of 30 claims), checks the relation-depth
// and branch limits, and checks that the red team's filter shapes run as a
// fixed number of statements with no correlated subquery.

// The cost limit is not under test here.
const server = useTestServer({ LIMIT_COST: "10000000" });
const postgres = inject("backend") === "postgresql";
type Statement = { query: string; params: unknown[] };
let captured: Statement[] | undefined;

beforeAll(async () => {
  await createNestedFixture(server.db, { articles: 40, prefix: "fx" });
  await createNestedFixture(server.db, { articles: 120, prefix: "fan", claimsPerArticle: 30, appearancesPerClaim: 2 });
  await server.db.$executeRawUnsafe("ANALYZE");
  // Listeners cannot be removed, so one listener feeds whichever capture is running.
  server.db.onStatement((query, params) => captured?.push({ query, params: [...params] }));
}, 120_000);

type ListField = "claims" | "articles" | "sources";
/** What the paging queries below select: their documents stay strings, so the shape is written out. */
type IdPage = {
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};
type Filter = Record<string, unknown>;

const TYPES = {
  claims: ["ClaimFilter", "ClaimOrder", "Claim"],
  articles: ["ArticleFilter", "ArticleOrder", "Article"],
  sources: ["SourceFilter", "SourceOrder", "Source"],
} as const;

/** The oracle: the same filter through the Prisma translation, in the API's order. */
async function viaPrisma(field: ListField, filter: Filter, opts: { desc?: boolean; take?: number; within?: object } = {}) {
  const scope = new FilterScope("filter", 0, postgres);
  const dir = opts.desc ? "desc" : "asc";
  const nullable = (column: string) => [{ [column]: { sort: dir, nulls: "last" } }, { id: dir }];
  const and = (where: object | undefined) => (opts.within ? { AND: [where ?? {}, opts.within] } : (where ?? {}));
  const db = server.db;
  const [rows, count] =
    field === "claims"
      ? await Promise.all([
          db.claim.findMany({ where: and(claimWhere(filter, scope)), orderBy: nullable("claimedAt") as never, take: opts.take, select: { id: true } }),
          db.claim.count({ where: and(claimWhere(filter, scope)) }),
        ])
      : field === "articles"
        ? await Promise.all([
            db.article.findMany({ where: and(articleWhere(filter, scope)), orderBy: nullable("publishedAt") as never, take: opts.take, select: { id: true } }),
            db.article.count({ where: and(articleWhere(filter, scope)) }),
          ])
        : await Promise.all([
            db.source.findMany({ where: and(sourceWhere(filter, scope)), orderBy: [{ name: dir }, { id: dir }], take: opts.take, select: { id: true } }),
            db.source.count({ where: and(sourceWhere(filter, scope)) }),
          ]);
  return { totalCount: count, ids: rows.map((row) => toGlobalId(TYPES[field][2], row.id)) };
}

/** The API: the compiled SQL, over HTTP. */
async function viaApi(field: ListField, filter: Filter, opts: { desc?: boolean; first?: number } = {}) {
  const [filterType, orderType] = TYPES[field];
  const orderField = { claims: "CLAIMED_AT", articles: "PUBLISHED_AT", sources: "NAME" }[field];
  const data = await server.ok(
    `query ($filter: ${filterType}, $orderBy: ${orderType}, $first: Int) { list: ${field}(first: $first, filter: $filter, orderBy: $orderBy) { totalCount edges { node { id } } } }`,
    { filter, first: opts.first ?? 100, orderBy: { field: orderField, direction: opts.desc ? "DESC" : "ASC" } },
  );
  return { totalCount: data.list.totalCount as number, ids: data.list.edges.map((e: { node: { id: string } }) => e.node.id) as string[] };
}

const day = (d: number) => new Date(Date.UTC(2025, 0, d));
const claimId = (id: string) => toGlobalId("Claim", id);

const BATTERY: [ListField, Filter][] = [
  // Text: contains/startsWith/endsWith ignore case, equals/in are exact.
  ["claims", { text: { contains: "CLAIM 1 OF ARTICLE 2" } }],
  ["claims", { text: { startsWith: "claim 2", endsWith: "HOLDS." } }],
  ["claims", { cue: { equals: "Say" } }],
  ["claims", { cue: { in: ["say", "state", "believe"] } }],
  ["sources", { name: { contains: "XINHUA" } }],
  ["sources", { name: { equals: "xinhua news agency" } }],
  // isNull, and NOT over nullable columns (a row without the value does not match NOT of a condition on it).
  ["claims", { claimantDescription: { isNull: false } }],
  ["claims", { claimedAt: { isNull: true } }],
  ["claims", { NOT: { claimantDescription: { contains: "media" } } }],
  ["sources", { role: { isNull: true } }],
  ["sources", { NOT: { role: { startsWith: "us " } } }],
  ["articles", { language: { isNull: true } }],
  // Dates.
  ["claims", { claimedAt: { gte: day(10), lt: day(20) } }],
  ["claims", { claimedAt: { in: [new Date(Date.UTC(2025, 0, 3, 1)), new Date("2025-05-30T00:00:00Z")] } }],
  ["claims", { claimedAt: { equals: new Date(Date.UTC(2025, 0, 5, 2)) } }],
  ["claims", { NOT: { claimedAt: { gt: new Date("2025-06-01T00:00:00Z") } } }],
  ["articles", { publishedAt: { lte: day(12) }, NOT: { publishedAt: { lt: day(3) } } }],
  // Ids (global ids, decoded).
  ["claims", { id: { in: [claimId("fx-clm-003-001"), claimId("fan-clm-100-029"), claimId("no-such-claim")] } }],
  ["claims", { id: { equals: claimId("fx-clm-039-002") } }],
  ["claims", { id: { in: [] } }],
  ["articles", { id: { equals: toGlobalId("Article", "fx-art-007") } }],
  // Relations, one hop and more.
  ["claims", { claimant: { kind: { equals: "PERSON" } } }],
  ["claims", { NOT: { claimant: { kind: { equals: "PERSON" } } } }],
  ["claims", { claimant: {} }],
  ["claims", { claimant: { affiliation: { name: { contains: "government" } } } }],
  ["claims", { claimant: { alias: { equals: "Greer" } } }],
  ["claims", { NOT: { claimant: { alias: { contains: "trump" } } } }],
  ["claims", { OR: [{ channel: { slug: { equals: "fx-platform-0" } } }, { reportedBy: { name: { startsWith: "SOURCE OUTLET-1" } } }] }],
  ["claims", { article: { title: { contains: "fixture article 1" } } }],
  ["claims", { article: { claim: { claimant: { slug: { equals: "fx-person-3" } } } } }],
  ["claims", { article: { publisher: { slug: { equals: "fx-outlet-0" } } }, claimant: { slug: { in: ["fx-person-1", "fx-person-2"] } } }],
  ["claims", { AND: [{ cue: { equals: "say" } }, { NOT: { article: { author: { slug: { equals: "fx-person-0" } } } } }] }],
  ["claims", { article: { slug: { startsWith: "fan-article-01" } }, NOT: { claimant: { slug: { equals: "fan-person-1" } } } }],
  ["articles", { title: { contains: "FIXTURE ARTICLE 3" } }],
  ["articles", { publisher: { kind: { in: ["NEWS_OUTLET", "NEWS_AGENCY"] } } }],
  ["articles", { author: { slug: { startsWith: "fx-person-1" } } }],
  ["articles", { claim: { claimant: { slug: { equals: "xinhua" } } } }],
  ["articles", { NOT: { claim: { claimant: { kind: { equals: "PERSON" } } } } }],
  ["articles", { OR: [{ slug: { endsWith: "-007" } }, { claim: { article: { slug: { equals: "fx-article-003" } } } }] }],
  ["sources", { kind: { equals: "PERSON" } }],
  ["sources", { alias: { equals: "Xinhua" } }],
  ["sources", { alias: { startsWith: "president" } }],
  ["sources", { affiliation: { kind: { equals: "GOVERNMENT_BODY" } } }],
  ["sources", { NOT: { affiliation: { name: { contains: "states" } } } }],
  ["sources", { name: { contains: "SOURCE" }, OR: [{ slug: { endsWith: "-1" } }, { slug: { endsWith: "-2" } }] }],
  ["sources", { id: { in: [toGlobalId("Source", "fx-src-person-1"), toGlobalId("Source", "fan-src-outlet-2")] } }],
  // Logic.
  ["claims", { OR: [] }],
  ["claims", { OR: [{ cue: { equals: "post" } }, { AND: [{ cue: { equals: "say" } }, { claimant: { slug: { equals: "fx-person-4" } } }] }] }],
  ["claims", { NOT: { OR: [{ cue: { equals: "say" } }, { claimedAt: { isNull: true } }] } }],
];

describe("compiled filters return what the Prisma translation returns", () => {
  for (const [field, filter] of BATTERY) {
    it(`${field} ${JSON.stringify(filter)}`, async () => {
      for (const desc of [false, true]) {
        const [api, prisma] = await Promise.all([viaApi(field, filter, { desc }), viaPrisma(field, filter, { desc, take: 100 })]);
        expect(api).toEqual(prisma);
      }
    });
  }

  it("pages with cursors in both directions and both orders, undated rows last", async () => {
    const filter = { OR: [{ article: { slug: { startsWith: "fx-article-00" } } }, { claimedAt: { isNull: true } }] };
    const PAGE = `query ($filter: ClaimFilter, $orderBy: ClaimOrder, $first: Int, $after: String, $last: Int, $before: String) {
      claims(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
        edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    for (const desc of [false, true]) {
      const orderBy = { field: "CLAIMED_AT", direction: desc ? "DESC" : "ASC" };
      const all = (await viaPrisma("claims", filter, { desc })).ids;
      expect(all.length).toBeGreaterThan(30);
      const forward: string[] = [];
      for (let after: string | null = null; ; ) {
        const { claims }: { claims: IdPage } = await server.ok(PAGE, { filter, orderBy, first: 4, after });
        forward.push(...claims.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!claims.pageInfo.hasNextPage) break;
        after = claims.pageInfo.endCursor;
      }
      expect(forward).toEqual(all);
      const backward: string[] = [];
      for (let before: string | null = null; ; ) {
        const { claims }: { claims: IdPage } = await server.ok(PAGE, { filter, orderBy, last: 5, before });
        backward.unshift(...claims.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!claims.pageInfo.hasPreviousPage) break;
        before = claims.pageInfo.startCursor;
      }
      expect(backward).toEqual(all);
    }
  });

  it("nested connections with a filter, for a batch of parents, page and count as the oracle does", async () => {
    const filter = {
      OR: [{ cue: { equals: "say" } }, { claimedAt: { isNull: true } }],
      article: { publisher: { slug: { in: ["fx-outlet-1", "fx-outlet-2"] } } },
    };
    const { sources } = await server.ok(
      `query ($filter: ClaimFilter, $articles: ArticleFilter) { sources(first: 20, filter: { slug: { startsWith: "fx-" } }) { edges { node { id slug
        claims(first: 3, filter: $filter) { totalCount edges { node { id } } }
        reportedClaims(first: 100, filter: $filter) { totalCount edges { node { id } } }
        articles(first: 5, filter: $articles) { totalCount edges { node { id } } }
      } } } }`,
      { filter, articles: { claim: { cue: { equals: "say" } }, NOT: { slug: { endsWith: "-004" } } } },
    );
    expect(sources.edges).toHaveLength(14);
    for (const { node } of sources.edges) {
      const id = node.id as string;
      const raw = `fx-src-${node.slug.slice("fx-".length)}`;
      const claims = await viaPrisma("claims", filter, { take: 3, within: { claimantId: raw } });
      expect({ totalCount: node.claims.totalCount, ids: node.claims.edges.map((e: { node: { id: string } }) => e.node.id) }, id).toEqual(claims);
      const reported = await viaPrisma("claims", filter, { take: 100, within: { reportedById: raw } });
      expect({ totalCount: node.reportedClaims.totalCount, ids: node.reportedClaims.edges.map((e: { node: { id: string } }) => e.node.id) }, id).toEqual(
        reported,
      );
      const inParents = {
        OR: [
          { publisherId: raw },
          { authors: { some: { sourceId: raw } } },
          { appearances: { some: { claim: { OR: [{ claimantId: raw }, { channelId: raw }, { reportedById: raw }] } } } },
        ],
      };
      const articles = await viaPrisma("articles", { claim: { cue: { equals: "say" } }, NOT: { slug: { endsWith: "-004" } } }, { take: 5, within: inParents });
      expect({ totalCount: node.articles.totalCount, ids: node.articles.edges.map((e: { node: { id: string } }) => e.node.id) }, id).toEqual(articles);
    }
  });

  it("a nested connection pages with a cursor in both directions", async () => {
    const PAGE = `query ($slug: String!, $first: Int, $after: String, $last: Int, $before: String) { article(slug: $slug) {
      claims(first: $first, after: $after, last: $last, before: $before, filter: { NOT: { claimant: { slug: { equals: "fan-person-3" } } } }) {
        edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    const all = (
      await viaPrisma(
        "claims",
        { NOT: { claimant: { slug: { equals: "fan-person-3" } } } },
        { within: { appearances: { some: { articleId: "fan-art-017" } } } },
      )
    ).ids;
    expect(all.length).toBeGreaterThan(40);
    const forward: string[] = [];
    for (let after: string | null = null; ; ) {
      const { article }: { article: { claims: IdPage } } = await server.ok(PAGE, { slug: "fan-article-017", first: 9, after });
      forward.push(...article.claims.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!article.claims.pageInfo.hasNextPage) break;
      after = article.claims.pageInfo.endCursor;
    }
    expect(forward).toEqual(all);
    const backward: string[] = [];
    for (let before: string | null = null; ; ) {
      const { article }: { article: { claims: IdPage } } = await server.ok(PAGE, { slug: "fan-article-017", last: 11, before });
      backward.unshift(...article.claims.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!article.claims.pageInfo.hasPreviousPage) break;
      before = article.claims.pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
  });

  it("an operand without conditions matches every row: it makes OR true and NOT false", async () => {
    const all = (await viaApi("claims", {}, { first: 1 })).totalCount;
    expect((await viaApi("claims", { OR: [{}, { cue: { equals: "post" } }] }, { first: 1 })).totalCount).toBe(all);
    expect((await viaApi("claims", { NOT: {} }, { first: 1 })).totalCount).toBe(0);
    expect((await viaApi("claims", { AND: [{}], NOT: { OR: [] } }, { first: 1 })).totalCount).toBe(all);
  });
});

describe("limits on relation filters", () => {
  const claims = (filter: string) => `{ claims(first: 1, filter: ${filter}) { totalCount } }`;

  it(`refuse a chain of more than ${DEFAULT_FILTER_RELATION_DEPTH} relation hops, naming the hop`, async () => {
    await server.ok(claims(`{ article: { claim: { claimant: { slug: { equals: "fx-person-1" } } } } }`));
    const error = await server.fail(claims(`{ article: { claim: { article: { claim: { claimant: { slug: { equals: "fx-person-1" } } } } } } }`));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.article.claim.article.claim", limit: DEFAULT_FILTER_RELATION_DEPTH });
    // Hops count across logical operators too.
    const viaOr = await server.fail(claims(`{ OR: [{ cue: { equals: "say" } }, { article: { NOT: { claim: { claimant: { affiliation: {} } } } } }] }`));
    expect(viaOr.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "filter.OR[1].article.NOT.claim.claimant.affiliation",
      limit: DEFAULT_FILTER_RELATION_DEPTH,
    });
  });

  it(`refuse more than ${DEFAULT_FILTER_BRANCHES} AND/OR/NOT operands in one filter, naming the first one past it`, async () => {
    const or = (n: number) => `{ OR: [${Array.from({ length: n }, (_, i) => `{ claimant: { slug: { equals: "fx-person-${i}" } } }`).join(", ")}] }`;
    await server.ok(claims(or(DEFAULT_FILTER_BRANCHES)));
    const error = await server.fail(claims(or(DEFAULT_FILTER_BRANCHES + 1)));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: `filter.OR[${DEFAULT_FILTER_BRANCHES}]`, limit: DEFAULT_FILTER_BRANCHES });
    // Operands add up across the whole tree, counted in reading order: 5 ANDs of 4 ORs each make 25, and AND[4] is the 21st.
    const spread = `{ AND: [${Array.from({ length: 5 }, () => `{ OR: [{ cue: { equals: "a" } }, { cue: { equals: "b" } }, { cue: { equals: "c" } }, { cue: { equals: "d" } }] }`).join(", ")}] }`;
    const total = await server.fail(claims(spread));
    expect(total.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.AND[4]", limit: DEFAULT_FILTER_BRANCHES });
  });

  it("apply to nested connections, with the argument's own path", async () => {
    const error = await server.fail(
      `{ articles(first: 1) { edges { node { claims(first: 2, filter: { article: { claim: { article: { claim: {} } } } }) { totalCount } } } } }`,
    );
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.article.claim.article.claim", limit: DEFAULT_FILTER_RELATION_DEPTH });
  });
});

describe("the red team's filters over 3,600 fanned-out claims", () => {
  // Past the default limits, as an operator who raised them would allow.
  const limits = { relationDepth: 6, branches: 200 };
  const nobody = (i: number) => ({ claimant: { slug: { equals: `fan-nobody-${i}` } } });
  const SHAPES: [string, () => Promise<unknown>][] = [
    [
      "claims: article → claim → article → claim → claimant",
      async () =>
        (
          await new ClaimService(server.db, limits).list({ first: 20, filter: { article: { claim: { article: { claim: nobody(0) } } } } } as never)
        ).totalCount(),
    ],
    [
      "articles: claim → article → claim → claimant",
      async () => (await new ArticleService(server.db, limits).list({ first: 20, filter: { claim: { article: { claim: nobody(0) } } } } as never)).totalCount(),
    ],
    [
      "claims: 100 OR'd article → claim → claimant",
      async () =>
        (
          await new ClaimService(server.db, limits).list({
            first: 20,
            filter: { OR: Array.from({ length: 100 }, (_, i) => ({ article: { claim: nobody(i) } })) },
          } as never)
        ).totalCount(),
    ],
  ];

  async function capture(work: () => Promise<unknown>): Promise<Statement[]> {
    captured = [];
    try {
      await work();
      return captured;
    } finally {
      captured = undefined;
    }
  }

  async function plan({ query, params }: Statement): Promise<string> {
    if (postgres) {
      const rows = await server.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query}`, ...params);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    }
    const rows = await server.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${query}`, ...params);
    return rows.map((r) => r.detail).join("\n");
  }

  /**
   * Subqueries the database may run again for each outer row: SQLite says
   * CORRELATED; PostgreSQL refers to such a subplan as "SubPlan n", and to one
   * it runs once into a hash table as "hashed SubPlan n".
   */
  const correlated = (text: string) =>
    postgres
      ? text
          .split("\n")
          .filter((line) => !/^\s*SubPlan \d+$/.test(line))
          .filter((line) => [...line.matchAll(/(hashed )?SubPlan \d+/g)].some((match) => !match[1]))
      : text.split("\n").filter((line) => /CORRELATED/.test(line));

  for (const [name, work] of SHAPES) {
    it(`${name}: a page and a count, with no correlated subquery`, async () => {
      const statements = await capture(work);
      // The page (two index ranges when the dated claims do not fill it, on SQLite) and the count.
      expect(statements.length).toBeLessThanOrEqual(3);
      for (const statement of statements) {
        expect(statement.query).not.toMatch(/EXISTS/i);
        const text = await plan(statement);
        expect(correlated(text), `${statement.query}\n${text}`).toEqual([]);
      }
    });
  }

  it("the control: the check sees a correlated subquery", async () => {
    const query = `SELECT COUNT(*) FROM "Claim" WHERE (SELECT COUNT(*) FROM "Appearance" WHERE "Appearance"."claimId" = "Claim"."id") > 1`;
    expect(correlated(await plan({ query, params: [] }))).not.toEqual([]);
  });

  // SQLite only (registered there alone, so PostgreSQL reports no skipped test): the plan shape is SQLite's.
  if (!postgres)
    it("the control: Prisma's own translation of an OR of relation filters runs correlated subqueries on SQLite", async () => {
      const filter = { OR: Array.from({ length: 10 }, (_, i) => ({ article: { claim: nobody(i) } })) };
      const where = claimWhere(filter as never, new FilterScope("filter", 0, postgres));
      const statements = await capture(() => server.db.claim.count({ where }));
      const plans = await Promise.all(statements.map(plan));
      expect(plans.flatMap(correlated).length).toBeGreaterThan(0);
    });
});
