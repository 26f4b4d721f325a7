import { graphql } from "graphql";
import { beforeAll, describe, expect, inject, it } from "vitest";

import { AppearanceService } from "../../src/appearance/appearance.service.ts";
import { ArticleService } from "../../src/article/article.service.ts";
import { ClaimService } from "../../src/claim/claim.service.ts";
import { ClaimOrderField } from "../../src/claim/claim.input.ts";
import { OrderDirection } from "../../src/schema/order.ts";
import type { Db } from "../../src/db/client.ts";
import { SourceService } from "../../src/source/source.service.ts";
import { createContext } from "../../src/graphql/context.ts";
import { createSchema } from "../../src/graphql/schema.ts";
import { useTestDb } from "../setup/use.ts";

// The common API queries use indexes on a dataset large enough (100k claims)
// for the planner to prefer them. Each check captures the SQL Prisma really
// sends for a service call and asks the database for its plan.

const CLAIMS = 100_000;
// One review for each of the first 30,000 claims, from seven fact-checkers.
const REVIEWS = 30_000;
const handle = useTestDb();
let db: Db;
const postgres = inject("backend") === "postgresql";

beforeAll(async () => {
  db = handle.db;
  const now = new Date().toISOString();
  if (postgres) {
    await db.$executeRawUnsafe(`INSERT INTO "Source" (id, slug, name, kind, "createdAt", "updatedAt")
      SELECT 'bulk-src-' || i, 'bulk-src-' || i, 'Bulk source ' || i, (ARRAY['PERSON','NEWS_OUTLET','ORGANIZATION'])[i % 3 + 1]::"SourceKind", now(), now() FROM generate_series(1, 500) i`);
    await db.$executeRawUnsafe(`INSERT INTO "Article" (id, slug, title, body, "publishedAt", version, "createdAt", "updatedAt")
      SELECT 'bulk-art-' || i, 'bulk-art-' || i, 'Bulk article ' || i, repeat('Body text. ', 50), now() - i * interval '1 hour', 1, now(), now() FROM generate_series(1, 5000) i`);
    await db.$executeRawUnsafe(`INSERT INTO "Claim" (id, text, cue, "claimantId", "reportedById", "claimedAt", "claimedAtPrecision", "createdAt", "updatedAt")
      SELECT 'bulk-claim-' || lpad(i::text, 6, '0'), 'Bulk claim ' || i, (ARRAY['say','state','report','post'])[i % 4 + 1], 'bulk-src-' || (i % 500 + 1), 'bulk-src-' || ((i * 7) % 500 + 1),
             now() - i * interval '1 minute', 'MINUTE', now() - i * interval '1 second', now() FROM generate_series(1, ${CLAIMS}) i`);
    await db.$executeRawUnsafe(`INSERT INTO "Appearance" (id, "articleId", "claimId", quote, start, "end", kind, status, "createdAt")
      SELECT 'bulk-app-' || i, 'bulk-art-' || (i % 5000 + 1), 'bulk-claim-' || lpad(i::text, 6, '0'), 'Body', 0, 4, 'ASSERTION', 'ANCHORED', now() FROM generate_series(1, ${CLAIMS}) i`);
    await db.$executeRawUnsafe(`INSERT INTO "Review" (id, "claimId", "reviewerId", "alternateName", verdict, status, "datePublished", version, "createdAt", "updatedAt")
      SELECT 'bulk-review-' || i, 'bulk-claim-' || lpad(i::text, 6, '0'), 'bulk-src-' || (i % 7 + 1), 'False', (ARRAY['FALSE','TRUE','MIXED'])[i % 3 + 1]::"Verdict",
             'PUBLISHED', now() - i * interval '1 hour', 1, now(), now() FROM generate_series(1, ${REVIEWS}) i`);
    await db.$executeRawUnsafe(`ANALYZE`);
  } else {
    const series = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
    await db.$executeRawUnsafe(`${series(500)} INSERT INTO "Source" (id, slug, name, kind, createdAt, updatedAt)
      SELECT 'bulk-src-' || i, 'bulk-src-' || i, 'Bulk source ' || i, CASE i % 3 WHEN 0 THEN 'PERSON' WHEN 1 THEN 'NEWS_OUTLET' ELSE 'ORGANIZATION' END, '${now}', '${now}' FROM n`);
    await db.$executeRawUnsafe(`${series(5000)} INSERT INTO "Article" (id, slug, title, body, publishedAt, version, createdAt, updatedAt)
      SELECT 'bulk-art-' || i, 'bulk-art-' || i, 'Bulk article ' || i, 'Body text.', '${now}', 1, '${now}', '${now}' FROM n`);
    await db.$executeRawUnsafe(`${series(CLAIMS)} INSERT INTO "Claim" (id, text, cue, claimantId, reportedById, claimedAt, claimedAtPrecision, createdAt, updatedAt)
      SELECT printf('bulk-claim-%06d', i), 'Bulk claim ' || i, CASE i % 4 WHEN 0 THEN 'say' WHEN 1 THEN 'state' WHEN 2 THEN 'report' ELSE 'post' END,
             'bulk-src-' || (i % 500 + 1), 'bulk-src-' || ((i * 7) % 500 + 1), '${now}', 'MINUTE', '${now}', '${now}' FROM n`);
    await db.$executeRawUnsafe(`${series(CLAIMS)} INSERT INTO "Appearance" (id, articleId, claimId, quote, start, "end", kind, status, createdAt)
      SELECT 'bulk-app-' || i, 'bulk-art-' || (i % 5000 + 1), printf('bulk-claim-%06d', i), 'Body', 0, 4, 'ASSERTION', 'ANCHORED', '${now}' FROM n`);
    await db.$executeRawUnsafe(`${series(REVIEWS)} INSERT INTO "Review" (id, claimId, reviewerId, alternateName, verdict, status, datePublished, version, createdAt, updatedAt)
      SELECT 'bulk-review-' || i, printf('bulk-claim-%06d', i), 'bulk-src-' || (i % 7 + 1), 'False', CASE i % 3 WHEN 0 THEN 'FALSE' WHEN 1 THEN 'TRUE' ELSE 'MIXED' END,
             'PUBLISHED', '${now}', 1, '${now}', '${now}' FROM n`);
    await db.$executeRawUnsafe(`ANALYZE`);
  }
  // Listeners cannot be removed, so one listener feeds whichever capture is running.
  db.onStatement((query, params) => captured?.push({ query, params: [...params] }));
}, 120_000);

