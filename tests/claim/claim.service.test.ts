import { beforeAll, describe, expect, it } from "vitest";

import { ClaimService } from "../../src/claim/claim.service.ts";
import type { Db } from "../../src/db/client.ts";
import { useTestDb } from "../setup/use.ts";

const handle = useTestDb();
let db: Db;
let service: ClaimService;

beforeAll(async () => {
  db = handle.db;
  service = new ClaimService(db);
});

// One id per slug, in order: typed as a tuple of the slugs' length.
const ids = async <const S extends readonly string[]>(slugs: S) =>
  Promise.all(slugs.map(async (slug) => (await db.source.findUniqueOrThrow({ where: { slug } })).id)) as Promise<{ -readonly [K in keyof S]: string }>;

describe("ClaimService.pagesBySource", () => {
  it("pages each parent separately from one read", async () => {
    const [trump, greer, cnbc] = await ids(["donald-trump", "jamieson-greer", "cnbc"]);
    const pages = await service.pagesBySource("claimantId", [trump, greer, cnbc], { first: 2 });
    expect(pages.get(trump)!.edges).toHaveLength(2);
    expect(pages.get(trump)!.pageInfo.hasNextPage).toBe(true);
    expect(await pages.get(trump)!.totalCount()).toBe(3);
    expect(pages.get(greer)!.edges.every((e) => e.node.claimantId === greer)).toBe(true);
    expect(pages.get(cnbc)!.edges).toEqual([]);
    expect(await pages.get(cnbc)!.totalCount()).toBe(0);
  });

  it("continues a nested page from its cursor, per parent", async () => {
    const [trump] = await ids(["donald-trump"]);
    const first = (await service.pagesBySource("claimantId", [trump], { first: 2 })).get(trump)!;
    const rest = (await service.pagesBySource("claimantId", [trump], { first: 2, after: first.pageInfo.endCursor })).get(trump)!;
    const all = (await service.pagesBySource("claimantId", [trump], { first: 10 })).get(trump)!;
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(all.edges.map((e) => e.node.id));
  });
});

describe("ClaimService.pagesByArticle", () => {
  it("puts a claim under every article it appears in", async () => {
    const original = await db.article.findFirstOrThrow();
    const claim = await db.claim.findFirstOrThrow({ where: { cue: "post" } });
    const copy = await db.article.create({
      data: {
        slug: "copy",
        title: "Copy",
        body: original.body,
        appearances: { create: { claimId: claim.id, quote: original.body.slice(0, 5), start: 0, end: 5, kind: "ASSERTION" } },
      },
    });
    const pages = await service.pagesByArticle([original.id, copy.id], { first: 100 });
    expect(pages.get(copy.id)!.edges.map((e) => e.node.id)).toEqual([claim.id]);
    expect(pages.get(original.id)!.edges.map((e) => e.node.id)).toContain(claim.id);
    expect(await pages.get(original.id)!.totalCount()).toBe(await db.claim.count());
  });
});

describe("nested pages read through one window query", () => {
  // Ground truth from plain Prisma: every claim of the source, in the order the API promises.
  const truth = async (claimantId: string, direction: "asc" | "desc") =>
    (await db.claim.findMany({ where: { claimantId }, orderBy: [{ claimedAt: { sort: direction, nulls: "last" } }, { id: direction }] })).map((c) => c.id);

  it("gives each parent the same first and last pages as a full read, in both directions", async () => {
    const parents = await ids(["donald-trump", "jamieson-greer", "xi-jinping", "cnbc"]);
    for (const direction of ["asc", "desc"] as const) {
      const orderBy = { field: "CLAIMED_AT" as never, direction: direction.toUpperCase() as never };
      const firstPages = await service.pagesBySource("claimantId", parents, { first: 2, orderBy });
      const lastPages = await service.pagesBySource("claimantId", parents, { last: 2, orderBy });
      for (const parent of parents) {
        const all = await truth(parent, direction);
        expect(firstPages.get(parent)!.edges.map((e) => e.node.id)).toEqual(all.slice(0, 2));
        expect(firstPages.get(parent)!.pageInfo.hasNextPage).toBe(all.length > 2);
        expect(lastPages.get(parent)!.edges.map((e) => e.node.id)).toEqual(all.slice(-2));
        expect(lastPages.get(parent)!.pageInfo.hasPreviousPage).toBe(all.length > 2);
        expect(await firstPages.get(parent)!.totalCount()).toBe(all.length);
      }
    }
  });

  it("returns full rows, as Prisma would", async () => {
    const [trump] = await ids(["donald-trump"]);
    const page = (await service.pagesBySource("claimantId", [trump], { first: 1 })).get(trump)!;
    const row = await db.claim.findUniqueOrThrow({ where: { id: page.edges[0]!.node.id } });
    expect(page.edges[0]!.node).toEqual(row);
  });

  it("agrees with the filtered read path on the same page", async () => {
    const articles = (await db.article.findMany({ select: { id: true } })).map((a) => a.id);
    const plain = await service.pagesByArticle(articles, { first: 3 });
    // A filter every claim matches sends the request down the Prisma path instead.
    const filtered = await service.pagesByArticle(articles, { first: 3, filter: { cue: { in: [...new Set((await db.claim.findMany()).map((c) => c.cue))] } } });
    for (const id of articles) {
      expect(plain.get(id)!.edges.map((e) => e.node.id)).toEqual(filtered.get(id)!.edges.map((e) => e.node.id));
      expect(plain.get(id)!.edges.map((e) => e.cursor)).toEqual(filtered.get(id)!.edges.map((e) => e.cursor));
      expect(await plain.get(id)!.totalCount()).toBe(await filtered.get(id)!.totalCount());
    }
  });
});
