import type { FoundDate } from "./extraction.dates.ts";
import { PREPOSITIONS } from "./extraction.lexicon.ts";
import { span, WINDOW, type TextSpan, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// The claimant span around a cue: the noun phrase before it, or the name after
// an inverted cue. Who the span refers to is extraction.people.ts's question.

const CLAUSE_WORDS = new Set(["where", "when", "while", "because", "although", "since", "if", "whereas", "as"]);
/** Words that end one clause and start another: "…, but he added", "…; she said". */
const CLAUSE_BREAKS = new Set(["but", "yet", ";"]);
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
  "both",
  "all",
  "each",
  "jointly",
  "together",
  "himself",
  "herself",
  "themselves",
  "itself",
]);

/** The claimant noun phrase in the words before a cue (at most WINDOW of them); `dateAt` lets a leading date ("Last year the authority warned") fall away. */
export function claimantBefore(text: string, t: Token[], from: number, cue: number, dateAt?: (k: number) => FoundDate | undefined): TextSpan | null {
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
  // "Cole, a member of the committee who has voted against every budget since 2019, said": a name whose apposition
  // runs long, with a clause of its own, is the name alone; so is one with a participle ("The report, released on Monday, shows").
  const participle = (k: number) => t[k]?.pos === "VERB" && /(ed|en|wn)$/.test(t[k]!.lower);
  let firstComma = start;
  while (firstComma < end && t[firstComma]!.value !== ",") firstComma++, work.steps++;
  if (t[end]?.value === "," && (end - start > 16 || participle(firstComma + 1))) {
    let comma = start;
    while (comma < end && t[comma]!.value !== "," && comma < start + 8) comma++, work.steps++;
    const head = t.slice(start, comma);
    if (
      comma > start &&
      comma < end &&
      t[comma]!.value === "," &&
      head.some((w) => ["PROPN", "NOUN", "PRON"].includes(w.pos)) &&
      !head.some((w) => w.pos === "VERB" || w.pos === "AUX" || w.pos === "ADP")
    ) {
      return span(text, t[start]!.start, t[comma - 1]!.end);
    }
  }
  // "…in Singapore, where he stated", "defended the official, but he added": the clause after the last subordinator holds the claimant.
  for (let k = end - 1; k > start; k--) {
    work.steps++;
    if ((CLAUSE_WORDS.has(t[k]!.lower) || CLAUSE_BREAKS.has(t[k]!.lower) || (t[k]!.lower === "and" && t[k - 1]!.value === ",")) && k + 1 < end) {
      start = k + 1;
      break;
    }
  }
  // Drop a leading conjunction, and a leading time or place phrase that ends with a comma.
  while (start < end && (SUBORDINATORS.has(t[start]!.lower) || t[start]!.value === "," || t[start]!.lower === "however")) start++, work.steps++;
  // "Last year the port authority warned", "On Monday the board advised": a leading date without a comma.
  if (dateAt && start < end && dateAt(start)) {
    const date = dateAt(start)!;
    let k = start;
    while (k < end && t[k]!.start < date.end) k++, work.steps++;
    while (k < end && t[k]!.value === ",") k++, work.steps++;
    if (k < end) start = k;
  }
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
  const relative = words.some((w) => w.lower === "who" || w.lower === "whose" || w.lower === "which");
  // "Figures released by the statistics office", "A poll taken before the debate": a participle describing the subject.
  const reduced = words.every(
    (w, k) =>
      (w.pos !== "VERB" && w.pos !== "AUX") ||
      (k > 0 && /(ed|en|wn)$/.test(w.lower) && ["NOUN", "PROPN"].includes(words[k - 1]!.pos) && ["ADP", "ADJ", "NUM"].includes(words[k + 1]?.pos ?? "")) ||
      // "Several shipping analysts", "Frankfurt-based Helvion Capital": a participle or compound before a noun describes it.
      ((/ing$/.test(w.lower) || w.value.includes("-") || ["DET", "PART", "ADJ", "PUNCT"].includes(words[k - 1]?.pos ?? "")) &&
        ["NOUN", "PROPN"].includes(words[k + 1]?.pos ?? "")),
  );
  if (reduced && words.some((w) => w.pos === "VERB") && end - start <= 20 && words.some((w) => ["PROPN", "NOUN"].includes(w.pos))) {
    return span(text, t[start]!.start, t[end - 1]!.end);
  }
  if (
    end - start <= 16 &&
    words.some((w) => ["PROPN", "NOUN", "PRON", "NUM"].includes(w.pos)) &&
    (relative || !words.some((w) => w.pos === "VERB" || w.pos === "AUX"))
  ) {
    return span(text, t[start]!.start, t[end - 1]!.end);
  }
  // Otherwise the claimant is the noun phrase just before the cue ("…one of the reasons President Trump criticized"), or a pronoun ("…, and she referred to").
  if (t[end - 1]!.pos === "PRON" && /^(he|she|they|we|i|it)$/i.test(t[end - 1]!.value)) return span(text, t[end - 1]!.start, t[end - 1]!.end);
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
export function claimantAfter(text: string, t: Token[], from: number, sentenceEnd = t.length, dateAt?: (k: number) => FoundDate | undefined): TextSpan | null {
  let end = from;
  while (end < from + WINDOW && t[end] && t[end]!.value !== "," && t[end]!.value !== "." && !(PREPOSITIONS.has(t[end]!.lower) && end > from))
    end++, work.steps++;
  if (end === from) return null;
  // `"…," said Priya Raman, an analyst at Northgate Research.`: an apposition that ends the sentence is the claimant's.
  if (t[end]?.value === "," && t[end + 1] && ["DET", "NOUN", "PROPN", "ADJ", "PRON"].includes(t[end + 1]!.pos) && !dateAt?.(end + 1)) {
    let k = end + 1;
    while (k < Math.min(sentenceEnd, from + WINDOW) && !dateAt?.(k) && t[k]!.lower !== "that" && !/^["“”]$/.test(t[k]!.value)) k++, work.steps++;
    // Not a clause of the claimant's own ("…, asking not to be named").
    if (k >= sentenceEnd && !/ing$/.test(t[end + 1]!.lower)) end = k;
  }
  return span(text, t[from]!.start, t[end - 1]!.end);
}
