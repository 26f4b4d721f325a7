import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parseDatabaseUrl } from "./databaseUrl.ts";
import { MIGRATIONS_DIR, diffSchemaAgainstMigrations, migrate } from "./migrate.ts";

// npm run db:migrate                      apply pending migrations to DATABASE_URL
// npm run db:migration -- <name>          write a new migration from schema.prisma changes
// npm run db:migration -- --check         exit 1 when schema.prisma and migrations differ
const [command, arg] = process.argv.slice(2);

async function main() {
  if (command === "migrate") {
    const applied = await migrate(parseDatabaseUrl());
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    return;
  }
  if (command === "migration") {
    // A scratch database: diffing needs the migrated schema, not data.
    const scratch = join(tmpdir(), `claimgraph-diff-${process.pid}.db`);
    const sql = await diffSchemaAgainstMigrations(parseDatabaseUrl(`file:${scratch}`)).finally(() =>
      ["", "-wal", "-shm"].forEach((suffix) => rmSync(scratch + suffix, { force: true })),
    );
    if (arg === "--check") {
      if (sql) {
        console.error("schema.prisma has changes with no migration:\n" + sql);
        process.exitCode = 1;
      } else console.log("migrations match schema.prisma");
      return;
    }
    if (!arg || !/^[a-z0-9_]+$/.test(arg)) throw new Error("usage: db:migration -- <snake_case_name> | --check");
    if (!sql) return console.log("no changes: schema.prisma matches the migrations");
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = join(MIGRATIONS_DIR, `${stamp}_${arg}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "migration.sql"), sql);
    const lock = join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!existsSync(lock)) writeFileSync(lock, 'provider = "sqlite"\n');
    console.log(`wrote ${dir}/migration.sql`);
    return;
  }
  throw new Error(`unknown command "${command ?? ""}": use migrate or migration`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
