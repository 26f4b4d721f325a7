import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { TestProject } from "vitest/node";

import { createDb } from "../../src/db/client.ts";
import { parseDatabaseUrl, type Provider } from "../../src/db/databaseUrl.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createPostgresDatabase, dropPostgresDatabase, uniqueDatabaseName } from "../../src/db/scratch.ts";
import { loadSeeds } from "../../seeds/load.ts";

// Migrate and seed once into a template database; every test file copies it.
// PostgreSQL must be reachable for its project: if it is not, this throws and
// the project fails. It never skips.
export default async function setup(project: TestProject) {
  const backend = (project.config.env?.TEST_BACKEND ?? "sqlite") as Provider;
  let url: string;
  let teardown: () => Promise<void> | void;
  if (backend === "postgresql") {
    const name = uniqueDatabaseName("claimgraph_template");
    url = await createPostgresDatabase(name);
    project.provide("templateDb", name);
    teardown = () => dropPostgresDatabase(name);
  } else {
    const dir = mkdtempSync(join(tmpdir(), "claimgraph-test-"));
    url = `file:${join(dir, "template.db")}`;
    project.provide("templateDb", join(dir, "template.db"));
    teardown = () => rmSync(dir, { recursive: true, force: true });
  }
  const target = parseDatabaseUrl(url);
  await migrate(target);
  const db = await createDb(target, 1);
  await loadSeeds(db);
  // SQLite: fold the WAL back into the main file so a plain file copy is complete.
  if (backend === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.$disconnect();
  project.provide("backend", backend);
  return teardown;
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    backend: Provider;
  }
}
