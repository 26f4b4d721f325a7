import { PREPOSITIONS } from "./extraction.lexicon.ts";
import { span, WINDOW, type TextSpan, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// The claimant span around a cue: the noun phrase before it, or the name after
// an inverted cue. Who the span refers to is extraction.people.ts's question.

const CLAUSE_WORDS = new Set(["where", "when", "while", "because", "although", "since", "if", "whereas", "as"]);
const SUBORDINATORS = new Set(["that", "but", "while", "although", "because", "and", "as", "when", "whereas", ";"]);
const AUXILIARIES = new Set([
  "has",
  "had",
  "have",
  "was",
  "were",
  "is",
  "are",
  "would",
  "will",
  "could",
  "also",
  "long",
  "privately",
  "publicly",
  "repeatedly",
  "later",
  "previously",
  "again",
  "already",
  "however",
  "reportedly",
  "often",
  "once",
  "never",
  "not",
  "first",
  "then",
  "recently",
  "been",
]);

/** The claimant noun phrase in the words before a cue (at most WINDOW of them). */
export function claimantBefore(text: string, t: Token[], from: number, cue: number): TextSpan | null {
  from = Math.max(from, cue - WINDOW);
  let end = cue;
  while (end > from && (AUXILIARIES.has(t[end - 1]!.lower) || t[end - 1]!.value === "," || t[end - 1]!.pos === "ADV" || t[end - 1]!.pos === "AUX")) {
    // Keep commas that close an apposition ("The city's engineer, Tom Alvarez,"): only trailing fillers go.
    end--;
    work.steps++;
  }
  if (end <= from) return null;
  let start = from;
  // A relative clause ("…a reply to President Kaya, who said"): the claimant is the noun phrase before "who".
  if (t[end - 1]!.lower === "who" || t[end - 1]!.lower === "which") {
    end--;
    while (end > from && t[end - 1]!.value === ",") end--, work.steps++;
    start = end;
    while (start > from && ["PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"].includes(t[start - 1]!.pos) && t[start - 1]!.value !== ",") start--, work.steps++;
    return start < end ? span(text, t[start]!.start, t[end - 1]!.end) : null;
  }
  // "…in Singapore, where he stated": the clause after the last subordinator holds the claimant.
  for (let k = end - 1; k > start; k--) {
    work.steps++;
    if (CLAUSE_WORDS.has(t[k]!.lower) && k + 1 < end) {
      start = k + 1;
      break;
    }
  }
  // Drop a leading conjunction, and a leading time or place phrase that ends with a comma.
  while (start < end && (SUBORDINATORS.has(t[start]!.lower) || t[start]!.value === "," || t[start]!.lower === "however")) start++, work.steps++;
  // "This month, officials protested": a leading time phrase.
  if (start < end && /^(this|last|next|earlier|later)$/i.test(t[start]!.value)) {
    let comma = start + 1;
    while (comma < end && t[comma]!.value !== ",") comma++, work.steps++;
    if (comma < end) start = comma + 1;
  }
  if (start < end && (t[start]!.pos === "ADP" || t[start]!.pos === "SCONJ")) {
    let lastComma = -1;
    for (let k = start; k < end; k++) if ((work.steps++, t[k]!.value === ",")) lastComma = k;
    if (lastComma < 0) return null;
    start = lastComma + 1;
  }
  if (start >= end) return null;
  const words = t.slice(start, end);
  work.steps += 3 * words.length;
  const relative = words.some((w) => w.lower === "who" || w.lower === "whose");
  if (
    end - start <= 16 &&
    words.some((w) => ["PROPN", "NOUN", "PRON", "NUM"].includes(w.pos)) &&
    (relative || !words.some((w) => w.pos === "VERB" || w.pos === "AUX"))
  ) {
    return span(text, t[start]!.start, t[end - 1]!.end);
  }
  // Otherwise the claimant is the noun phrase just before the cue ("…one of the reasons President Trump criticized").
  let k = end;
  while (k > start && ["PROPN", "NOUN", "ADJ", "PART", "NUM"].includes(t[k - 1]!.pos) && t[k - 1]!.value !== ",") k--, work.steps++;
  if (t[end - 1]!.pos === "PROPN") {
    k = end;
    while (k > start && t[k - 1]!.pos === "PROPN") k--, work.steps++;
  } else if (k > start && t[k - 1]!.pos === "DET") k--;
  work.steps += end - k;
  if (k === end || !t.slice(k, end).some((w) => w.pos === "PROPN" || w.pos === "NOUN")) return null;
  return span(text, t[k]!.start, t[end - 1]!.end);
}

/** The claimant after an inverted cue (`"…," said Lena Ortiz, a nurse`), at most WINDOW tokens. */
export function claimantAfter(text: string, t: Token[], from: number): TextSpan | null {
  let end = from;
  while (end < from + WINDOW && t[end] && t[end]!.value !== "," && t[end]!.value !== "." && !(PREPOSITIONS.has(t[end]!.lower) && end > from))
    end++, work.steps++;
  return end > from ? span(text, t[from]!.start, t[end - 1]!.end) : null;
}
