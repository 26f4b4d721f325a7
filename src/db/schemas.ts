import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

import type { Provider } from "./databaseUrl.ts";

// One model definition, two backends. prisma/schema.prisma (SQLite) is the
// only hand-edited schema; prisma/postgresql/schema.prisma is rendered from it
// by `npm run db:schemas`, and a test fails when the two drift apart.

/** The project folder (the one with package.json): two levels above src/db, three above the built dist/src/db. */
export const ROOT = projectRoot(import.meta.dirname);

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const BACKENDS: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: join(ROOT, "prisma/schema.prisma"), migrations: join(ROOT, "prisma/migrations") },
  postgresql: { schema: join(ROOT, "prisma/postgresql/schema.prisma"), migrations: join(ROOT, "prisma/postgresql/migrations") },
};

const HEADER = "// Generated from ../schema.prisma by `npm run db:schemas`. Do not edit: edit ../schema.prisma.\n\n";

function replaceOnce(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`schema.prisma must contain ${JSON.stringify(from)} exactly once`);
  return text.replace(from, to);
}

/** The PostgreSQL schema: the same models, another provider and client folder. */
export function renderPostgresSchema(sqliteSchema = readFileSync(BACKENDS.sqlite.schema, "utf8")): string {
  let text = replaceOnce(sqliteSchema, 'provider = "sqlite"', 'provider = "postgresql"');
  text = replaceOnce(text, 'output                 = "../src/generated/prisma"', 'output                 = "../../src/generated/prisma-pg"');
  return HEADER + text;
}
