import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { parseDatabaseUrl, redactUrl, type Provider } from "./databaseUrl.ts";
import { diffSchemaAgainstMigrations, migrate } from "./migrate.ts";
import { BACKENDS, renderPostgresSchema } from "./schemas.ts";
import { withScratchDatabase } from "./scratch.ts";
import { withStartupLock } from "./startupLock.ts";

// npm run db:migrate                      apply pending migrations to DATABASE_URL
// npm run db:schemas                      render prisma/postgresql/schema.prisma from prisma/schema.prisma
// npm run db:migration -- <name>          write a migration for each backend from schema.prisma changes
// npm run db:migration -- --check         exit 1 when a schema and its migrations differ
const USAGE = `usage:
  npm run db:migrate
  npm run db:schemas
  npm run db:migration -- <snake_case_name> | --check`;
const PROVIDERS: Provider[] = ["sqlite", "postgresql"];

function renderSchemas(): boolean {
  const rendered = renderPostgresSchema();
  const current = existsSync(BACKENDS.postgresql.schema) ? readFileSync(BACKENDS.postgresql.schema, "utf8") : "";
  if (rendered === current) return false;
  writeFileSync(BACKENDS.postgresql.schema, rendered);
  return true;
}

function parseCommand() {
  try {
    const { positionals, values } = parseArgs({ allowPositionals: true, options: { check: { type: "boolean" } } });
    return { positionals, check: values.check ?? false };
  } catch (error) {
    // parseArgs names the bad flag; the usage says what is accepted.
    throw new Error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
}

async function main() {
  const { positionals, check } = parseCommand();
  const [command, name, ...rest] = positionals;
  // Only db:migration takes more than the command: a name or --check, not both.
  if (rest.length || (command === "migration" ? name && check : name || check)) throw new Error(USAGE);
  if (command === "migrate") {
    const target = parseDatabaseUrl();
    const applied = await withStartupLock(target, () => migrate(target));
    console.log(`${redactUrl(target.url)}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
    return;
  }
  if (command === "schemas") {
    console.log(renderSchemas() ? `wrote ${BACKENDS.postgresql.schema}` : "prisma/postgresql/schema.prisma is up to date");
    return;
  }
  if (command === "migration") {
    if (check) {
      let drift = false;
      if (renderPostgresSchema() !== readFileSync(BACKENDS.postgresql.schema, "utf8")) {
        console.error("prisma/postgresql/schema.prisma is out of date: run npm run db:schemas");
        drift = true;
      }
      for (const provider of PROVIDERS) {
        const sql = await withScratchDatabase(provider, diffSchemaAgainstMigrations);
        if (sql) console.error(`${provider}: schema.prisma has changes with no migration:\n${sql}`);
        else console.log(`${provider}: migrations match schema.prisma`);
        drift ||= Boolean(sql);
      }
      process.exitCode = drift ? 1 : 0;
      return;
    }
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error(USAGE);
    renderSchemas();
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    for (const provider of PROVIDERS) {
      const sql = await withScratchDatabase(provider, diffSchemaAgainstMigrations);
      if (!sql) {
        console.log(`${provider}: no changes`);
        continue;
      }
      const dir = join(BACKENDS[provider].migrations, `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "migration.sql"), sql);
      const lock = join(BACKENDS[provider].migrations, "migration_lock.toml");
      if (!existsSync(lock)) writeFileSync(lock, `provider = "${provider}"\n`);
      console.log(`${provider}: wrote ${dir}/migration.sql`);
    }
    return;
  }
  throw new Error(`unknown command "${command ?? ""}": use migrate, schemas or migration\n${USAGE}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
