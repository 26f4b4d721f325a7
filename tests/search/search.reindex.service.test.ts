import { describe, expect, it } from "vitest";

import { ensureSearchIndex, indexVersion, reindexAll } from "../../src/search/search.index.ts";
import { SearchService } from "../../src/search/search.service.ts";
import { TOKENISER_VERSION } from "../../src/search/search.text.ts";
import { useTestDb } from "../setup/use.ts";

// The migration step and npm run search:reindex: a rebuild gives the index the writes built, and runs only when
// the index is at another tokeniser version.
const handle = useTestDb();

const snapshot = async (service: SearchService) => {
  const out: string[] = [];
  for (const query of ["trade", "china tariffs", "export*", '"rare earths"', "xinhua OR bloomberg -trump"]) {
    const page = await service.search({ query, first: 100 });
    out.push(`${query}: ${page.hits.map((h) => `${h.type}:${h.id}`).join(",")} (${await page.count()})`);
  }
  return out;
};

describe("rebuilding the search index", () => {
  it("rebuilds in batches, with progress, to the same results as the writes built", async () => {
    const { db } = handle;
    const service = new SearchService(db);
    const before = await snapshot(service);
    const progress: [number, number][] = [];
    const indexed = await reindexAll(db, (done, total) => progress.push([done, total]), 7);
    const total = (await db.article.count()) + (await db.claim.count()) + (await db.source.count());
    expect(indexed).toBe(total);
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.length).toBeGreaterThan(3);
    expect(await indexVersion(db)).toBe(TOKENISER_VERSION);
    // Same hits; the rows are renumbered, so ties may order differently: compare as sets.
    const sorted = (lines: string[]) =>
      lines.map((line) => `${line.split(": ")[0]}: ${line.split(": ")[1]!.split(" (")[0]!.split(",").sort().join(",")} (${line.split(" (")[1]}`);
    expect(sorted(await snapshot(service))).toEqual(sorted(before));
  });

  it("the migration step runs only when the tokeniser version differs", async () => {
    const { db } = handle;
    expect(await ensureSearchIndex(db)).toBeNull();
    await db.$executeRaw`UPDATE "search_meta" SET value = '1' WHERE key = 'tokeniser'`;
    expect(await ensureSearchIndex(db)).toBeGreaterThan(0);
    expect(await indexVersion(db)).toBe(TOKENISER_VERSION);
    expect(await ensureSearchIndex(db)).toBeNull();
  });
});
