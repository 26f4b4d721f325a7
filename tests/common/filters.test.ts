import type { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";

import { dateTimeWhere, idWhere, textWhere } from "../../src/db/filters/prisma.ts";
import { FilterScope } from "../../src/db/filters/index.ts";
import { MAX_FILTER_DEPTH } from "../../src/schema/filters.ts";
import { toGlobalId } from "../../src/shared/globalId.ts";
import {
  compileFilter,
  DEFAULT_FILTER_BRANCHES,
  DEFAULT_FILTER_LIMITS,
  DEFAULT_FILTER_RELATION_DEPTH,
  filterCost,
  loadFilterLimits,
  RELATION_HOP_COST,
} from "../../src/db/filters/index.ts";

const scope = new FilterScope("filter.text");

describe("filter translation", () => {
  it("translates string conditions and drops absent ones", () => {
    expect(textWhere("text", { contains: "trade", equals: undefined }, scope)).toEqual({ text: { contains: "trade" } });
    expect(textWhere("text", {}, scope)).toBeUndefined();
  });

  it("keeps equals exact while contains ignores case on PostgreSQL", () => {
    const pg = new FilterScope("filter.text", 0, true);
    expect(textWhere("text", { equals: "Xi", contains: "tRaDe" }, pg)).toEqual({
      AND: [{ text: { equals: "Xi" } }, { text: { contains: "tRaDe", mode: "insensitive" } }],
    });
    expect(textWhere("text", { in: ["a"] }, pg)).toEqual({ text: { in: ["a"] } });
  });

  it("isNull stands alone", () => {
    expect(textWhere("role", { isNull: true }, scope)).toEqual({ role: null });
    expect(dateTimeWhere({ isNull: false }, scope)).toEqual({ not: null });
    expect(() => dateTimeWhere({ isNull: true, gt: new Date(0) }, scope)).toThrow(/isNull" cannot be combined/);
  });

  it("decodes global ids and rejects ones of another type", () => {
    expect(idWhere({ in: [toGlobalId("Claim", "a"), toGlobalId("Claim", "b")] }, "Claim", scope)).toEqual({ in: ["a", "b"] });
    expect(() => idWhere({ equals: toGlobalId("Source", "a") }, "Claim", scope)).toThrow(/is a Source id, expected a Claim id/);
  });

  it("limits nesting depth, naming the path", () => {
    let nested = new FilterScope("filter");
    for (let i = 0; i < MAX_FILTER_DEPTH; i++) nested = nested.nest("NOT");
    expect(() => nested.nest("NOT")).toThrow(`"${`filter${".NOT".repeat(MAX_FILTER_DEPTH)}`}.NOT" nests filters deeper than the limit of ${MAX_FILTER_DEPTH}`);
  });
});

describe("filter → SQL (src/db/filters)", () => {
  const sqlite = { provider: "sqlite" as const };

  it("passes every value as a parameter, never in the SQL text", () => {
    const hostile = `x'); DROP TABLE "Claim"; --`;
    const sql = compileFilter(
      "Claim",
      { text: { equals: hostile, contains: "a'b" }, cue: { in: [hostile] }, claimant: { slug: { startsWith: hostile } } },
      sqlite,
    )!;
    expect(sql.sql).not.toContain("DROP");
    expect(sql.sql).not.toContain("a'b");
    expect(sql.values).toEqual([hostile, "a'b", hostile, hostile]);
  });

  it("matches text without case by LIKE on SQLite and ILIKE on PostgreSQL; equals and in stay exact", () => {
    const filter = { name: { contains: "Xin", equals: "Xinhua" } };
    expect(compileFilter("Source", filter, sqlite)!.sql).toBe(`("Source"."name" = ? AND "Source"."name" LIKE ('%' || ? || '%') ESCAPE '\\')`);
    expect(compileFilter("Source", filter, { provider: "postgresql" })!.sql).toBe(
      `("Source"."name" = ? AND "Source"."name" ILIKE ('%' || ? || '%') ESCAPE '\\')`,
    );
    expect(() => compileFilter("Claim", { text: { endsWith: "50%" } }, sqlite)).toThrow(/filter\.text\.endsWith" cannot contain % or _/);
  });

  it("decodes global ids and refuses ones of another type, with the input path", () => {
    const sql = compileFilter("Claim", { id: { in: [toGlobalId("Claim", "a"), toGlobalId("Claim", "b")] } }, sqlite)!;
    expect(sql.values).toEqual(["a", "b"]);
    expect(() => compileFilter("Claim", { id: { in: [toGlobalId("Claim", "a"), toGlobalId("Source", "b")] } }, sqlite)).toThrow(
      /"filter\.id\.in\[1\]" is a Source id, expected a Claim id/,
    );
  });

  it("keeps isNull alone and dates within storable years", () => {
    expect(compileFilter("Claim", { claimedAt: { isNull: true } }, sqlite)!.sql).toBe(`"Claim"."claimedAt" IS NULL`);
    expect(() => compileFilter("Claim", { claimedAt: { isNull: true, gt: new Date(0) } }, sqlite)).toThrow(/claimedAt\.isNull" cannot be combined/);
    expect(() => compileFilter("Claim", { claimedAt: { lt: new Date(Date.UTC(10000, 0, 1)) } }, sqlite)).toThrow(/claimedAt\.lt" must be between/);
  });

  it("compiles relations to uncorrelated semi-joins: no subquery names a table outside itself", () => {
    const filter = {
      article: { claim: { claimant: { affiliation: { kind: { equals: "PERSON" } } } } },
      OR: [{ channel: { alias: { equals: "X" } } }, { NOT: { article: { author: { name: { contains: "a" } } } } }],
    };
    const { sql } = compileFilter("Claim", filter, { ...sqlite, limits: { relationDepth: 4, branches: 20 } })!;
    expect(sql).not.toMatch(/EXISTS|JOIN/);
    // Every subquery: the span of its parentheses, and the alias it defines.
    const subqueries: { start: number; end: number; alias: string }[] = [];
    const open: number[] = [];
    for (let i = 0; i < sql.length; i++) {
      if (sql[i] === "(") open.push(i);
      if (sql[i] === ")") {
        const start = open.pop()!;
        const alias = /^\(SELECT "(f\d+)"\./.exec(sql.slice(start))?.[1];
        if (alias) subqueries.push({ start, end: i, alias });
      }
    }
    expect(subqueries.length).toBeGreaterThanOrEqual(9);
    for (const { start, end, alias } of subqueries) {
      // The alias is used only within its own subquery...
      for (const use of sql.matchAll(new RegExp(`"${alias}"\\.`, "g"))) expect(use.index! > start && use.index! < end).toBe(true);
      // ...and the subquery uses no alias but its own and those of subqueries it holds.
      const inner = subqueries.filter((s) => s.start >= start && s.end <= end).map((s) => s.alias);
      for (const [, used] of sql.slice(start, end).matchAll(/"(\w+)"\."/g)) expect(inner).toContain(used);
    }
  });

  it("lets an empty operand match every row: OR of it is true, NOT of it false; an empty OR is false", () => {
    expect(compileFilter("Claim", {}, sqlite)).toBeUndefined();
    expect(compileFilter("Claim", { OR: [{}, { cue: { equals: "say" } }] }, sqlite)).toBeUndefined();
    expect(compileFilter("Claim", { NOT: {} }, sqlite)!.sql).toBe("1=0");
    expect(compileFilter("Claim", { OR: [] }, sqlite)!.sql).toBe("1=0");
    expect(compileFilter("Claim", { claimant: {} }, sqlite)!.sql).toBe(
      `("Claim"."claimantId" IS NOT NULL AND "Claim"."claimantId" IN (SELECT "f1"."id" FROM "Source" AS "f1"))`,
    );
  });

  it("limits relation hops, counting those inside logical operators, and names the hop past the limit", () => {
    const limits = { relationDepth: 2, branches: 20 };
    expect(compileFilter("Article", { claim: { claimant: { slug: { equals: "x" } } } }, { ...sqlite, limits })).toBeDefined();
    const refused = (filter: object) => {
      try {
        compileFilter("Article", filter, { ...sqlite, limits, path: "articles.filter" });
      } catch (error) {
        return (error as GraphQLError).extensions;
      }
      throw new Error("not refused");
    };
    expect(refused({ claim: { claimant: { affiliation: {} } } })).toEqual({
      code: "BAD_USER_INPUT",
      field: "articles.filter.claim.claimant.affiliation",
      limit: 2,
    });
    expect(refused({ OR: [{ title: { equals: "t" } }, { NOT: { claim: { AND: [{ reportedBy: { affiliation: { name: { equals: "x" } } } }] } } }] })).toEqual({
      code: "BAD_USER_INPUT",
      field: "articles.filter.OR[1].NOT.claim.AND[0].reportedBy.affiliation",
      limit: 2,
    });
    // Aliases are a condition on the source's own names, not a hop.
    expect(compileFilter("Article", { claim: { claimant: { alias: { equals: "x" } } } }, { ...sqlite, limits })).toBeDefined();
    expect(DEFAULT_FILTER_LIMITS).toEqual({ relationDepth: DEFAULT_FILTER_RELATION_DEPTH, branches: DEFAULT_FILTER_BRANCHES });
  });

  it("limits AND/OR/NOT operands across the whole filter, naming the first one past the limit", () => {
    const limits = { relationDepth: 3, branches: 4 };
    expect(compileFilter("Source", { OR: [{}, {}], NOT: { AND: [{}] } }, { ...sqlite, limits })).toBeDefined();
    expect(() => compileFilter("Source", { OR: [{}, {}], NOT: { AND: [{}, {}] } }, { ...sqlite, limits })).toThrow(
      expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", field: "filter.NOT.AND[1]", limit: 4 } }),
    );
  });

  it("reads its limits from LIMIT_FILTER_RELATION_DEPTH and LIMIT_FILTER_BRANCHES", () => {
    expect(loadFilterLimits({})).toEqual(DEFAULT_FILTER_LIMITS);
    expect(loadFilterLimits({ LIMIT_FILTER_RELATION_DEPTH: "5", LIMIT_FILTER_BRANCHES: "" })).toEqual({ relationDepth: 5, branches: DEFAULT_FILTER_BRANCHES });
    expect(() => loadFilterLimits({ LIMIT_FILTER_BRANCHES: "0" })).toThrow(/LIMIT_FILTER_BRANCHES must be a positive integer/);
  });
});

describe("filterCost", () => {
  const nested = (i: number) => ({ article: { claim: { claimant: { slug: { equals: `s${i}` } } } } });

  it("prices ordinary filters low: 1 a condition, 100 for a first relation hop", () => {
    expect(filterCost(undefined)).toBe(0);
    expect(filterCost({})).toBe(0);
    expect(filterCost({ cue: { equals: "say" } })).toBe(1);
    expect(filterCost({ text: { contains: "a", startsWith: "b" }, claimedAt: { gte: new Date(0), lt: new Date(1) } })).toBe(4);
    expect(filterCost({ claimant: { slug: { equals: "xinhua" } } })).toBe(RELATION_HOP_COST + 1);
    expect(filterCost({ OR: [{ cue: { equals: "a" } }, { cue: { equals: "b" } }] })).toBe(4);
  });

  it("prices each hop by its depth, so nesting and fan-out multiply", () => {
    expect(filterCost(nested(0))).toBe(RELATION_HOP_COST * (1 + 2 + 3) + 1);
    const fanOut = { OR: Array.from({ length: 100 }, (_, i) => ({ article: { claimant: { slug: { equals: `s${i}` } } } })) };
    expect(filterCost(fanOut)).toBeGreaterThan(25_000);
    expect(filterCost({ OR: Array.from({ length: 100 }, (_, i) => nested(i)) })).toBeGreaterThan(25_000);
  });

  it("prices what is not a filter at 0, and never throws", () => {
    expect(filterCost("claims")).toBe(0);
    expect(filterCost([{ cue: { equals: "a" } }])).toBe(0);
    // A lone OR operand counts as a list of one (GraphQL coerces it so); a non-object claimant as one condition.
    expect(filterCost({ OR: "x", NOT: null, claimant: 3 })).toBe(2);
  });
});
