import "reflect-metadata";

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parseArgs } from "node:util";

import cliProgress from "cli-progress";
import { GraphQLError } from "graphql";

import { ArticleService } from "../article/article.service.ts";
import { createDb } from "../db/client.ts";
import { parseDatabaseUrl } from "../db/databaseUrl.ts";
import { migrate } from "../db/migrate.ts";
import type { SourceRef } from "../source/source.input.ts";
import { slugify } from "../source/source.writes.ts";
import { closeExtractionPool } from "./extraction.pool.ts";
import { ExtractionService } from "./extraction.service.ts";

// npm run articles:import -- <file or folder> [--published DATE] [--publisher NAME]
// Each .txt or .md file becomes an article (first line: title; the rest: body)
// with every proposed claim, one transaction per file.
const USAGE = 'usage: npm run articles:import -- <file or folder> [--published 2025-06-05] [--publisher "Name"]';
const CLI_ACTOR = { keyId: null, name: "articles:import CLI" };

function filesIn(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) throw new Error(`${path}: no such file or folder\n${USAGE}`);
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((name) => [".txt", ".md"].includes(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(path, name));
}

/** Title from the first line (a Markdown heading loses its #), body from the rest, as the seeds are read. */
function readArticle(file: string) {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const lineEnd = text.indexOf("\n");
  const title = (lineEnd < 0 ? text : text.slice(0, lineEnd)).replace(/^#+\s*/, "").trim();
  const body = lineEnd < 0 ? "" : text.slice(lineEnd + 1).replace(/^\s*\n/, "");
  return { title, body, slug: slugify(basename(file, extname(file))) };
}

function progress(total: number) {
  if (!process.stderr.isTTY) return { update: (_n: number, _file: string) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({ format: "importing [{bar}] {value}/{total} {file}", stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { file: "" });
  return { update: (n: number, file: string) => bar.update(n, { file: basename(file) }), stop: () => bar.stop() };
}

function parseCommand() {
  try {
    return parseArgs({ allowPositionals: true, options: { published: { type: "string" }, publisher: { type: "string" } } });
  } catch (error) {
    // parseArgs names the bad flag; the usage says what is accepted.
    throw new Error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
}

async function main() {
  const { positionals, values } = parseCommand();
  if (positionals.length !== 1) throw new Error(USAGE);
  const publishedAt = values.published ? new Date(values.published) : null;
  if (publishedAt && Number.isNaN(publishedAt.getTime())) throw new Error(`--published "${values.published}" is not a date\n${USAGE}`);
  const publisher = values.publisher ? ({ alias: values.publisher, kind: "NEWS_OUTLET" } as SourceRef) : null;
  const files = filesIn(positionals[0]!);
  if (!files.length) throw new Error(`${positionals[0]}: no .txt or .md files`);

  const target = parseDatabaseUrl();
  await migrate(target);
  const db = await createDb(target);
  const extraction = new ExtractionService(db, new ArticleService(db));
  const summary = { imported: 0, claims: 0, sources: 0, skipped: [] as string[], failed: [] as string[] };
  const bar = progress(files.length);
  try {
    for (const [i, file] of files.entries()) {
      bar.update(i, file);
      const article = readArticle(file);
      if (!article.title || !article.body.trim()) {
        summary.skipped.push(`${file}: no title line and body`);
        continue;
      }
      if (await db.article.findUnique({ where: { slug: article.slug }, select: { id: true } })) {
        summary.skipped.push(`${file}: an article with slug "${article.slug}" exists`);
        continue;
      }
      try {
        const { report } = await extraction.importArticle(CLI_ACTOR, { ...article, publishedAt, publisher, origin: `articles:import ${basename(file)}` });
        summary.imported++;
        summary.claims += report.saved.length;
        summary.sources += report.createdSources.length;
        if (!process.stderr.isTTY) process.stderr.write(`${file}: ${report.saved.length} claims\n`);
      } catch (error) {
        // One bad file does not stop the others; its transaction left nothing behind.
        summary.failed.push(`${file}: ${error instanceof GraphQLError ? `${error.message} (${error.extensions.code})` : String(error)}`);
      }
    }
    bar.update(files.length, "");
  } finally {
    bar.stop();
    await closeExtractionPool();
    await db.$disconnect();
  }
  console.log(`imported ${summary.imported} of ${files.length} files: ${summary.claims} claims, ${summary.sources} new sources`);
  for (const line of summary.skipped) console.log(`skipped ${line}`);
  for (const line of summary.failed) console.log(`failed ${line}`);
  if (summary.failed.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
