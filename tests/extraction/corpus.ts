import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// Reads corpus.txt (format in README.md next to it) into plain text plus
// labelled spans with UTF-16 offsets.

export type Span = { start: number; end: number; text: string };
export type SpanKind = "claimant" | "cue" | "content" | "channel" | "date" | "reportedBy";
export type CueKind = "SPEECH" | "THOUGHT_OR_STANCE" | "EVIDENCE";
export type LabelledAttribution = {
  n: number;
  kind: "DIRECT_QUOTE" | "REPORTED_SPEECH" | "ASSERTION";
  lemma: string;
  claimant: string | null;
  role: string | null;
  claimedAt: string | null;
  precision: string | null;
  /** What kind of cue it is (labels of issue #18 on; null before). */
  cueKind: CueKind | null;
  /** The groups it belongs to (issue #18's list); the first set's labels are "original". */
  groups: string[];
  /** For the inner attribution of a nested pair: the `n` of the outer one whose content holds it. */
  outer: number | null;
  spans: Partial<Record<SpanKind, Span>>;
};
/** A false-positive trap: a stretch where no attribution (trap-sense, -headline, -according: no cue) or no claimant (trap-claimant) may be proposed. */
export type Trap = { n: number; group: string; span: Span };
export type LabelledDocument = {
  id: string;
  origin: string;
  licence: string;
  split: "dev" | "heldout";
  publishedAt: string;
  text: string;
  attributions: LabelledAttribution[];
  traps: Trap[];
};

const TAGS: Record<string, SpanKind | "trap"> = { c: "claimant", v: "cue", q: "content", h: "channel", d: "date", r: "reportedBy", x: "trap" };
const KINDS = new Set(["DIRECT_QUOTE", "REPORTED_SPEECH", "ASSERTION"]);
const CUE_KINDS = new Set(["SPEECH", "THOUGHT_OR_STANCE", "EVIDENCE"]);
export const TRAP_GROUPS = new Set(["trap-sense", "trap-headline", "trap-according", "trap-claimant"]);

/** Strips `[text]{tagN}` markup, returning the text and the spans it marked. */
function unmark(marked: string, where: string): { text: string; spans: { tag: string; n: number; span: Span }[] } {
  let text = "";
  const open: number[] = [];
  const spans: { tag: string; n: number; span: Span }[] = [];
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i]!;
    if (ch === "\\" && (marked[i + 1] === "[" || marked[i + 1] === "]")) {
      text += marked[++i];
    } else if (ch === "[") {
      open.push(text.length);
    } else if (ch === "]") {
      const label = /^\{([a-z])(\d+)\}/.exec(marked.slice(i + 1));
      if (!label || !TAGS[label[1]!]) throw new Error(`${where}: "]" at ${i} is not followed by a {tagN} label`);
      const start = open.pop();
      if (start === undefined) throw new Error(`${where}: unbalanced "]" at ${i}`);
      spans.push({ tag: label[1]!, n: Number(label[2]), span: { start, end: text.length, text: text.slice(start, text.length) } });
      i += label[0].length;
    } else {
      text += ch;
    }
  }
  if (open.length) throw new Error(`${where}: unclosed "["`);
  return { text, spans };
}

function attributes(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of line.matchAll(/(\w+)=(.*?)(?=\s+\w+=|$)/g)) out[match[1]!] = match[2]!.trim();
  return out;
}