type Statement = { query: string; params: unknown[] };
let captured: Statement[] | undefined;

/** The SQL statements `work` sends, with their parameters. */
async function capture(work: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  captured = seen;
  await work();
  captured = undefined;
  return seen;
}

/** The plan's lines for one statement. */
async function plan(query: string, params: unknown[]): Promise<string> {
  if (postgres) {
    const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query}`, ...params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${query}`, ...params);
  return rows.map((r) => r.detail).join("\n");
}

const BIG_TABLES = ["Claim", "Appearance", "Review"];

/** True when the plan reads a big table from end to end. */
function fullScans(text: string): string[] {
  return BIG_TABLES.filter((table) =>
    postgres ? new RegExp(`Seq Scan on "?${table}"?`).test(text) : new RegExp(`^SCAN (main\\.)?"?${table}"?$`, "m").test(text),
  );
}

describe(`indexes on ${CLAIMS} claims`, () => {
  const cases: [string, () => Promise<unknown>][] = [
    ["claims of one claimant (Source.claims)", async () => new ClaimService(db).pagesBySource("claimantId", ["bulk-src-7"], { first: 10 })],
    ["claims one source relayed (Source.reportedClaims)", async () => new ClaimService(db).pagesBySource("reportedById", ["bulk-src-9"], { first: 10 })],
    ["claims filtered by claimant slug", async () => new ClaimService(db).list({ first: 20, filter: { claimant: { slug: { equals: "bulk-src-3" } } } })],
    ["claims filtered by cue", async () => new ClaimService(db).list({ first: 20, filter: { cue: { in: ["report"] } } })],
    [
      "newest claims, and the page after",
      async () => {
        const service = new ClaimService(db);
        const orderBy = { field: ClaimOrderField.CREATED_AT, direction: OrderDirection.DESC };
        const page = await service.list({ first: 20, orderBy });
        await service.list({ first: 20, orderBy, after: page.pageInfo.endCursor });
      },
    ],
    [
      "an article's appearances (Article.appearances)",
      async () => (await new AppearanceService(db).pagesByArticle(["bulk-art-42"], { first: 20 })).get("bulk-art-42")!.totalCount(),
    ],
    ["a claim's appearances (Claim.appearances)", async () => new AppearanceService(db).byClaimIds(["bulk-claim-000042"])],
    [
      "claims in an article (Article.claims)",
      async () => (await new ClaimService(db).pagesByArticle(["bulk-art-42"], { first: 10 })).get("bulk-art-42")!.totalCount(),
    ],
    [
      "articles a claim is in (Claim.articles)",
      async () => (await new ArticleService(db).pagesByClaim(["bulk-claim-000042"], { first: 10 })).get("bulk-claim-000042")!.totalCount(),
    ],
    ["sources by kind, by name", async () => new SourceService(db).list({ first: 20, filter: { kind: { equals: "PERSON" } } })],
    // Relation filters are semi-joins (src/db/filters): each level is read through an index, page and count alike.
    [
      "claims filtered by their article (claim → appearance → article)",
      async () => (await new ClaimService(db).list({ first: 20, filter: { article: { slug: { equals: "bulk-art-42" } } } })).totalCount(),
    ],
    [
      "articles filtered by a claim's claimant (article → appearance → claim → source)",
      async () => (await new ArticleService(db).list({ first: 20, filter: { claim: { claimant: { slug: { equals: "bulk-src-3" } } } } })).totalCount(),
    ],
    [
      "claims filtered by article → claim → claimant",
      async () =>
        (await new ClaimService(db).list({ first: 20, filter: { article: { claim: { claimant: { slug: { equals: "bulk-src-3" } } } } } })).totalCount(),
    ],
    [
      "claims filtered by NOT and OR of relations",
      async () =>
        (
          await new ClaimService(db).list({
            first: 20,
            filter: {
              claimant: { slug: { equals: "bulk-src-3" } },
              NOT: { OR: [{ reportedBy: { slug: { equals: "bulk-src-21" } } }, { article: { slug: { equals: "bulk-art-4" } } }] },
            },
          })
        ).totalCount(),
    ],
    [
      "a source's claims with a filter (nested, filtered)",
      async () =>
        (await new ClaimService(db).pagesBySource("claimantId", ["bulk-src-7"], { first: 10, filter: { cue: { equals: "say" } } }))
          .get("bulk-src-7")!
          .totalCount(),
    ],
    [
      "an article's claims with a filter (nested, filtered)",
      async () =>
        (await new ClaimService(db).pagesByArticle(["bulk-art-42"], { first: 10, filter: { reportedBy: { kind: { equals: "PERSON" } } } }))
          .get("bulk-art-42")!
          .totalCount(),
    ],
    [
      "articles a source takes part in (Source.articles)",
      async () => (await new ArticleService(db).pagesBySource(["bulk-src-7"], { first: 10 })).get("bulk-src-7")!.totalCount(),
    ],
  ];
  it("the check itself sees a full scan (control: substring match on claim text)", async () => {
    const statements = await capture(async () => (await new ClaimService(db).list({ first: 20, filter: { text: { contains: "claim 4" } } })).totalCount());
    const plans = await Promise.all(statements.map(({ query, params }) => plan(query, params)));
    expect(plans.flatMap(fullScans)).toContain("Claim");
  });

  for (const [name, work] of cases) {
    it(`${name} use indexes`, async () => {
      const statements = await capture(work);
      expect(statements.length).toBeGreaterThan(0);
      for (const { query, params } of statements) {
        const text = await plan(query, params);
        expect(fullScans(text), `${query}\n${text}`).toEqual([]);
      }
    });
  }
});

