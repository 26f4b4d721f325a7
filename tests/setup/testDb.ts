import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { inject } from "vitest";

import { createDb, type Db } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { createPostgresDatabase, dropPostgresDatabase, uniqueDatabaseName } from "../../src/db/scratch.ts";

export type TestDb = { db: Db; url: string; close: () => Promise<void> };

/** A private copy of the migrated, seeded template database, on this project's backend. */
export async function openTestDb(): Promise<TestDb> {
  if (inject("backend") === "postgresql") {
    const name = uniqueDatabaseName("claimgraph_test");
    const url = await createPostgresDatabase(name, inject("templateDb"));
    const db = await createDb(parseDatabaseUrl(url), 4);
    return {
      db,
      url,
      async close() {
        await db.$disconnect();
        await dropPostgresDatabase(name);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "claimgraph-db-"));
  const file = join(dir, "test.db");
  copyFileSync(inject("templateDb"), file);
  const url = `file:${file}`;
  const db = await createDb(parseDatabaseUrl(url));
  return {
    db,
    url,
    async close() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
