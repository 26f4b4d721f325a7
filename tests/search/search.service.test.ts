import { beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../src/db/client.ts";
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
