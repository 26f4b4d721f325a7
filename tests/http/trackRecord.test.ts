import { beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../src/db/client.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { toGlobalId } from "../../src/shared/globalId.ts";
import { graphql } from "../generated/gql.ts";
import type { TrackRecordReviewsQueryVariables, Verdict } from "../generated/graphql.ts";
import { createNestedFixture } from "../setup/fixtures.ts";
import type { TestServer } from "../setup/testServer.ts";
import { useTestServer } from "../setup/use.ts";

// A claimant's track record (issue 15): the reviews behind its counts as a
// connection, and Query.sources sorted by reviewed claims and by the share of
// false verdicts, above a minimum. The oracle recomputes every record from the
// Review rows in JavaScript: each claim once, under its latest published review.

// Many small requests: the rate limit is not under test here.
const server = useTestServer({ RATE_LIMIT_PER_IP: "1000000" });
// The same checks on the resolvers alone (the planner answers the sorts on `server`).
const resolvers = useTestServer({ READ_PATH: "resolvers", RATE_LIMIT_PER_IP: "1000000" });

// Person k reviews its first claims with these verdicts (8 people, 6 claims each in the fixture).
const PLAN: Verdict[][] = [
  ["FALSE", "FALSE", "MOSTLY_FALSE", "TRUE", "TRUE", "MIXED"],
  ["FALSE", "TRUE", "TRUE", "TRUE", "TRUE"],
  ["FALSE", "MOSTLY_FALSE", "TRUE", "TRUE"],
  ["FALSE", "FALSE", "FALSE"],
  ["TRUE", "TRUE", "TRUE"],
  ["FALSE", "FALSE"],
  ["FALSE"],
  [],
];
const person = (k: number) => `tr-src-person-${k}`;

/** The fixture's claims and reviews, the same on both servers' databases. */
async function loadFixture(db: Db) {
  await createNestedFixture(db, { articles: 16, prefix: "tr", claimsPerArticle: 3 });
  const rows: Prisma.ReviewCreateManyInput[] = [];
  const review = (id: string, claimId: string, verdict: Verdict, datePublished: Date | null, status: "PUBLISHED" | "DRAFT" | "RETRACTED" = "PUBLISHED") =>
    rows.push({ id, claimId, reviewerId: "tr-src-outlet-0", alternateName: verdict.toLowerCase(), verdict, status, datePublished });
  for (const [k, verdicts] of PLAN.entries()) {
    const claims = await db.claim.findMany({ where: { claimantId: person(k) }, orderBy: { id: "asc" }, select: { id: true } });
    verdicts.forEach((verdict, j) => {
      // Two years, every quarter; person 0's sixth and person 1's fifth review are undated.
      const undated = (k === 0 && j === 5) || (k === 1 && j === 4);
      review(`tr-rev-${k}-${j}`, claims[j]!.id, verdict, undated ? null : new Date(Date.UTC(2024 + (j % 2), (k + 3 * j) % 12, 1 + j)));
    });
    if (k === 0) {
      // Superseded by a later review; a later draft and a later retracted one do not count.
      review("tr-rev-0-old", claims[0]!.id, "TRUE", new Date("2023-01-05T00:00:00Z"));
      review("tr-rev-0-draft", claims[0]!.id, "TRUE", new Date("2026-01-01T00:00:00Z"), "DRAFT");
      review("tr-rev-0-retracted", claims[0]!.id, "MISLEADING", new Date("2026-02-01T00:00:00Z"), "RETRACTED");
      // A dated review is later than an undated one.
      review("tr-rev-0-undated", claims[3]!.id, "FALSE", null);
    }
    // A later review changes person 2's first verdict.
    if (k === 2) review("tr-rev-2-later", claims[0]!.id, "MOSTLY_TRUE", new Date("2025-12-01T00:00:00Z"));
  }
  await db.review.createMany({ data: rows });
}

beforeAll(async () => {
  await loadFixture(server.db);
  await loadFixture(resolvers.db);
});

type Latest = { id: string; claimId: string; verdict: string; datePublished: Date | null };
type ClaimantRecord = { sourceId: string; latest: Latest[]; reviewedClaims: number; falseClaims: number };

/** The oracle: every claimant's record from the Review rows. */
async function records(db: Db): Promise<Map<string, ClaimantRecord>> {
  const reviews = await db.review.findMany({ where: { status: "PUBLISHED" }, include: { claim: { select: { claimantId: true } } } });
  const later = (a: Latest, b: Latest) => {
    if (a.datePublished && b.datePublished && a.datePublished.getTime() !== b.datePublished.getTime()) return a.datePublished > b.datePublished;
    if (a.datePublished && !b.datePublished) return true;
    if (!a.datePublished && b.datePublished) return false;
    return a.id > b.id;
  };
  const latest = new Map<string, Latest & { claimantId: string | null }>();
  for (const r of reviews) {
    const current = latest.get(r.claimId);
    if (!current || later(r, current)) latest.set(r.claimId, { ...r, claimantId: r.claim.claimantId });
  }
  const byClaimant = new Map<string, ClaimantRecord>();
  for (const review of latest.values()) {
    if (!review.claimantId) continue;
    const record: ClaimantRecord = byClaimant.get(review.claimantId) ?? { sourceId: review.claimantId, latest: [], reviewedClaims: 0, falseClaims: 0 };
    record.latest.push(review);
    record.reviewedClaims++;
    if (review.verdict === "FALSE" || review.verdict === "MOSTLY_FALSE") record.falseClaims++;
    byClaimant.set(review.claimantId, record);
  }
  return byClaimant;
}

/** Sources in the order `sources(orderBy: { field, direction, minReviewed })` must give, as global ids. */
async function expectedOrder(db: Db, field: "REVIEWED_CLAIMS" | "FALSE_SHARE", direction: "ASC" | "DESC", minReviewed = 3): Promise<string[]> {
  // Ties go by id as the database orders ids.
  const rank = new Map((await db.source.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map(({ id }, i) => [id, i]));
  const key = (r: ClaimantRecord) => (field === "REVIEWED_CLAIMS" ? r.reviewedClaims : Math.floor((r.falseClaims * 1_000_000_000) / r.reviewedClaims));
  const sign = direction === "ASC" ? 1 : -1;
  return [...(await records(db)).values()]
    .filter((r) => r.reviewedClaims >= minReviewed)
    .sort((a, b) => sign * (key(a) - key(b) || rank.get(a.sourceId)! - rank.get(b.sourceId)!))
    .map((r) => toGlobalId("Source", r.sourceId));
}

const TRACK = graphql(`
  query TrackRecordCounts($id: ID!, $period: TrackRecordPeriod!, $from: DateTime) {
    node(id: $id) {
      ... on Source {
        trackRecord(period: $period, from: $from) {
          reviewedClaims
          falseShare
          verdicts { verdict count }
          periods { period reviewedClaims verdicts { verdict count } }
          reviews(first: 100) { totalCount edges { node { id verdict datePublished claim { id } } } }
        }
      }
    }
  }
`);

const REVIEWS = graphql(`
  query TrackRecordReviews(
    $id: ID!
    $period: TrackRecordPeriod!
    $verdict: Verdict
    $label: String
    $undated: Boolean
    $first: Int
    $after: String
    $last: Int
    $before: String
    $orderBy: ReviewOrder
  ) {
    node(id: $id) {
      ... on Source {
        trackRecord(period: $period) {
          reviews(verdict: $verdict, period: $label, undated: $undated, first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id verdict datePublished } }
          }
        }
      }
    }
  }
`);

/** A Source node's track record (the queries ask `... on Source`). */
function recordOf<R>({ node }: { node: { trackRecord: R } | Record<PropertyKey, never> | null }): R {
  if (!node?.trackRecord) throw new Error("expected a source with a track record");
  return node.trackRecord;
}

/** TrackRecord.reviews of a source, with the given arguments (grouped by YEAR unless `period` says otherwise). */
async function reviewsOf(variables: Omit<TrackRecordReviewsQueryVariables, "period"> & Partial<Pick<TrackRecordReviewsQueryVariables, "period">>) {
  return recordOf(await server.ok(REVIEWS, { period: "YEAR", ...variables })).reviews;
}

type Page<N> = {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: N }[];
};

/** Every node of a connection, read `size` at a time forward (first/after) or backward (last/before), in list order. */
async function walk<N extends { id: string }>(read: (args: Record<string, unknown>) => Promise<Page<N>>, size: number, backward = false): Promise<string[]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: Page<N> = await read(backward ? { last: size, before: cursor } : { first: size, after: cursor });
    expect(page.edges.length).toBeLessThanOrEqual(size);
    pages.push(page.edges.map((edge) => edge.node.id));
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    // Relay: the other direction's flag is false, never a guess.
    expect(backward ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage).toBe(false);
    if (!more) return (backward ? pages.reverse() : pages).flat();
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
  throw new Error("paging did not end");
}

