import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { inject } from "vitest";

import { createDb, type Db } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";

/** A private copy of the migrated, seeded template database. */
export function openTestDb(): { db: Db; url: string; close: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), "claimgraph-db-"));
  const file = join(dir, "test.db");
  copyFileSync(inject("templateDb"), file);
  const url = `file:${file}`;
  const db = createDb(parseDatabaseUrl(url));
  return {
    db,
    url,
    async close() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
