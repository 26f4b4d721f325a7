import { claimantBefore } from "./extraction.claimant.ts";
import type { AnchorContext } from "./extraction.cues.ts";
import type { Reading } from "./extraction.proposal.ts";
import { span, type TextSpan, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: a nominal cue. "The mayor's pledge to build 5,000 homes", "Ashe's
// accusation that the mayor had misled the public", "a growing belief among
// councillors that …", "warnings from the bank that …", "gave an assurance
// that …". The source owns the noun, follows it with "by", "from" or "among",
// or is the subject of the verb that gives it.

const POSSESSIVE_PRONOUNS = new Set(["his", "her", "their", "its", "our", "my", "your"]);
const NAME_PARTS = new Set(["PROPN", "NOUN", "ADJ", "DET", "NUM"]);
/** Words inside a content that open a clause of their own: a verb after them is still the content's. */
const OPENERS = new Set(["and", "or", "but", "that", "which", "who", "because", "if", "when", "while", "whether", "as", "than", "so"]);

/** The owner before "'s" or "'" (`[The Institute of Fiscal Studies]' estimate`), or a possessive pronoun. */
function owner(text: string, t: Token[], cue: number, floor: number): TextSpan | null {
  let k = cue - 1;
  if (t[k]?.pos === "ADJ" && (t[k - 1]?.value === "'s" || t[k - 1]?.value === "’s" || POSSESSIVE_PRONOUNS.has(t[k - 1]?.lower ?? ""))) k--;
  const mark = t[k];
  if (!mark) return null;
  if (POSSESSIVE_PRONOUNS.has(mark.lower)) return span(text, mark.start, mark.end);
  if (!["'s", "’s", "'", "’"].includes(mark.value)) return null;
  let start = k;
  while (start > floor && (NAME_PARTS.has(t[start - 1]!.pos) || (t[start - 1]!.lower === "of" && t[start - 2]?.pos === "PROPN"))) start--, work.steps++;
  if (start === k) return null;
  return span(text, t[start]!.start, t[k - 1]!.end);
}

/** Where a content after a nominal cue ends: at a comma or semicolon, or at the main clause's verb ("… was questioned"). */
function nominalContentEnd(t: Token[], from: number, sentenceEnd: number, phrase: boolean): number {
  // After "of" or "for" the content is a noun phrase: "investors' fears of a recession pushed yields down".
  let verb = phrase;
  let opened = false;
  let quoted = false;
  for (let k = from; k < sentenceEnd; k++) {
    work.steps++;
    const w = t[k]!;
    // Words inside a quotation are the quotation's: "that the mayor had “misled the public” drew".
    if (w.value === '"' || w.value === "“" || w.value === "”") {
      quoted = w.value === "“" ? true : w.value === "”" ? false : !quoted;
      continue;
    }
    if (quoted) continue;
    if (w.value === "," || w.value === ";" || w.value === "—") return k;
    if (OPENERS.has(w.lower)) opened = true;
    if (w.pos === "VERB" || w.pos === "AUX") {
      // The content's own verb group ("would cost", "had been found") runs on; a second one after a noun ends it.
      const prev = t[k - 1]!;
      if (verb && !opened && prev.pos !== "AUX" && prev.pos !== "PART" && prev.pos !== "ADV" && prev.lower !== "to") return k;
      verb = true;
      opened = false;
    }
  }
  return sentenceEnd;
}

/** The source, the content after "that", "to", "of" or "for", and nothing else: no channel or date. Null when either is missing. */
export function readNominal({ text, t, anchor, clauseStart, sentenceEnd, dateAt }: AnchorContext): Reading | null {
  let claimant = owner(text, t, anchor.cue, clauseStart);
  let k = anchor.cue + 1;
  if (["by", "from", "among"].includes(t[k]?.lower ?? "")) {
    const start = k + 1;
    while (k < anchor.cue + 16 && t[k] && !["that", "to"].includes(t[k]!.lower) && t[k]!.value !== "," && t[k]!.pos !== "VERB" && t[k]!.pos !== "AUX")
      k++, work.steps++;
    if (k > start) claimant ??= span(text, t[start]!.start, t[k - 1]!.end);
  }
  // "The mayor gave an assurance that": the subject of the verb that gives it.
  if (!claimant && t[anchor.cue - 2]?.pos === "VERB") claimant = claimantBefore(text, t, clauseStart, anchor.cue - 2, dateAt);
  if (!claimant) return null;
  const complement = t[k]?.lower;
  if (!["that", "to", "of", "for"].includes(complement ?? "")) return null;
  const from = k + 1;
  const end = nominalContentEnd(t, from, sentenceEnd, complement === "of" || complement === "for");
  if (from >= end) return null;
  return {
    claimant,
    content: span(text, t[from]!.start, t[end - 1]!.end),
    channel: null,
    date: null,
    kind: anchor.kind === "SPEECH" ? "REPORTED_SPEECH" : "ASSERTION",
    confidence: 0.6,
    contentStart: from,
  };
}
