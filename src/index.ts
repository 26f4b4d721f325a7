// First: V8 flags that must be set before the code they affect runs (see the module).
import "./v8Flags.ts";
import "reflect-metadata";

import { loadConfig } from "./config.ts";
import { createDb, prepareDb } from "./db/client.ts";
import { parseDatabaseUrl, redactUrl } from "./db/databaseUrl.ts";
import { migrate } from "./db/migrate.ts";
import { withStartupLock } from "./db/startupLock.ts";
import { createLogger } from "./logger.ts";
import { createSchema } from "./graphql/schema.ts";
import { createServer } from "./http/server.ts";
import { ensureSearchIndex } from "./search/search.index.ts";
import { loadSeeds } from "../seeds/load.ts";

// Process entry: migrate, seed once, serve, and shut down cleanly on signals.
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const target = parseDatabaseUrl(config.databaseUrl);

  const db = await createDb(target, {
    poolSize: config.poolSize,
    replicaUrls: config.replicaUrls,
    statementTimeoutMs: config.statementTimeoutMs,
    namedStatements: config.namedStatements,
  });
  // Replicas starting together take turns: one migrates and seeds, the others find it done.
  await withStartupLock(target, async () => {
    const applied = await migrate(target);
    if (applied.length) logger.info({ applied }, "applied migrations");
    // After migrating: the migration engine switches SQLite to WAL, which needs no other connection open.
    await prepareDb(db.primary());
    if (config.seed) {
      const loaded = await loadSeeds(db.primary());
      if (loaded.length) logger.info({ loaded }, "loaded seeds");
    }
    // The migration step of search: an index left empty by a migration, or built by another tokeniser version,
    // is rebuilt once (one row read otherwise). On a large database, run npm run db:migrate before starting.
    let logged = 0;
    const indexed = await ensureSearchIndex(db.primary(), (done, total) => {
      if (done === total || Date.now() - logged > 10_000) {
        logged = Date.now();
        logger.info({ done, total }, "rebuilding the search index");
      }
    });
    if (indexed !== null) logger.info({ indexed }, "rebuilt the search index");
  });

  const server = await createServer({ config, db, schema: await createSchema(), logger });
  const port = await server.listen();
  logger.info({ url: `http://localhost:${port}/graphql`, reader: `http://localhost:${port}/`, database: redactUrl(target.url) }, "claimgraph is serving");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await server.stop();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