// The planner's statements (src/plan): one per root field, every level of it read through indexes.
describe(`planned statements on ${CLAIMS} claims`, () => {
  const W2 = `{ articles(first: 20) { edges { node { title claims(first: 10) { edges { node { text claimant { name claims(first: 5) { edges { node { appearances { quote article { title } } } } } } } } } } } } }`;
  const queries: [string, string][] = [
    ["W1 (20 articles)", `{ articles(first: 20) { edges { node { title slug publishedAt } } } }`],
    ["W2 (articles → claims → claimant → claims → appearances → article)", W2],
    [
      "newest claims with their sources",
      `{ claims(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) { edges { node { text claimant { name } reportedBy { name } } } } }`,
    ],
    [
      "claims by claimed date, newest first (a nullable key read as two ranges)",
      `{ claims(first: 20, orderBy: { field: CLAIMED_AT, direction: DESC }) { edges { node { text } } } }`,
    ],
    [
      "a source's claims, relayed claims and articles",
      `{ source(slug: "bulk-src-7") { claims(first: 10) { totalCount edges { node { text } } } reportedClaims(last: 5) { edges { node { text } } } articles(first: 5) { totalCount edges { node { title } } } } }`,
    ],
    [
      "an article's claims and appearances",
      `{ article(slug: "bulk-art-42") { claims(first: 10, filter: { cue: { equals: "say" } }) { totalCount edges { node { text articles(first: 3) { edges { node { title } } } } } } appearances(first: 10) { totalCount edges { node { quote } } } } }`,
    ],
    [
      "claims filtered through relations",
      `{ claims(first: 20, filter: { article: { claim: { claimant: { slug: { equals: "bulk-src-3" } } } } }) { totalCount edges { node { text } } } }`,
    ],
    [
      "reviews by claim and by reviewer",
      `{ source(slug: "bulk-src-7") { claims(first: 5) { edges { node { reviews { totalCount edges { node { verdict } } } } } } reviewsWritten(first: 5) { totalCount edges { node { verdict } } } } }`,
    ],
  ];
  it("a claimant's track record uses indexes (its own statement besides the planned one)", async () => {
    const schema = await createSchema();
    const source = `{ source(slug: "bulk-src-7") { trackRecord(period: MONTH) { reviewedClaims } } }`;
    const statements = await capture(async () => {
      const result = await graphql({ schema, source, contextValue: createContext(db, "explain", null, { readPath: "planner" }) });
      expect(result.errors).toBeUndefined();
      expect((result.data as { source: { trackRecord: { reviewedClaims: number } } }).source.trackRecord.reviewedClaims).toBeGreaterThan(0);
    });
    expect(statements).toHaveLength(2);
    for (const { query, params } of statements) {
      const text = await plan(query, params);
      expect(fullScans(text), `${query}\n${text}`).toEqual([]);
    }
  });

  it("the reviews behind a track record, of a page of claimants, use indexes (one statement, one more for their count)", async () => {
    const schema = await createSchema();
    const source = `{ sources(first: 5, filter: { slug: { in: ["bulk-src-7", "bulk-src-8"] } }) { edges { node {
      trackRecord(period: QUARTER) { reviewedClaims reviews(first: 5, verdict: FALSE) { totalCount edges { node { verdict } } } } } } } }`;
    const statements = await capture(async () => {
      const result = await graphql({ schema, source, contextValue: createContext(db, "explain", null, { readPath: "planner" }) });
      expect(result.errors).toBeUndefined();
      const edges = (result.data as { sources: { edges: { node: { trackRecord: { reviews: { totalCount: number } } } }[] } }).sources.edges;
      expect(edges).toHaveLength(2);
      expect(edges[0]!.node.trackRecord.reviews.totalCount).toBeGreaterThan(0);
    });
    // The planned sources, the two claimants' counts, their reviews' pages and their count.
    expect(statements).toHaveLength(4);
    for (const { query, params } of statements) {
      const text = await plan(query, params);
      expect(fullScans(text), `${query}\n${text}`).toEqual([]);
    }
  });

  for (const [name, source] of queries) {
    it(`${name} use indexes`, async () => {
      const schema = await createSchema();
      const statements = await capture(async () => {
        const result = await graphql({ schema, source, contextValue: createContext(db, "explain", null, { readPath: "planner" }) });
        expect(result.errors).toBeUndefined();
      });
      expect(statements).toHaveLength(1);
      for (const { query, params } of statements) {
        const text = await plan(query, params);
        expect(fullScans(text), `${query}\n${text}`).toEqual([]);
      }
    });
  }
});
