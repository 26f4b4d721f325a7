import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

import cliProgress from "cli-progress";

import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { reindexAll } from "../search/search.index.ts";

// Whole-database export and import, for moving between backends (SQLite →
// PostgreSQL) or machines. The file is JSON with one row per line, so both
// directions stream: memory stays flat however large the database is.

export const EXPORT_FORMAT = "claimgraph-export";
export const EXPORT_VERSION = 1;

type Model = {
  name: string;
  key: string[];
  delegate: (db: Db) => { findMany(args: object): Promise<object[]>; count(): Promise<number>; createMany(args: { data: object[] }): Promise<unknown> };
};

// In dependency order: a row's references are imported before it.
// Self-references (affiliation, translationOf) are set in a second pass.
// Keyed by model name and checked against Prisma's list, so a new model that is not exported fails tsc.
const MODELS_BY_NAME = {
  Source: { key: ["id"], delegate: (db) => db.source as never },
  SourceAlias: { key: ["id"], delegate: (db) => db.sourceAlias as never },
  SourceRedirect: { key: ["fromId"], delegate: (db) => db.sourceRedirect as never },
  Article: { key: ["id"], delegate: (db) => db.article as never },
  ArticleAuthor: { key: ["articleId", "sourceId"], delegate: (db) => db.articleAuthor as never },
  Claim: { key: ["id"], delegate: (db) => db.claim as never },
  Appearance: { key: ["id"], delegate: (db) => db.appearance as never },
  Review: { key: ["id"], delegate: (db) => db.review as never },
  ReviewAuthor: { key: ["reviewId", "sourceId"], delegate: (db) => db.reviewAuthor as never },
  VerdictMapping: { key: ["rating"], delegate: (db) => db.verdictMapping as never },
  ApiKey: { key: ["id"], delegate: (db) => db.apiKey as never },
  AuditEvent: { key: ["id"], delegate: (db) => db.auditEvent as never },
  AuditEntity: { key: ["eventId", "entityType", "entityId"], delegate: (db) => db.auditEntity as never },
  SeedRun: { key: ["name"], delegate: (db) => db.seedRun as never },
} satisfies Record<Prisma.ModelName, Omit<Model, "name">>;

// Object.entries keeps the insertion order above (the keys are not integers).
export const MODELS: Model[] = Object.entries(MODELS_BY_NAME).map(([name, model]) => ({ name, ...model }));

const SELF_REFERENCES: Record<string, string> = { Source: "affiliationId", Article: "translationOfId" };
const BATCH = 1_000;

/** A progress bar on a terminal; a line per table elsewhere (CI, pipes). */
function progress(label: string, total: number) {
  if (!process.stderr.isTTY) {
    return { increment: (_n: number) => {}, stop: () => process.stderr.write(`${label}: ${total} rows\n`) };
  }
  const bar = new cliProgress.SingleBar({ format: `${label.padEnd(14)} [{bar}] {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { increment: (n: number) => bar.increment(n), stop: () => bar.stop() };
}

/** Writes every table to `file`; returns the row count per table. */
export async function exportDatabase(db: Db, file: string, { quiet = false } = {}): Promise<Record<string, number>> {
  const out = createWriteStream(file, { encoding: "utf8" });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  const counts: Record<string, number> = {};
  await write(`{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(new Date().toISOString())},"tables":{\n`);
  for (const [m, model] of MODELS.entries()) {
    const delegate = model.delegate(db);
    const total = await delegate.count();
    const bar = quiet ? { increment: () => {}, stop: () => {} } : progress(model.name, total);
    await write(`${JSON.stringify(model.name)}:[\n`);
    const orderBy = model.key.map((k) => ({ [k]: "asc" }));
    let written = 0;
    for (let skip = 0; ; skip += BATCH) {
      // Offsets over the primary key are stable while nothing writes; export a quiet database.
      const rows = await delegate.findMany({ orderBy, skip, take: BATCH });
      for (const row of rows) await write(`${written++ ? "," : ""}${JSON.stringify(row)}\n`);
      bar.increment(rows.length);
      if (rows.length < BATCH) break;
    }
    bar.stop();
    counts[model.name] = written;
    await write(`]${m < MODELS.length - 1 ? "," : ""}\n`);
  }
  await write("}}\n");
  out.end();
  await once(out, "finish");
  return counts;
}

/** Reads an export into `db`, which must be migrated and empty; keeps every id and slug. */
export async function importDatabase(db: Db, file: string, { quiet = false } = {}): Promise<Record<string, number>> {
  for (const model of MODELS) {
    if ((await model.delegate(db).count()) > 0) throw new Error(`The target database is not empty (${model.name} has rows); import into a fresh one`);
  }
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  const counts: Record<string, number> = {};
  const deferred: { model: string; key: Record<string, unknown>; field: string; value: unknown; updatedAt: unknown }[] = [];
  let header = true;
  let model: Model | undefined;
  let batch: Record<string, unknown>[] = [];
  let bar = { increment: (_n: number) => {}, stop: () => {} };
  const flush = async () => {
    if (!model || batch.length === 0) return;
    await model.delegate(db).createMany({ data: batch });
    counts[model.name] = (counts[model.name] ?? 0) + batch.length;
    bar.increment(batch.length);
    batch = [];
  };
  for await (const line of lines) {
    if (header) {
      const meta = JSON.parse(line.replace(/"tables":\{$/, '"tables":{}}'));
      if (meta.format !== EXPORT_FORMAT || meta.version !== EXPORT_VERSION)
        throw new Error(`${file} is not a claimgraph export (format ${EXPORT_FORMAT} version ${EXPORT_VERSION})`);
      header = false;
      continue;
    }
    const start = /^"(\w+)":\[$/.exec(line);
    if (start) {
      await flush();
      model = MODELS.find((m) => m.name === start[1]);
      if (!model) throw new Error(`Unknown table "${start[1]}" in ${file}`);
      bar = quiet ? { increment: () => {}, stop: () => {} } : progress(model.name, Number.NaN);
      counts[model.name] = 0;
      continue;
    }
    if (line.startsWith("]") || line === "}}") {
      await flush();
      bar.stop();
      continue;
    }
    const row = JSON.parse(line.startsWith(",") ? line.slice(1) : line) as Record<string, unknown>;
    const self = model && SELF_REFERENCES[model.name];
    if (self && row[self] != null) {
      deferred.push({ model: model!.name, key: { id: row.id }, field: self, value: row[self], updatedAt: row.updatedAt });
      row[self] = null;
    }
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  for (const ref of deferred) {
    const delegate = (ref.model === "Source" ? db.source : db.article) as unknown as { update(args: object): Promise<unknown> };
    // Restating updatedAt keeps @updatedAt from stamping the import time.
    await delegate.update({ where: ref.key, data: { [ref.field]: ref.value, updatedAt: ref.updatedAt } });
  }
  await reindexAll(db);
  return counts;
}