export function parseCorpus(source: string): LabelledDocument[] {
  return source
    .split(/^=== /m)
    .filter((block) => block.trim())
    .map((block) => {
      const [headerPart, marked, attributionPart] = block.split(/^---$/m);
      if (attributionPart === undefined) throw new Error(`document "${block.slice(0, 30)}" lacks its --- sections`);
      const [id, ...headerLines] = headerPart!.trim().split("\n");
      const header = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()]));
      const { text, spans } = unmark(marked!.trim(), id!);
      const lines = attributionPart
        .trim()
        .split("\n")
        .filter((line) => line.trim());
      const traps: Trap[] = lines
        .filter((line) => line.startsWith("x"))
        .map((line) => {
          const n = Number(line.split(" ")[0]!.slice(1));
          const a = attributes(line.slice(line.indexOf(" ") + 1));
          if (!TRAP_GROUPS.has(a.group!)) throw new Error(`${id} x${n}: group "${a.group}" is not a trap group`);
          const own = spans.filter((s) => s.tag === "x" && s.n === n);
          if (own.length !== 1) throw new Error(`${id} x${n}: needs exactly one [..]{x${n}} span`);
          return { n, group: a.group!, span: own[0]!.span };
        });
      const attributions = lines
        .filter((line) => !line.startsWith("x"))
        .map((line) => {
          const n = Number(line.split(" ")[0]);
          const a = attributes(line.slice(line.indexOf(" ") + 1));
          if (!KINDS.has(a.kind!)) throw new Error(`${id} #${n}: kind "${a.kind}"`);
          if (!a.lemma) throw new Error(`${id} #${n}: no lemma`);
          if (a.cueKind !== undefined && !CUE_KINDS.has(a.cueKind)) throw new Error(`${id} #${n}: cueKind "${a.cueKind}"`);
          const own = spans.filter((s) => s.tag !== "x" && s.n === n);
          const byKind: Partial<Record<SpanKind, Span>> = {};
          for (const s of own) {
            const kind = TAGS[s.tag] as SpanKind;
            if (byKind[kind]) throw new Error(`${id} #${n}: two ${kind} spans`);
            byKind[kind] = s.span;
          }
          for (const required of ["cue", "content"] as const) if (!byKind[required]) throw new Error(`${id} #${n}: no ${required} span`);
          return {
            n,
            kind: a.kind as LabelledAttribution["kind"],
            lemma: a.lemma,
            claimant: a.claimant ?? null,
            role: a.role ?? null,
            claimedAt: a.claimedAt ?? null,
            precision: a.precision ?? null,
            cueKind: (a.cueKind as CueKind | undefined) ?? null,
            groups: a.group ? a.group.split(",") : ["original"],
            outer: a.outer ? Number(a.outer) : null,
            spans: byKind,
          };
        });
      const numbers = new Set(attributions.map((a) => a.n));
      const orphan = spans.find((s) => s.tag !== "x" && !numbers.has(s.n));
      for (const a of attributions) {
        if (a.outer !== null && !numbers.has(a.outer)) throw new Error(`${id} #${a.n}: outer=${a.outer} names no attribution`);
      }
      if (orphan) throw new Error(`${id}: span "${orphan.span.text}" belongs to no attribution line (#${orphan.n})`);
      if (header.split !== "dev" && header.split !== "heldout") throw new Error(`${id}: split must be dev or heldout`);
      return {
        id: id!.trim(),
        origin: header.origin!,
        licence: header.licence!,
        split: header.split,
        publishedAt: header.publishedAt!,
        text,
        attributions,
        traps,
      };
    });
}

export const CORPUS_PATH = join(import.meta.dirname, "corpus.txt");
/** The wider set of issue #18: non-lexicon cues, harder patterns and false-positive traps, each label with its group. */
export const WIDE_CORPUS_PATH = join(import.meta.dirname, "corpus.wide.txt");
export const LABELS_PATH = join(import.meta.dirname, "labels.json");
export const loadCorpus = () => [CORPUS_PATH, WIDE_CORPUS_PATH].flatMap((path) => parseCorpus(readFileSync(path, "utf8")));

/** Rewrites labels.json from corpus.txt. */
export function writeLabels(): LabelledDocument[] {
  const docs = loadCorpus();
  writeFileSync(LABELS_PATH, `${JSON.stringify(docs, null, 1)}\n`);
  return docs;
}
