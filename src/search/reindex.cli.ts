import "reflect-metadata";

import cliProgress from "cli-progress";
import { parseArgs } from "node:util";

import { createDb } from "../db/client.ts";
import { parseDatabaseUrl, redactUrl } from "../db/databaseUrl.ts";
import { migrate } from "../db/migrate.ts";
import { withStartupLock } from "../db/startupLock.ts";
import { ensureSearchIndex, reindexAll, type ReindexProgress } from "./search.index.ts";
import { TOKENISER_VERSION } from "./search.text.ts";

// npm run search:reindex                 rebuild the search index of DATABASE_URL with the current tokeniser
// npm run search:reindex -- --if-stale   only when it was built by another tokeniser version, or never
//                                        (the migration step: npm run db:migrate runs it after the SQL migrations)
const USAGE = "usage: npm run search:reindex [-- --if-stale]";

function progress(): { onProgress: ReindexProgress; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: "indexing [{bar}] {percentage}% {value}/{total} rows, {eta_formatted} left", stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}

async function main() {
  let ifStale: boolean;
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: { "if-stale": { type: "boolean" } } });
    if (positionals.length) throw new Error(`unexpected ${positionals.join(" ")}`);
    ifStale = values["if-stale"] ?? false;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  const target = parseDatabaseUrl();
  const db = await createDb(target, 1);
  const bar = progress();
  const started = performance.now();
  try {
    // Under the start-up lock, so that a server starting meanwhile does not rebuild it too.
    const indexed = await withStartupLock(target, async () => {
      await migrate(target);
      return ifStale ? ensureSearchIndex(db, bar.onProgress) : reindexAll(db, bar.onProgress);
    });
    bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      indexed === null
        ? `${redactUrl(target.url)}: the search index is current (tokeniser ${TOKENISER_VERSION})`
        : `${redactUrl(target.url)}: indexed ${indexed} rows with tokeniser ${TOKENISER_VERSION} in ${seconds} s`,
    );
  } finally {
    bar.stop();
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
