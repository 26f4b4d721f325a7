import { readFileSync } from "node:fs";
import { join } from "node:path";

import { extractClaims, type ExtractedClaim, type TextSpan } from "../../src/extraction/extract.ts";
import { loadCorpus, writeLabels, type LabelledDocument, type Span, type SpanKind } from "./corpus.ts";

// npm run eval:extraction [-- --heldout | --build]
// Scores extractClaims against the labelled corpus (dev split unless
// --heldout) and the seed article. --build rewrites labels.json.

type Counts = { tp: number; fp: number; fn: number };
const KINDS: SpanKind[] = ["claimant", "cue", "content", "channel", "date"];

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

/** One-to-one greedy matching; returns the number of matched pairs. */
function matchCount<G, P>(gold: G[], predicted: P[], match: (g: G, p: P) => boolean): number {
  const used = new Set<number>();
  let matched = 0;
  for (const g of gold) {
    const k = predicted.findIndex((p, i) => !used.has(i) && match(g, p));
    if (k >= 0) {
      used.add(k);
      matched++;
    }
  }
  return matched;
}

function add(counts: Counts, gold: number, predicted: number, matched: number) {
  counts.tp += matched;
  counts.fp += predicted - matched;
  counts.fn += gold - matched;
}

const normal = (name: string | null | undefined) =>
  (name ?? "")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .trim();

export type Score = { spans: Record<string, { exact: Counts; overlap: Counts }>; relations: { exact: Counts; overlap: Counts } };

export function score(docs: LabelledDocument[]): Score {
  const zero = () => ({ tp: 0, fp: 0, fn: 0 });
  const result: Score = { spans: Object.fromEntries(KINDS.map((k) => [k, { exact: zero(), overlap: zero() }])), relations: { exact: zero(), overlap: zero() } };
  for (const doc of docs) {
    const predicted = extractClaims(doc.text, { publishedAt: new Date(doc.publishedAt) });
    for (const kind of KINDS) {
      const gold = doc.attributions.map((a) => a.spans[kind]).filter((s): s is Span => Boolean(s));
      const mine = predicted.map((p) => p.spans[kind]).filter((s): s is TextSpan => Boolean(s));
      add(result.spans[kind]!.exact, gold.length, mine.length, matchCount(gold, mine, same));
      add(result.spans[kind]!.overlap, gold.length, mine.length, matchCount(gold, mine, overlaps));
    }
    // A relation holds when cue, content and claimant agree (a resolved name counts for the claimant).
    const relation = (exact: boolean) => (g: LabelledDocument["attributions"][number], p: ExtractedClaim) => {
      const fits = exact ? same : overlaps;
      const claimantFits =
        (!g.spans.claimant && !p.spans.claimant) ||
        (g.spans.claimant && p.spans.claimant && fits(g.spans.claimant, p.spans.claimant)) ||
        (!exact && g.claimant !== null && normal(g.claimant) === normal(p.claimantName));
      return fits(g.spans.cue!, p.spans.cue) && fits(g.spans.content!, p.spans.content) && Boolean(claimantFits);
    };
    add(result.relations.exact, doc.attributions.length, predicted.length, matchCount(doc.attributions, predicted, relation(true)));
    add(result.relations.overlap, doc.attributions.length, predicted.length, matchCount(doc.attributions, predicted, relation(false)));
  }
  return result;
}

export const prf = ({ tp, fp, fn }: Counts) => {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};

const SEED = join(import.meta.dirname, "../../seeds/trump-xi-call-2025-06");

/** Seed claims found with the right claimant: content overlapping the seed span, claimant naming the seed source. */
export function seedFigures(): { found: number; total: number } {
  const seed = JSON.parse(readFileSync(join(SEED, "seed.json"), "utf8"));
  const file = readFileSync(join(SEED, "article.txt"), "utf8");
  // As seeds/load.ts reads it: the first line is the title, offsets index the body after it.
  const text = file.slice(file.indexOf("\n") + 1);
  const names = new Map<string, string[]>(
    seed.sources.map((s: { slug: string; name: string; aliases?: string[] }) => [s.slug, [s.name, ...(s.aliases ?? [])].map(normal)]),
  );
  const predicted = extractClaims(text, { publishedAt: new Date(seed.article.publishedAt) });
  let found = 0;
  for (const claim of seed.claims) {
    const wanted = names.get(claim.claimant) ?? [];
    const hit = claim.appearances.some((a: Span) =>
      predicted.some(
        (p) =>
          overlaps(a, p.spans.content) &&
          wanted.some((n) => n && (normal(p.claimantName) === n || normal(p.claimantName).endsWith(` ${n}`) || n.endsWith(` ${normal(p.claimantName)}`))),
      ),
    );
    if (hit) found++;
  }
  return { found, total: seed.claims.length };
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes("--build")) {
    const docs = writeLabels();
    console.log(`labels.json: ${docs.length} documents, ${docs.reduce((n, d) => n + d.attributions.length, 0)} attributions`);
    return;
  }
  const split = args.includes("--heldout") ? "heldout" : "dev";
  const docs = loadCorpus().filter((d) => d.split === split);
  const result = score(docs);
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  console.log(`split: ${split} (${docs.length} documents, ${docs.reduce((n, d) => n + d.attributions.length, 0)} attributions)\n`);
  console.log("span        |  exact P      R      F1 | overlap P      R      F1");
  for (const [kind, { exact, overlap }] of [...Object.entries(result.spans), ["RELATION", result.relations] as const]) {
    const e = prf(exact);
    const o = prf(overlap);
    console.log(`${kind.padEnd(11)} | ${pct(e.p)} ${pct(e.r)} ${pct(e.f)} |  ${pct(o.p)} ${pct(o.r)} ${pct(o.f)}`);
  }
  const seed = seedFigures();
  console.log(`\nseed article: ${seed.found} of ${seed.total} seed claims found with the right claimant`);
  const text = readFileSync(join(SEED, "article.txt"), "utf8");
  const words = text.split(/\s+/).length;
  const started = performance.now();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) extractClaims(text);
  const ms = (performance.now() - started) / rounds;
  console.log(`speed: ${ms.toFixed(1)} ms for the ${words}-word seed article (${Math.round((words / ms) * 1000)} words/s)`);
}

if (process.argv[1]?.endsWith("eval.ts")) main();
