import "reflect-metadata";

import { parseArgs } from "node:util";

import { createDb } from "../db/client.ts";
import { parseDatabaseUrl, redactUrl } from "../db/databaseUrl.ts";
import { migrate } from "../db/migrate.ts";
import { withStartupLock } from "../db/startupLock.ts";
import { exportDatabase, importDatabase } from "./transfer.ts";

// npm run db:export -- <file.json>   the whole DATABASE_URL database to a file
// npm run db:import -- <file.json>   a file into DATABASE_URL (migrated first; must be empty)
const USAGE = "usage: npm run db:export -- <file> | npm run db:import -- <file>";

function parseCommand() {
  try {
    return parseArgs({ allowPositionals: true, options: {} }).positionals;
  } catch (error) {
    // parseArgs names the bad flag; the usage says what is accepted.
    throw new Error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
}

async function main() {
  const [command, file, ...rest] = parseCommand();
  if ((command !== "export" && command !== "import") || !file || rest.length) throw new Error(USAGE);
  const target = parseDatabaseUrl();
  await withStartupLock(target, () => migrate(target));
  // Its writes are batches outside inTransaction: wait for a running server's write lock as SQLite does.
  const db = await createDb(target, { poolSize: 2, sqliteBusyTimeoutMs: 10_000 });
  try {
    const counts = command === "export" ? await exportDatabase(db, file) : await importDatabase(db, file);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`${command === "export" ? "exported" : "imported"} ${total} rows ${command === "export" ? "from" : "into"} ${redactUrl(target.url)}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
