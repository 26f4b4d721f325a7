import { beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../src/db/client.ts";
import { parseQuery, toFts5 } from "../../src/search/search.query.ts";
import { SearchService } from "../../src/search/search.service.ts";
import { SearchType } from "../../src/search/search.type.ts";
import { useTestDb } from "../setup/use.ts";

const handle = useTestDb();
let db: Db;
let service: SearchService;

beforeAll(async () => {
  db = handle.db;
  service = new SearchService(db);
});

describe("SearchService first pages", () => {
  // The first page over every type takes a shortcut on SQLite; it must give the order the cursor pages promise.
  it("gives the same hits, in the same order, as paging one hit at a time", async () => {
    for (const query of ["trade", "Trump", "said", "China tariffs", "export*"]) {
      for (const first of [1, 2, 5, 20]) {
        const page = await service.search({ query, first });
        const stepwise = [];
        let after: string | null = null;
        for (let i = 0; i < first; i++) {
          const one: Awaited<ReturnType<SearchService["search"]>> = await service.search({ query, first: 1, after, types: Object.values(SearchType) });
          if (!one.hits.length) break;
          stepwise.push(...one.hits);
          after = one.cursorOf(one.hits[0]!);
        }
        expect(
          page.hits.map((h) => `${h.type}:${h.id}`),
          `${query} first ${first}`,
        ).toEqual(stepwise.map((h) => `${h.type}:${h.id}`));
        expect(page.hasNextPage).toBe(stepwise.length === first && (await service.search({ query, first: first + 1 })).hits.length > first);
      }
    }
  });
});

describe("highlight ranges", () => {
  it("dedupes nested and repeated matches in one pass (a body of 60,000 matches)", async () => {
    const { matchRanges, parseQuery } = await import("../../src/search/search.query.ts");
    const text = "aa ".repeat(60_000);
    const ranges = matchRanges(text, parseQuery('aa a* "aa aa"'), "none");
    // Every pair of neighbours is one phrase match; the single words inside them are dropped.
    expect(ranges.length).toBeGreaterThan(29_000);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBeGreaterThan(ranges[i - 1]!.start);
  });
});

describe("prefixes on SQLite", () => {
  /** The MATCH expressions a search sends, and its hits (every one: the seed data is small). */
  async function run(query: string) {
    const matches: string[] = [];
    db.onStatement((sql, params) => {
      if (sql.includes("MATCH")) matches.push(...params.filter((p): p is string => typeof p === "string" && p.includes("content")));
    });
    const page = await service.search({ query, first: 100 });
    return { matches, hits: page.hits.map((h) => `${h.type}:${h.id}`).sort(), count: await page.count() };
  }

  it.runIf(process.env.TEST_BACKEND !== "postgresql")("spells a prefix of few terms out as its terms, and finds the rows the prefix finds", async () => {
    for (const [query, spelled] of [
      ["export*", true],
      ["tarif*", true],
      ["trade export*", true],
      ["trade -export*", true],
      // Many terms start with "s": searched as a prefix.
      ["s*", false],
    ] as const) {
      const got = await run(query);
      const last = got.matches.at(-1)!;
      expect(last.includes('"*'), `${query}: ${last}`).toBe(!spelled);
      // The same rows as the prefix itself, read straight from FTS5.
      const parsed = parseQuery(query);
      const rows = await db.$queryRaw<{ id: string; type: string }[]>`
        SELECT sr.entity_type AS type, sr.entity_id AS id FROM "search_fts" JOIN "search_rows" sr ON sr.id = "search_fts".rowid
        WHERE "search_fts" MATCH ${toFts5(parsed)}`;
      const expected = rows.map((r) => `${r.type}:${r.id}`).sort();
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThanOrEqual(100);
      expect(got.hits, query).toEqual(expected);
      expect(got.count, query).toBe(expected.length);
    }
  });
});
