import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { extractClaims } from "../../src/extraction/extract.ts";
import type { ExtractedClaim } from "../../src/extraction/extract.ts";
import { loadCorpus } from "./corpus.ts";
import { prf, score, type Score } from "./eval.ts";

// Pins extractClaims: its whole output over the dev split and the seed article
// must stay exactly as recorded in golden/, and the dev split's relation scores
// may not fall. Never the held-out split: it is scored only for final figures.
// Regenerate deliberately (and say why in the commit message):
//   UPDATE_GOLDEN=1 npx vitest run --project sqlite tests/extraction/golden.test.ts

const GOLDEN = join(import.meta.dirname, "golden");
const UPDATE = Boolean(process.env.UPDATE_GOLDEN);
const SEED = join(import.meta.dirname, "../../seeds/trump-xi-call-2025-06");

type Golden = { id: string; publishedAt: string; proposals: unknown[] }[];

/** One proposal as plain JSON with a fixed key order, dates as ISO strings. */
const stable = (c: ExtractedClaim) => ({
  kind: c.kind,
  confidence: c.confidence,
  text: c.text,
  cueLemma: c.cueLemma,
  claimantName: c.claimantName,
  claimantRole: c.claimantRole,
  claimantKind: c.claimantKind,
  reportedByName: c.reportedByName,
  channelName: c.channelName,
  claimedAt: c.claimedAt?.toISOString() ?? null,
  claimedAtPrecision: c.claimedAtPrecision,
  spans: Object.fromEntries(
    (["claimant", "cue", "content", "channel", "date", "reportedBy"] as const).map((k) => [
      k,
      c.spans[k] && { start: c.spans[k].start, end: c.spans[k].end, text: c.spans[k].text },
    ]),
  ),
});

const run = (docs: { id: string; text: string; publishedAt: string }[]): Golden =>
  docs.map((d) => ({ id: d.id, publishedAt: d.publishedAt, proposals: extractClaims(d.text, { publishedAt: new Date(d.publishedAt) }).map(stable) }));

const devDocs = loadCorpus().filter((d) => d.split === "dev");
const heldoutIds = new Set(
  loadCorpus()
    .filter((d) => d.split === "heldout")
    .map((d) => d.id),
);

function seedDoc() {
  const seed = JSON.parse(readFileSync(join(SEED, "seed.json"), "utf8"));
  const file = readFileSync(join(SEED, "article.txt"), "utf8");
  // As seeds/load.ts and eval.ts read it: the first line is the title, offsets index the body after it.
  return { id: seed.article.slug as string, text: file.slice(file.indexOf("\n") + 1), publishedAt: seed.article.publishedAt as string };
}

/** Compares with golden/<name>.json, or writes it under UPDATE_GOLDEN. */
function pin(name: string, actual: Golden) {
  const path = join(GOLDEN, `${name}.json`);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, `${JSON.stringify(actual, null, 1)}\n`);
    return;
  }
  expect(existsSync(path), `${path} is missing: regenerate it with UPDATE_GOLDEN=1`).toBe(true);
  const golden = JSON.parse(readFileSync(path, "utf8")) as Golden;
  expect(
    actual.map((d) => d.id),
    `the documents of golden/${name}.json`,
  ).toEqual(golden.map((d) => d.id));
  // One document at a time, so a failure names it and its diff stays short.
  for (const [i, doc] of actual.entries()) {
    expect(doc, `golden/${name}.json, document ${doc.id}: the extractor's output changed (UPDATE_GOLDEN=1 regenerates it, with a reason)`).toEqual(golden[i]);
  }
}

describe("golden extraction output", () => {
  it("over the dev split is unchanged", () => {
    const actual = run(devDocs);
    expect(actual.some((d) => heldoutIds.has(d.id))).toBe(false);
    pin("dev", actual);
  });

  it("over the seed article is unchanged", () => {
    pin("seed", run([seedDoc()]));
  });
});

describe("dev split scores do not fall", () => {
  // The relation counts over the dev split (npm run eval:extraction). First pinned at exact F1 76.9,
  // overlap F1 95.9 over the first 15 documents; issue #18's wider labels (corpus.wide.txt) joined the
  // split before any rule changed, which brought the same extractor to exact F1 38.7, overlap F1 57.9;
  // the widened extractor of issue #18 reaches exact F1 93.6, overlap F1 97.6.
  // Raise these when the extractor improves.
  const FLOOR = { exact: prf({ tp: 276, fp: 24, fn: 14 }).f, overlap: prf({ tp: 288, fp: 12, fn: 2 }).f };
  let scored: Score | undefined;
  const relations = () => {
    scored ??= score(devDocs);
    return scored.relations;
  };

  it("relation exact F1", () => {
    expect(prf(relations().exact).f, JSON.stringify(relations().exact)).toBeGreaterThanOrEqual(FLOOR.exact);
  });

  it("relation overlap F1", () => {
    expect(prf(relations().overlap).f, JSON.stringify(relations().overlap)).toBeGreaterThanOrEqual(FLOOR.overlap);
  });
});
