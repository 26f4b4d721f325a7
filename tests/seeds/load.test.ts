import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb, type Db } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { migrate } from "../../src/db/migrate.ts";
import { loadSeeds, readSeed } from "../../seeds/load.ts";

const SEED = "trump-xi-call-2025-06";
const dir = mkdtempSync(join(tmpdir(), "claimgraph-seed-"));
let db: Db;

beforeAll(async () => {
  const target = parseDatabaseUrl(`file:${join(dir, "seed.db")}`);
  await migrate(target);
  db = await createDb(target);
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const counts = async () => ({
  articles: await db.article.count(),
  sources: await db.source.count(),
  claims: await db.claim.count(),
  appearances: await db.appearance.count(),
  aliases: await db.sourceAlias.count(),
});

describe("loadSeeds", () => {
  it("loads the seed once even when two loaders race, and never duplicates", async () => {
    const [a, b] = await Promise.all([loadSeeds(db, [SEED]), loadSeeds(db, [SEED])]);
    expect([...a, ...b]).toEqual([SEED]);
    const seed = readSeed(SEED);
    const after = await counts();
    expect(after).toMatchObject({ articles: 1, sources: seed.sources.length, claims: seed.claims.length });
    expect(await loadSeeds(db, [SEED])).toEqual([]);
    expect(await counts()).toEqual(after);
  });

  it("stores the body byte-for-byte and every appearance anchored on it", async () => {
    const seed = readSeed(SEED);
    const article = await db.article.findUniqueOrThrow({ where: { slug: seed.article.slug }, include: { appearances: true } });
    expect(article.body).toBe(seed.body);
    expect(article.appearances.length).toBe(seed.claims.reduce((n, c) => n + c.appearances.length, 0));
    for (const a of article.appearances) {
      expect(a.status).toBe("ANCHORED");
      expect(article.body.slice(a.start!, a.end!)).toBe(a.quote);
    }
  });

  it("records affiliations and aliases in order", async () => {
    const greer = await db.source.findUniqueOrThrow({
      where: { slug: "jamieson-greer" },
      include: { affiliation: true, aliases: { orderBy: { position: "asc" } } },
    });
    expect(greer.affiliation?.slug).toBe("us-government");
    expect(greer.aliases.map((a) => a.alias)).toEqual(["Jamieson Greer", "Greer", "US Trade Representative Greer"]);
    expect(greer.aliases.map((a) => a.normalized)).toEqual(["jamieson greer", "greer", "us trade representative greer"]);
  });
});
