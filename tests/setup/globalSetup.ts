import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { TestProject } from "vitest/node";

import { createDb } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { migrate } from "../../src/db/migrate.ts";
import { loadSeeds } from "../../seeds/load.ts";

// Migrate and seed once into a template database; every test file copies it.
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "claimgraph-test-"));
  const templatePath = join(dir, "template.db");
  const target = parseDatabaseUrl(`file:${templatePath}`);
  await migrate(target);
  const db = createDb(target);
  await loadSeeds(db);
  // Fold the WAL back into the main file so a plain file copy is complete.
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.$disconnect();
  project.provide("templateDb", templatePath);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
