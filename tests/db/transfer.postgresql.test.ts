import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { ApiKeyService } from "../../src/apiKey/apiKey.service.ts";
import { createDb } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createPostgresDatabase, dropPostgresDatabase, uniqueDatabaseName } from "../../src/db/scratch.ts";
import { exportDatabase, importDatabase } from "../../src/transfer/transfer.ts";
import { SearchService } from "../../src/search/search.service.ts";
import { SourceService } from "../../src/source/source.service.ts";
import { toGlobalId } from "../../src/shared/globalId.ts";
import { loadSeeds } from "../../seeds/load.ts";

const dir = mkdtempSync(join(tmpdir(), "claimgraph-transfer-"));
const pgName = uniqueDatabaseName("claimgraph_import");
afterAll(async () => {
  await dropPostgresDatabase(pgName);
  rmSync(dir, { recursive: true, force: true });
});

const tablesOf = (file: string) => JSON.parse(readFileSync(file, "utf8")).tables as Record<string, unknown[]>;

describe("SQLite → PostgreSQL through db:export and db:import", () => {
  it("moves every row with its ids and slugs, and the copy exports identically", async () => {
    // A SQLite database with every kind of row: seed, keys, audit, a merge (redirect), an affiliation, a URL-only appearance.
    const sqliteTarget = parseDatabaseUrl(`file:${join(dir, "source.db")}`);
    await migrate(sqliteTarget);
    const sqlite = await createDb(sqliteTarget);
    await loadSeeds(sqlite);
    const { apiKey } = await new ApiKeyService(sqlite).create({ keyId: null, name: "cli" }, "desk", "EDITOR");
    const viewer = { keyId: apiKey.id, name: apiKey.name, role: apiKey.role };
    const sources = new SourceService(sqlite);
    const dup = await sources.create(viewer, { name: "Xinhua duplicate", kind: "NEWS_AGENCY", affiliation: { slug: "china-government" } });
    const xinhua = await sqlite.source.findUniqueOrThrow({ where: { slug: "xinhua" } });
    await sources.merge(viewer, toGlobalId("Source", dup.id), toGlobalId("Source", xinhua.id));
    // An appearance known only by URL (an imported ClaimReview's): no article, no span.
    const claim = await sqlite.claim.findFirstOrThrow({ orderBy: { id: "asc" } });
    await sqlite.appearance.create({ data: { claimId: claim.id, url: "https://elsewhere.example/page", kind: "REPORTED_SPEECH", status: "URL_ONLY" } });

    const first = join(dir, "sqlite.json");
    const exported = await exportDatabase(sqlite, first, { quiet: true });
    await sqlite.$disconnect();
    expect(exported).toMatchObject({ Source: 12, Claim: 18, SourceRedirect: 1, ApiKey: 1, SeedRun: 2, Review: 1 });
    expect(exported.AuditEvent).toBeGreaterThanOrEqual(3);

    const pgUrl = await createPostgresDatabase(pgName);
    const pgTarget = parseDatabaseUrl(pgUrl);
    await migrate(pgTarget);
    const postgres = await createDb(pgTarget, 2);
    try {
      const imported = await importDatabase(postgres, first, { quiet: true });
      expect(imported).toEqual(exported);
      await expect(importDatabase(postgres, first, { quiet: true })).rejects.toThrow(/not empty/);

      const second = join(dir, "postgres.json");
      await exportDatabase(postgres, second, { quiet: true });
      expect(tablesOf(second)).toEqual(tablesOf(first));

      // The copy works: redirects resolve, and search was rebuilt.
      expect((await postgres.sourceRedirect.findUniqueOrThrow({ where: { fromId: dup.id } })).toId).toBe(xinhua.id);
      const { hits } = await new SearchService(postgres).search({ query: "xinhua duplicate" });
      expect(hits.map((h) => h.id)).toEqual([xinhua.id]);
    } finally {
      await postgres.$disconnect();
    }
  });
});
