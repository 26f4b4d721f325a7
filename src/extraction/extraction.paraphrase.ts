import { claimantBefore } from "./extraction.claimant.ts";
import { type Anchor, isQuote, readAfterCue } from "./extraction.cues.ts";
import type { FoundDate } from "./extraction.dates.ts";
import type { Reading } from "./extraction.proposal.ts";
import { span, WINDOW, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: paraphrase first. "Prices will rise again, she said." and "…, adds
// an economist at the bank": a clause without quotation marks, a comma, and a
// reporting clause that ends the sentence. The clause is the content; any cue
// inside it is an attribution nested in this one.

/** A sentence that ends with a reporting clause: which cue, where its content ends (the comma's token), and what was read. */
export type ReportingClause = { anchor: number; split: number; reading: Reading };

/** Cues whose subject "it" names nobody: "…, it emerged on Monday." */
const EXPLETIVE = new Set(["emerge", "appear", "seem", "transpire"]);

type Sentence = { text: string; t: Token[]; anchors: Anchor[]; sentenceStart: number; sentenceEnd: number; dateAt: (k: number) => FoundDate | undefined };

/** Words that open an adverbial clause after a reporting clause: "…, union leaders said after talks broke down." */
const TAIL = new Set(["after", "before", "when", "as", "while", "because", "following", "despite", "since", "during", "amid", "in", "at", "ahead", "until"]);

/** After the cue (and its channel and date) nothing follows but the sentence's end, ", ending months of speculation" or "after talks broke down". */
function endsAfter(t: Token[], from: number, sentenceEnd: number): boolean {
  if (from >= sentenceEnd) return true;
  if (TAIL.has(t[from]!.lower)) return true;
  return t[from]!.value === "," && ((/ing$/.test(t[from + 1]?.lower ?? "") && t[from + 1]!.pos === "VERB") || TAIL.has(t[from + 1]?.lower ?? ""));
}

/** The clause before the comma holds a verb (or a word the tagger took for a noun with an object after it: "cost the economy"): it says something. */
function isClause(t: Token[], from: number, to: number): boolean {
  if (to - from < 3 || isQuote(t[from])) return false;
  for (let k = from; k < to; k++) {
    work.steps++;
    const w = t[k]!;
    if (w.pos === "VERB" || w.pos === "AUX") return true;
    if (k > from && w.pos === "NOUN" && !["DET", "ADJ", "ADP", "PART"].includes(t[k - 1]!.pos) && ["DET", "PRON", "NUM"].includes(t[k + 1]?.pos ?? ""))
      return true;
  }
  return false;
}

/** The sentence's reporting clause at its end, if it has one. */
export function reportingClauseAtEnd({ text, t, anchors, sentenceStart, sentenceEnd, dateAt }: Sentence): ReportingClause | null {
  const index = anchors.length - 1;
  const anchor = anchors[index];
  // A participle (", saying") has its own pattern; only a finite reporting verb closes a sentence.
  if (anchor?.form !== "verb" || /ing$/.test(t[anchor.cue]!.lower)) return null;
  const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
  return normalOrder(text, t, index, anchor, after, sentenceStart, sentenceEnd, dateAt) ?? inverted(text, t, index, anchor, sentenceStart, sentenceEnd, dateAt);
}

/** "…, the authority's finance director, Sam Okoro, said": the first comma after which only the claimant comes. */
function normalOrder(
  text: string,
  t: Token[],
  index: number,
  anchor: Anchor,
  after: ReturnType<typeof readAfterCue>,
  sentenceStart: number,
  sentenceEnd: number,
  dateAt: (k: number) => FoundDate | undefined,
): ReportingClause | null {
  if (!endsAfter(t, after.next, sentenceEnd)) return null;
  // Back from the cue: the commas after which only a noun phrase comes, with its apposition or relative clause
  // ("an analyst who has followed both companies"); a verb or "that" not in such a clause stops the search.
  const floor = Math.max(sentenceStart + 3, anchor.cue - WINDOW);
  let unlicensed = false;
  let split = -1;
  for (let j = anchor.cue - 1; j >= floor; j--) {
    work.steps++;
    const w = t[j]!;
    if (w.lower === "that" || isQuote(w)) break;
    if (w.lower === "who" || w.lower === "which" || w.lower === "whose") unlicensed = false;
    else if (w.pos === "VERB" || w.pos === "SCONJ") unlicensed = true;
    else if (w.value === "," && !unlicensed && j < anchor.cue - 1) split = j;
  }
  // The leftmost such comma with a clause before it.
  if (split < 0 || !isClause(t, sentenceStart, split)) return null;
  const claimant = claimantBefore(text, t, split + 1, anchor.cue, dateAt);
  if (!claimant) return null;
  const expletive = claimant.text.toLowerCase() === "it" && EXPLETIVE.has(anchor.lemma);
  const content = span(text, t[sentenceStart]!.start, t[split - 1]!.end);
  return { anchor: index, split, reading: reading(anchor, expletive ? null : claimant, content, after.channel, after.date, expletive) };
}

/** Reporting verbs that come before their subject: "…, said Anton Weiss", "…, adds an analyst", "…, estimates the chamber". */
const INVERTING = new Set([
  "say",
  "add",
  "insist",
  "write",
  "warn",
  "estimate",
  "note",
  "explain",
  "argue",
  "reply",
  "predict",
  "recall",
  "complain",
  "observe",
  "suggest",
  "claim",
  "admit",
  "conclude",
  "continue",
  "agree",
  "declare",
  "report",
  "tell",
  "ask",
  "confirm",
  "announce",
  "state",
  "retort",
  "counter",
  "concede",
  "remark",
  "stress",
  "caution",
  "advise",
]);

/** "…, said Anton Weiss, the chief executive": the cue right after the comma, its claimant after it to the end. */
function inverted(
  text: string,
  t: Token[],
  index: number,
  anchor: Anchor,
  sentenceStart: number,
  sentenceEnd: number,
  dateAt: (k: number) => FoundDate | undefined,
): ReportingClause | null {
  if (t[anchor.cue - 1]?.value !== "," || anchor.cue - 1 <= sentenceStart || !INVERTING.has(anchor.lemma)) return null;
  const split = anchor.cue - 1;
  const first = t[anchor.cueEnd + 1];
  if (!first || !["DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM"].includes(first.pos) || first.lower === "that") return null;
  if (!isClause(t, sentenceStart, split)) return null;
  let end = Math.min(sentenceEnd, anchor.cueEnd + 1 + WINDOW);
  // A date at the end is the claim's, not the claimant's: "…, said Weiss on Monday".
  let k = anchor.cueEnd + 1;
  let date: FoundDate | null = null;
  let relative = false;
  while (k < end && !dateAt(k)) {
    work.steps++;
    const w = t[k]!;
    if (w.lower === "who" || w.lower === "which" || w.lower === "whose" || w.value === ",") relative = true;
    if (w.lower === "that" || isQuote(w) || (!relative && (w.pos === "VERB" || w.pos === "AUX"))) return null;
    k++;
  }
  if (k < end) {
    date = dateAt(k)!;
    end = k;
  }
  if (end <= anchor.cueEnd + 1) return null;
  const claimant = span(text, first.start, t[end - 1]!.end);
  const content = span(text, t[sentenceStart]!.start, t[split - 1]!.end);
  return { anchor: index, split, reading: reading(anchor, claimant, content, null, date, false) };
}

function reading(
  anchor: Anchor,
  claimant: Reading["claimant"],
  content: Reading["content"],
  channel: Reading["channel"],
  date: FoundDate | null,
  sourceless: boolean,
): Reading {
  return {
    claimant,
    content,
    channel,
    date,
    kind: anchor.kind === "SPEECH" ? "REPORTED_SPEECH" : "ASSERTION",
    confidence: 0.7,
    sourceless,
  };
}