describe("TrackRecord.reviews", () => {
  it("holds exactly the reviews the counts stand on, per verdict and per period, in every grouping", async () => {
    const oracle = await records(server.db);
    for (const k of [0, 1, 2, 5, 7]) {
      const id = toGlobalId("Source", person(k));
      const expected = oracle.get(person(k))?.latest ?? [];
      for (const period of ["YEAR", "QUARTER", "MONTH"] as const) {
        const record = recordOf(await server.ok(TRACK, { id, period }));
        // The sum of the verdict counts, reviewedClaims and the reviews' totalCount agree, and are the oracle's.
        expect(record.reviewedClaims).toBe(expected.length);
        expect(record.verdicts.reduce((n, v) => n + v.count, 0)).toBe(record.reviewedClaims);
        expect(record.reviews.totalCount).toBe(record.reviewedClaims);
        expect(record.reviews.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => toGlobalId("Review", r.id)).sort());
        // One review per claim.
        expect(new Set(record.reviews.edges.map((e) => e.node.claim!.id)).size).toBe(record.reviewedClaims);
        const falseClaims = expected.filter((r) => r.verdict === "FALSE" || r.verdict === "MOSTLY_FALSE").length;
        expect(record.falseShare).toBe(expected.length ? falseClaims / expected.length : null);
        for (const { verdict, count } of record.verdicts) {
          const only = await reviewsOf({ id, period, verdict });
          expect(only.totalCount, `${k} ${verdict}`).toBe(count);
          expect(only.edges.every((e) => e.node.verdict === verdict)).toBe(true);
        }
        for (const slice of record.periods) {
          const only = await reviewsOf(slice.period === null ? { id, period, undated: true } : { id, period, label: slice.period });
          expect(only.totalCount, `${k} ${period} ${slice.period}`).toBe(slice.reviewedClaims);
          for (const { verdict, count } of slice.verdicts) {
            const both = await reviewsOf(slice.period === null ? { id, period, undated: true, verdict } : { id, period, label: slice.period, verdict });
            expect(both.totalCount).toBe(count);
          }
        }
        const dated = record.periods.filter((slice) => slice.period !== null).reduce((n, slice) => n + slice.reviewedClaims, 0);
        expect((await reviewsOf({ id, period, undated: false })).totalCount).toBe(dated);
      }
    }
  });

  it("takes the latest published review of each claim: not an older one, a later draft or a retracted one", async () => {
    const record = recordOf(await server.ok(TRACK, { id: toGlobalId("Source", person(0)), period: "YEAR" }));
    const ids = record.reviews.edges.map((e) => e.node.id);
    expect(ids).toContain(toGlobalId("Review", "tr-rev-0-0"));
    expect(ids).toContain(toGlobalId("Review", "tr-rev-0-3"));
    for (const gone of ["tr-rev-0-old", "tr-rev-0-draft", "tr-rev-0-retracted", "tr-rev-0-undated"]) expect(ids).not.toContain(toGlobalId("Review", gone));
  });

  it("follows the record's window", async () => {
    const id = toGlobalId("Source", person(0));
    const record = recordOf(await server.ok(TRACK, { id, period: "YEAR", from: "2025-01-01T00:00:00Z" }));
    expect(record.reviewedClaims).toBeGreaterThan(0);
    expect(record.reviews.totalCount).toBe(record.reviewedClaims);
    expect(record.reviews.edges.every((e) => e.node.datePublished !== null && e.node.datePublished >= "2025-01-01")).toBe(true);
  });

  it("pages forward and backward through the same list, in every order", async () => {
    const id = toGlobalId("Source", person(0));
    for (const field of ["DATE_PUBLISHED", "CREATED_AT"] as const) {
      for (const direction of ["ASC", "DESC"] as const) {
        const orderBy = { field, direction };
        const all = (await reviewsOf({ id, orderBy, first: 100 })).edges.map((e) => e.node.id);
        expect(all).toHaveLength(6);
        if (field === "DATE_PUBLISHED") expect(all.at(-1)).toBe(toGlobalId("Review", "tr-rev-0-5")); // undated last, either way
        for (const size of [1, 2, 4]) {
          expect(await walk((args) => reviewsOf({ id, orderBy, ...args }), size)).toEqual(all);
          expect(await walk((args) => reviewsOf({ id, orderBy, ...args }), size, true)).toEqual(all);
        }
      }
    }
  });

  it("keeps its place when a review is published before the cursor", async () => {
    const id = toGlobalId("Source", person(1));
    const orderBy = { field: "DATE_PUBLISHED" as const, direction: "ASC" as const };
    const before = (await reviewsOf({ id, orderBy, first: 100 })).edges.map((e) => e.node.id);
    const first = await reviewsOf({ id, orderBy, first: 2 });
    // Person 1's sixth claim gets its first review, dated before every other.
    const [, , , , , unreviewed] = await server.db.claim.findMany({ where: { claimantId: person(1) }, orderBy: { id: "asc" } });
    await server.db.review.create({
      data: {
        id: "tr-rev-1-early",
        claimId: unreviewed!.id,
        reviewerId: "tr-src-outlet-0",
        alternateName: "true",
        verdict: "TRUE",
        status: "PUBLISHED",
        datePublished: new Date("2020-01-01T00:00:00Z"),
      },
    });
    const rest = await walk((args) => reviewsOf({ id, orderBy, first: 2, after: (args.after as string | null) ?? first.pageInfo.endCursor }), 2);
    expect([...first.edges.map((e) => e.node.id), ...rest]).toEqual(before);
    const after = (await reviewsOf({ id, orderBy, first: 100 })).edges.map((e) => e.node.id);
    expect(after).toEqual([toGlobalId("Review", "tr-rev-1-early"), ...before]);
  });

  it("reads the reviews of a page of claimants in one statement, whatever their number", async () => {
    const statements: string[] = [];
    server.db.onStatement((sql) => statements.push(sql));
    const query = `query ($first: Int) { sources(first: $first, filter: { slug: { startsWith: "tr-person" } }) { edges { node {
      trackRecord { reviewedClaims falseShare reviews(first: 2) { totalCount edges { node { verdict } } } } } } } }`;
    const counts: number[] = [];
    for (const first of [2, 8]) {
      statements.length = 0;
      const { body } = await server.query(query, { first });
      expect(body.errors).toBeUndefined();
      expect(body.data.sources.edges).toHaveLength(first);
      counts.push(statements.length);
    }
    // The planned sources, the counts, the reviews' pages and their totalCount.
    expect(counts).toEqual([4, 4]);
    // Sorted by track record, the planner still reads a page of sources, with its count, in one statement.
    statements.length = 0;
    const { body } = await server.query(
      `{ sources(first: 3, orderBy: { field: FALSE_SHARE, direction: DESC }) { totalCount edges { cursor node { slug } } } }`,
    );
    expect(body.data.sources.edges).toHaveLength(3);
    expect(statements).toHaveLength(1);
  });

  it("refuse bad arguments, naming them", async () => {
    const id = toGlobalId("Source", person(0));
    const cases: [Record<string, unknown>, string][] = [
      [{ period: "MONTH", label: "2025-13" }, "period"],
      [{ period: "QUARTER", label: "2025" }, "period"],
      [{ period: "YEAR", label: "0000" }, "period"],
      [{ period: "YEAR", label: "2025", undated: true }, "undated"],
      [{ first: 0 }, "first"],
      [{ first: 2, last: 2 }, "last"],
      [{ after: "not-a-cursor" }, "after"],
    ];
    for (const [args, field] of cases) {
      const error = await server.fail(REVIEWS, { id, period: "YEAR", ...args });
      expect(error.extensions, JSON.stringify(args)).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(error.path).toEqual(["node", "trackRecord", "reviews"]);
    }
    // A cursor of one order is refused by another.
    const { pageInfo } = await reviewsOf({ id, first: 1 });
    const other = await server.fail(REVIEWS, { id, period: "YEAR", first: 1, after: pageInfo.endCursor, orderBy: { field: "CREATED_AT" } });
    expect(other.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    // The record's own arguments too.
    const window = await server.fail(`query ($id: ID!) { node(id: $id) { ... on Source { trackRecord(from: "0000-01-01T00:00:00Z") { reviewedClaims } } } }`, {
      id,
    });
    expect(window.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
  });
});

const SOURCES = graphql(`
  query TrackRecordSources($orderBy: SourceOrder, $filter: SourceFilter, $first: Int, $after: String, $last: Int, $before: String) {
    sources(orderBy: $orderBy, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id slug trackRecord { reviewedClaims falseShare } } }
    }
  }
`);

describe("sources by track record", () => {
  for (const [name, target] of [
    ["planner", server],
    ["resolvers", resolvers],
  ] as const) {
    it(`sort by reviewed claims and by false share, above the minimum, forward and backward (${name})`, async () => {
      const read = async (variables: Record<string, unknown>) => (await (target as TestServer).ok(SOURCES, variables as never)).sources;
      for (const field of ["REVIEWED_CLAIMS", "FALSE_SHARE"] as const) {
        for (const direction of ["ASC", "DESC"] as const) {
          for (const minReviewed of [undefined, 1, 4]) {
            const orderBy = { field, direction, ...(minReviewed ? { minReviewed } : {}) };
            const expected = await expectedOrder(target.db, field, direction, minReviewed);
            expect(expected.length).toBeGreaterThan(minReviewed === 4 ? 2 : 4);
            const all = await read({ orderBy, first: 100 });
            expect(
              all.edges.map((e) => e.node.id),
              `${field} ${direction} ${minReviewed}`,
            ).toEqual(expected);
            expect(all.totalCount).toBe(expected.length);
            // Every listed claimant meets the minimum, and the keys its track record shows are in order.
            const keys = all.edges.map((e) => (field === "REVIEWED_CLAIMS" ? e.node.trackRecord.reviewedClaims : e.node.trackRecord.falseShare!));
            expect(all.edges.every((e) => e.node.trackRecord.reviewedClaims >= (minReviewed ?? 3))).toBe(true);
            expect(keys).toEqual([...keys].sort((a, b) => (direction === "ASC" ? a - b : b - a)));
            for (const size of [1, 2, 3]) {
              expect(await walk((args) => read({ orderBy, ...args }), size)).toEqual(expected);
              expect(await walk((args) => read({ orderBy, ...args }), size, true)).toEqual(expected);
            }
          }
        }
      }
    });

    it(`combine with a filter and count what they list (${name})`, async () => {
      const { sources } = await (target as TestServer).ok(SOURCES, {
        orderBy: { field: "FALSE_SHARE", direction: "DESC", minReviewed: 1 },
        filter: { slug: { startsWith: "tr-" } },
        first: 3,
      });
      const expected = (await expectedOrder(target.db, "FALSE_SHARE", "DESC", 1)).filter((id) =>
        Buffer.from(id, "base64url").toString().startsWith("Source:tr-"),
      );
      expect(sources.totalCount).toBe(expected.length);
      expect(sources.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 3));
      expect(sources.pageInfo.hasNextPage).toBe(true);
    });
  }

  it("puts the claimant with the most false verdicts first, and keeps one review from topping the list", async () => {
    const { sources } = await server.ok(SOURCES, { orderBy: { field: "FALSE_SHARE", direction: "DESC" }, first: 2 });
    // person 3: three of three false; person 5 (two of two) and person 6 (one of one) are under the minimum of 3.
    expect(sources.edges.map((e) => e.node.slug)).toEqual(["tr-person-3", "tr-person-0"]);
    expect(sources.edges[0]!.node.trackRecord).toEqual({ reviewedClaims: 3, falseShare: 1 });
  });

  it("refuse a bad minimum, a minimum without a track-record field, and a track-record order under members", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [`{ sources(orderBy: { field: FALSE_SHARE, minReviewed: -1 }) { totalCount } }`, {}, "orderBy.minReviewed"],
      [`{ sources(orderBy: { field: REVIEWED_CLAIMS, minReviewed: 0 }) { edges { node { id } } } }`, {}, "orderBy.minReviewed"],
      [`{ sources(orderBy: { field: NAME, minReviewed: 3 }) { totalCount } }`, {}, "orderBy.minReviewed"],
      [`{ sources(first: 1) { edges { node { members(orderBy: { field: FALSE_SHARE }) { totalCount } } } } }`, {}, "orderBy.field"],
      [`{ sources(first: 1) { edges { node { members(orderBy: { field: SLUG, minReviewed: 2 }) { totalCount } } } } }`, {}, "orderBy.minReviewed"],
      [`{ sources(orderBy: { field: FALSE_SHARE }, first: 101) { totalCount } }`, {}, "first"],
    ];
    for (const target of [server, resolvers]) {
      for (const [query, variables, field] of cases) {
        const error = await target.fail(query, variables);
        expect(error.extensions, query).toMatchObject({ code: "BAD_USER_INPUT", field });
      }
      // A cursor of one order is refused by the other.
      const { sources } = await target.ok(SOURCES, { orderBy: { field: "REVIEWED_CLAIMS" }, first: 1 });
      const other = await target.fail(SOURCES, { orderBy: { field: "FALSE_SHARE" }, first: 1, after: sources.pageInfo.endCursor });
      expect(other.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
  });
});
