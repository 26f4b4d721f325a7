import "reflect-metadata";

import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { parseArgs } from "node:util";

import cliProgress from "cli-progress";

import { createDb } from "../db/client.ts";
import { parseDatabaseUrl, redactUrl } from "../db/databaseUrl.ts";
import { migrate } from "../db/migrate.ts";
import { withStartupLock } from "../db/startupLock.ts";
import { ReviewStatus } from "../generated/prisma/enums.ts";
import { DocumentError, parseClaimReviews, type DocumentFormat, type ImportItem } from "./review.import.ts";
import { ClaimReviewImportService, type ItemOutcome } from "./review.importService.ts";
import { ReviewService } from "./review.service.ts";

// npm run claimreviews:import -- <file or folder> [--status DRAFT]
// Imports the ClaimReviews of each .json, .jsonld, .html or .htm file (a folder is read recursively, in name
// order) into DATABASE_URL, as importClaimReviews does, without its per-call limit: each ClaimReview in its own
// transaction, idempotent by the review's url. Exit code 0 when every one went in (or was there already), 1 when
// some could not be read or written, 2 for a bad command line.
const USAGE = "usage: npm run claimreviews:import -- <file or folder> [--status DRAFT|PUBLISHED|RETRACTED]";
const CLI_ACTOR = { keyId: null, name: "claimreviews:import CLI" };
const EXTENSIONS = [".json", ".jsonld", ".html", ".htm"];

class UsageError extends Error {}

function filesIn(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${path}: no such file or folder\n${USAGE}`);
  if (stat.isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((name) => EXTENSIONS.includes(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(path, name));
}

function parseCommand() {
  try {
    const { positionals, values } = parseArgs({ allowPositionals: true, options: { status: { type: "string" } } });
    if (positionals.length !== 1) throw new UsageError(USAGE);
    const status = values.status?.toUpperCase();
    if (status !== undefined && !(status in ReviewStatus)) throw new UsageError(`--status "${values.status}" is not DRAFT, PUBLISHED or RETRACTED\n${USAGE}`);
    return { path: positionals[0]!, status: status as ReviewStatus | undefined };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs names the bad flag; the usage says what is accepted.
    throw new UsageError(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
}

function progress(total: number) {
  if (!process.stderr.isTTY) return { update: (_n: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: "importing [{bar}] {value}/{total} ClaimReviews", stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}

/** Where an item is: the file, the script block of a page, and the JSON pointer. */
const placeOf = (file: string, item: { script: number | null }, pointer: string) =>
  `${file}${item.script === null ? "" : ` script[${item.script}]`}#${pointer}`;

async function main() {
  const { path, status } = parseCommand();
  const files = filesIn(path);
  if (!files.length) throw new UsageError(`${path}: no ${EXTENSIONS.join(", ")} files`);

  // Read every file first, so that the progress bar knows the total and unreadable files are named up front.
  const documents: { file: string; format: DocumentFormat; items: ImportItem[] }[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    try {
      const { format, items } = parseClaimReviews(readFileSync(file, "utf8"), { maxItems: Number.POSITIVE_INFINITY });
      documents.push({ file, format, items });
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      unreadable.push(`${file}: ${error.message}`);
    }
  }

  const target = parseDatabaseUrl();
  await withStartupLock(target, () => migrate(target));
  const db = await createDb(target, 2);
  const service = new ClaimReviewImportService(db, new ReviewService(db));
  const total = documents.reduce((n, document) => n + document.items.length, 0);
  const bar = progress(total);
  const counts = { CREATED: 0, UPDATED: 0, UNCHANGED: 0, ERROR: 0 };
  const problems: string[] = [];
  let sources = 0;
  let done = 0;
  try {
    for (const { file, format, items } of documents) {
      const result = await service.importItems(CLI_ACTOR, format, items, { status, onItem: () => bar.update(++done) });
      for (const outcome of result.items) {
        counts[outcome.status]++;
        sources += outcome.createdSourceIds.length;
        report(file, outcome, problems);
      }
      if (!process.stderr.isTTY) {
        process.stderr.write(`${file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} errors\n`);
      }
    }
  } finally {
    bar.stop();
    await db.$disconnect();
  }
  console.log(
    `${total} ClaimReviews in ${documents.length} of ${files.length} files into ${redactUrl(target.url)}: ` +
      `${counts.CREATED} created, ${counts.UPDATED} updated, ${counts.UNCHANGED} unchanged, ${counts.ERROR} errors; ${sources} new sources`,
  );
  for (const line of unreadable) console.log(`unreadable ${line}`);
  for (const line of problems) console.log(line);
  if (counts.ERROR || unreadable.length) process.exitCode = 1;
}

function report(file: string, outcome: ItemOutcome, lines: string[]) {
  for (const error of outcome.errors) lines.push(`error ${placeOf(file, outcome, error.pointer)}: ${error.message}`);
  for (const warning of outcome.warnings) lines.push(`warning ${placeOf(file, outcome, warning.pointer)}: ${warning.message}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
