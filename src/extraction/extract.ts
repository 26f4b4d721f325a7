import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

import { findDates, type DatePrecision, type FoundDate } from "./extraction.dates.ts";
import { libraryCost, work } from "./extraction.work.ts";
import { guessKind, type SourceKindGuess } from "./extraction.kind.ts";
import { CLAUSE_ONLY_LEMMAS, CUE_LEMMAS, NOT_SOURCES, OBJECT_CUES, PHRASAL_CUES, PRONOUNS, ROLE_WORDS } from "./extraction.lexicon.ts";

// Rule-based attribution extraction for English news text. wink-nlp gives
// sentences, part-of-speech tags and lemmas; the rules below find cues and
// read claimant, content, channel and date around them. All offsets are
// UTF-16 code units into the input (JavaScript string indices).
//
// Every rule is linear in the text (issue #11): a rule that looks back or
// ahead of a cue for a claimant, a comma, "by" or a channel looks at most
// WINDOW tokens; quotes, dates and people are found through indexes, not by
// scanning all of them. tests/extraction/extract.growth.test.ts holds this.

export { guessKind, type SourceKindGuess };

export type TextSpan = { start: number; end: number; text: string };
export type ClaimKind = "DIRECT_QUOTE" | "REPORTED_SPEECH" | "ASSERTION";

export type ExtractedClaim = {
  kind: ClaimKind;
  confidence: number;
  /** Standalone wording of the claim. */
  text: string;
  cueLemma: string;
  /** Who the claimant span refers to, after pronouns and short names are resolved; null for unnamed groups. */
  claimantName: string | null;
  claimantRole: string | null;
  claimantKind: SourceKindGuess;
  reportedByName: string | null;
  channelName: string | null;
  claimedAt: Date | null;
  claimedAtPrecision: DatePrecision | null;
  spans: { claimant: TextSpan | null; cue: TextSpan; content: TextSpan; channel: TextSpan | null; date: TextSpan | null; reportedBy: TextSpan | null };
};

const nlp = winkNLP(model);
const its = nlp.its;

type Token = { value: string; lower: string; lemma: string; pos: string; start: number; end: number };
type Sentence = { start: number; end: number; tokens: Token[] };

/** The most tokens a rule reads back or ahead of a cue; a claimant, channel or agent is far shorter. */
const WINDOW = 64;
/** The longest run of non-space characters handed to wink-nlp, whose tokenizer is quadratic in such a run. */
const MAX_RUN = 64;

/** The text with a space put in every MAX_RUN characters of a longer non-space run; offsets stay the same. */
function breakLongRuns(text: string): string {
  const cuts: number[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      // What wink-nlp will spend on the run (libraryCost), plus this loop's step.
      work.steps += libraryCost(run, MAX_RUN) + 1;
      run = 0;
    } else if (++run > MAX_RUN && !(c >= 0xdc00 && c <= 0xdfff)) {
      // Never between the halves of a surrogate pair.
      work.steps += libraryCost(run - 1, MAX_RUN) + 1;
      cuts.push(i);
      run = 0;
    }
  }
  work.steps += libraryCost(run, MAX_RUN);
  if (!cuts.length) return text;
  const pieces: string[] = [];
  let from = 0;
  for (const at of cuts) {
    pieces.push(text.slice(from, at), " ");
    from = at + 1;
  }
  pieces.push(text.slice(from));
  return pieces.join("");
}

/** Whether a UTF-16 code unit is whitespace to JavaScript's \\s. */
const isSpace = (c: number) => (c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0x80 && /\s/.test(String.fromCharCode(c)));

/** Where wink's token `value` starts at or after `from`: after the whitespace there, else close by (wink drops some characters). */
function locate(text: string, value: string, from: number): { at: number; from: number } {
  while (from < text.length && isSpace(text.charCodeAt(from))) {
    from++;
    work.steps++;
  }
  if (text.startsWith(value, from)) return { at: from, from };
  const near = text.slice(from, from + value.length + 256);
  work.steps += near.length;
  const at = near.indexOf(value);
  return { at: at < 0 ? -1 : from + at, from };
}

/** Tokens with offsets: wink keeps every token's text, so each is found in order. */
function analyse(text: string): Sentence[] {
  const masked = breakLongRuns(text);
  const doc = nlp.readDoc(masked);
  const values = doc.tokens().out(its.value) as string[];
  // wink's typings give its.lemma the signature of a model add-on; it is a token property like the others.
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  const byIndex = new Map<number, Token>();
  let cursor = 0;
  values.forEach((value, i) => {
    work.steps++;
    if (tags[i] === "SPACE") return;
    const found = locate(masked, value, cursor);
    cursor = found.from;
    if (found.at < 0) return;
    const start = found.at;
    cursor = start + value.length;
    const token = { value, lower: value.toLowerCase(), lemma: lemmas[i]!.toLowerCase(), pos: tags[i]!, start, end: cursor };
    tokens.push(token);
    byIndex.set(i, token);
  });
  const sentences: Sentence[] = [];
  doc.sentences().each((sentence: { out: (f: unknown) => unknown }) => {
    const [first, last] = sentence.out(its.span) as [number, number];
    const own: Token[] = [];
    for (let i = first; i <= last; i++) {
      work.steps++;
      if (byIndex.has(i)) own.push(byIndex.get(i)!);
    }
    if (own.length) sentences.push({ start: own[0]!.start, end: own.at(-1)!.end, tokens: own });
  });
  return sentences;
}

type Quote = { open: number; close: number };

/** Quotation regions; straight quotes pair up within a paragraph. They come in order and never overlap. */
function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    work.steps++;
    const ch = text[i];
    if (ch === "\n" && text[i + 1] === "\n") open = -1;
    if (ch === "“") open = i;
    else if (ch === "”" && open >= 0) {
      quotes.push({ open, close: i });
      open = -1;
    } else if (ch === '"') {
      if (open < 0) open = i;
      else {
        quotes.push({ open, close: i });
        open = -1;
      }
    }
  }
  return quotes;
}

type Stream = "cues" | "dates" | "endingBefore" | "opening";

/**
 * Looks quotes up by position. Each kind of question keeps its own cursor and
 * walks from its last answer: questions asked in text order cost O(1) each.
 */
class QuoteIndex {
  private readonly cursors: Record<Stream, number> = { cues: -1, dates: -1, endingBefore: -1, opening: -1 };

  constructor(
    readonly text: string,
    readonly quotes: Quote[],
  ) {}

  /** Index of the last quote whose `key` is below `at` (-1 if none), walking from where `name` last stopped. */
  private lastBelow(name: Stream, key: "open" | "close", at: number): number {
    const q = this.quotes;
    let k = this.cursors[name];
    while (k + 1 < q.length && q[k + 1]![key] < at) (k++, work.steps++);
    while (k >= 0 && q[k]![key] >= at) (k--, work.steps++);
    this.cursors[name] = k;
    return k;
  }

  /** Whether `at` lies strictly inside a quotation; `stream` names the caller's cursor. */
  inside(at: number, stream: "cues" | "dates"): boolean {
    const k = this.lastBelow(stream, "open", at);
    work.steps++;
    return k >= 0 && at < this.quotes[k]!.close;
  }

  /** The first quotation closing less than 80 characters before `at`, with no sentence end between. */
  endingBefore(at: number): Quote | undefined {
    let k = this.lastBelow("endingBefore", "close", at - 79) + 1;
    for (; k < this.quotes.length && this.quotes[k]!.close < at; k++) {
      const q = this.quotes[k]!;
      const end = /[.!?]\s/.exec(this.text.slice(q.close + 1, at));
      work.steps += 1 + (end ? end.index + 2 : at - q.close);
      if (!end) return q;
    }
    return undefined;
  }

  /** The quotation that opens at `start`, if it closes at `end - 1` or later. */
  opening(start: number, end: number): Quote | undefined {
    const k = this.lastBelow("opening", "open", start + 1);
    work.steps++;
    const q = this.quotes[k];
    return q && q.open === start && q.close >= end - 1 ? q : undefined;
  }
}

const span = (text: string, start: number, end: number): TextSpan => {
  while (start < end && /[\s,;:]/.test(text[start]!)) (start++, work.steps++);
  while (end > start && /[\s,;:]/.test(text[end - 1]!)) (end--, work.steps++);
  return { start, end, text: text.slice(start, end) };
};

/** Whether `text` ends with one of `chars`, after any whitespace when `space` is set: a regular expression anchored at the end would try every position. */
function endsWithOneOf(text: string, chars: string, space = false): boolean {
  let end = text.length;
  while (space && end > 0 && /\s/.test(text[end - 1]!)) (end--, work.steps++);
  return end > 0 && chars.includes(text[end - 1]!);
}

/** The span without its trailing commas and full stops. */
function trimStops(text: string, content: TextSpan): TextSpan {
  while (content.text && endsWithOneOf(content.text, ",.")) (content = span(text, content.start, content.end - 1), work.steps++);
  return content;
}

const CLAUSE_WORDS = new Set(["where", "when", "while", "because", "although", "since", "if", "whereas", "as"]);
const SUBORDINATORS = new Set(["that", "but", "while", "although", "because", "and", "as", "when", "whereas", ";"]);
const AUXILIARIES = new Set(["has", "had", "have", "was", "were", "is", "are", "would", "will", "could", "also", "long", "privately", "publicly", "repeatedly", "later", "previously", "again", "already", "however", "reportedly", "often", "once", "never", "not", "first", "then", "recently", "been"]);
const CHANNEL_HINTS = /\b(interview|statement|briefing|press conference|conference|letter|video|post|website|page|podcast|channel|programme|program|radio|television|tv|hearing|speech|rally|meeting|reporters|journalists|newspaper|committee|parliament|broadcast|show|blog|email|memo|account|op-ed|column|journal|report|x|twitter|facebook|instagram|telegram|tiktok|youtube|truth social|weibo)\b/i;
const PREPOSITIONS = new Set(["in", "on", "at", "during", "via", "through", "to", "after", "before", "over"]);

type Anchor = { cue: number; cueEnd: number; lemma: string; according: boolean };

/** Cue tokens of a sentence: attribution verbs outside quotes, and "according to". */
function findCues(sentence: Sentence, insideQuote: (at: number) => boolean): Anchor[] {
  const anchors: Anchor[] = [];
  const t = sentence.tokens;
  for (let i = 0; i < t.length; i++) {
    work.steps += 8;
    const token = t[i]!;
    if (insideQuote(token.start)) continue;
    if (token.lower === "according" && t[i + 1]?.lower === "to") {
      anchors.push({ cue: i, cueEnd: i + 1, lemma: "according to", according: true });
      i++;
      continue;
    }
    if (token.pos !== "VERB" || !CUE_LEMMAS.has(token.lemma)) {
      const particle = PHRASAL_CUES[token.lemma];
      if (token.pos === "VERB" && particle && t[i + 1]?.lower === particle) {
        anchors.push({ cue: i, cueEnd: i + 1, lemma: `${token.lemma} ${particle}`, according: false });
        i++;
      }
      continue;
    }
    // "has yet to respond", "declined to comment": an infinitive reports no statement.
    if (t[i - 1]?.lower === "to") continue;
    // After a preposition or determiner it is a noun ("on promises", "the report"), whatever the tagger says.
    if (t[i - 1]?.pos === "ADP" || t[i - 1]?.pos === "DET") continue;
    // "This post, written in capitals": a participle describing the noun before the comma.
    if (t[i - 1]?.value === "," && t[i - 2]?.pos === "NOUN" && /(en|ed)$/.test(token.lower) && t[i + 1]?.pos === "ADP") continue;
    // "call" attributes only with a quotation: `called the closure "a betrayal"`.
    if (token.lemma === "call" && !t.slice(i + 1, i + 8).some((n) => n.value === '"' || n.value === "“")) continue;
    // A participle describing a noun ("a video posted on the website") is not a cue.
    if (/ed$/.test(token.lower) && t[i - 1]?.pos === "NOUN" && t[i - 2]?.pos === "DET" && PREPOSITIONS.has(t[i + 1]?.lower ?? "")) continue;
    if (CLAUSE_ONLY_LEMMAS.has(token.lemma) && !t.slice(i + 1, i + 3).some((n) => n.lower === "that" || n.value === '"' || n.value === "“")) continue;
    anchors.push({ cue: i, cueEnd: i, lemma: token.lemma, according: false });
  }
  return anchors;
}

/** Reads channel and date phrases right after a cue; returns where the content may start. */
function readAfterCue(text: string, t: Token[], from: number, lemma: string, dateAt: (k: number) => FoundDate | undefined) {
  let i = from;
  let channel: TextSpan | null = null;
  let date: FoundDate | null = null;
  const stop = (k: number) => !t[k] || t[k]!.lower === "that" || t[k]!.value === "," || t[k]!.value === "." || t[k]!.value === '"' || t[k]!.value === "“";
  for (let guard = 0; guard < 4 && t[i]; guard++) {
    work.steps++;
    const found = dateAt(i);
    if (found) {
      date ??= found;
      while (t[i] && t[i]!.start < found.end) (i++, work.steps++);
      continue;
    }
    const tellObject = lemma === "tell" && !channel && !PREPOSITIONS.has(t[i]!.lower) && !stop(i);
    const prepositional = PREPOSITIONS.has(t[i]!.lower) && t[i]!.lower !== "to";
    if (!tellObject && !prepositional) break;
    let j = i + 1;
    // A quoted name inside the phrase ("on the platform “Truth Social”") does not end it.
    const quoteInside = (k: number) => (t[k]!.value === '"' || t[k]!.value === "“" || t[k]!.value === "”") && k > i + 1 && t[k - 1]!.lower !== "that";
    while (j < i + WINDOW && t[j] && (!stop(j) || quoteInside(j)) && !dateAt(j) && !(j > i + 1 && PREPOSITIONS.has(t[j]!.lower) && t[j]!.lower !== "with" && dateAt(j + 1))) (j++, work.steps++);
    // A phrase that runs on for a whole window is no channel.
    if (j >= i + WINDOW) break;
    const phrase = span(text, t[i]!.start, t[j - 1]!.end);
    work.steps += phrase.text.length;
    if (tellObject || CHANNEL_HINTS.test(phrase.text)) {
      channel ??= phrase;
      i = j;
      continue;
    }
    break;
  }
  return { next: i, channel, date };
}

/** The claimant noun phrase in the words before a cue (at most WINDOW of them). */
function claimantBefore(text: string, t: Token[], from: number, cue: number): TextSpan | null {
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
    while (end > from && t[end - 1]!.value === ",") (end--, work.steps++);
    start = end;
    while (start > from && ["PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"].includes(t[start - 1]!.pos) && t[start - 1]!.value !== ",") (start--, work.steps++);
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
  while (start < end && (SUBORDINATORS.has(t[start]!.lower) || t[start]!.value === "," || t[start]!.lower === "however")) (start++, work.steps++);
  // "This month, officials protested": a leading time phrase.
  if (start < end && /^(this|last|next|earlier|later)$/i.test(t[start]!.value)) {
    let comma = start + 1;
    while (comma < end && t[comma]!.value !== ",") (comma++, work.steps++);
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
  if (end - start <= 16 && words.some((w) => ["PROPN", "NOUN", "PRON", "NUM"].includes(w.pos)) && (relative || !words.some((w) => w.pos === "VERB" || w.pos === "AUX"))) {
    return span(text, t[start]!.start, t[end - 1]!.end);
  }
  // Otherwise the claimant is the noun phrase just before the cue ("…one of the reasons President Trump criticized").
  let k = end;
  while (k > start && ["PROPN", "NOUN", "ADJ", "PART", "NUM"].includes(t[k - 1]!.pos) && t[k - 1]!.value !== ",") (k--, work.steps++);
  if (t[end - 1]!.pos === "PROPN") {
    k = end;
    while (k > start && t[k - 1]!.pos === "PROPN") (k--, work.steps++);
  } else if (k > start && t[k - 1]!.pos === "DET") k--;
  work.steps += end - k;
  if (k === end || !t.slice(k, end).some((w) => w.pos === "PROPN" || w.pos === "NOUN")) return null;
  return span(text, t[k]!.start, t[end - 1]!.end);
}

/** The claimant after an inverted cue (`"…," said Lena Ortiz, a nurse`), at most WINDOW tokens. */
function claimantAfter(text: string, t: Token[], from: number): TextSpan | null {
  let end = from;
  while (end < from + WINDOW && t[end] && t[end]!.value !== "," && t[end]!.value !== "." && !(PREPOSITIONS.has(t[end]!.lower) && end > from)) (end++, work.steps++);
  return end > from ? span(text, t[from]!.start, t[end - 1]!.end) : null;
}

/** Splits "US Trade Representative Greer" or "Valdoria's finance minister, Pieter Kranz" into name and role. */
function nameAndRole(claimant: string): { name: string; role: string | null } {
  const parts = claimant.split(/,\s*/).map((p) => p.trim()).filter(Boolean);
  if (parts.length >= 2) {
    const [a, b] = parts as [string, string];
    if (ROLE_WORDS.test(a) && !ROLE_WORDS.test(b) && /^[A-Z]/.test(b)) return { name: b, role: a.replace(/^(the|its|his|her|their)\s+/i, "").replace(/^[\w ]+'s\s+/, "") };
    if (/^[A-Z]/.test(a) && !/^(The|A|An)\b/.test(a) && (ROLE_WORDS.test(b) || /^(a|an|the)\s/i.test(b))) return { name: a, role: b.replace(/^(a|an|the)\s+/i, "") };
    return { name: a, role: null };
  }
  const words = claimant.split(/\s+/);
  // "US State Department officials": a body named by the people who speak for it.
  if (words.length > 1 && ROLE_WORDS.test(words.at(-1)!) && /^[A-Z]/.test(words.at(-2)!)) return { name: words.slice(0, -1).join(" "), role: words.at(-1)! };
  let cut = 0;
  for (let k = 0; k < words.length - 1; k++) if (ROLE_WORDS.test(words[k]!)) cut = k + 1;
  if (cut > 0 && /^[A-Z]/.test(words[cut] ?? "")) return { name: words.slice(cut).join(" "), role: words.slice(0, cut).join(" ") };
  return { name: claimant, role: null };
}

const UNNAMED = /^(several|many|some|two|three|four|five|a number of|most|other|local|independent|government|industry|market|business|opposition|party|people|witnesses|residents|officials|sources|diplomats|analysts|economists|experts|critics|supporters|aides|observers|media)\b/i;

export type ExtractOptions = { publishedAt?: Date | null };

/** extractClaims, with the steps it took (see extraction.work.ts). */
export function extractClaimsWithWork(text: string, options: ExtractOptions = {}): { claims: ExtractedClaim[]; work: number } {
  const before = work.steps;
  const claims = extractClaims(text, options);
  return { claims, work: work.steps - before };
}

/** Proposes every attribution in `text`; writes nothing. */
export function extractClaims(text: string, options: ExtractOptions = {}): ExtractedClaim[] {
  const publishedAt = options.publishedAt ?? new Date();
  const quotes = new QuoteIndex(text, findQuotes(text));
  const claims: ExtractedClaim[] = [];
  const sentences = analyse(text);
  const people = new People(text.length);
  for (const person of mentions(sentences)) people.add(person);

  for (const sentence of sentences) {
    const t = sentence.tokens;
    const dates = findDates(text.slice(sentence.start, sentence.end), sentence.start, publishedAt).filter((d) => !quotes.inside(d.start, "dates"));
    const dateAt = datesByToken(t, dates);
    const anchors = findCues(sentence, (at) => quotes.inside(at, "cues"));
    const verbs = new NextVerb(t);
    const found: ExtractedClaim[] = [];
    let clauseStart = 0;
    // "Bloomberg reported that Trump has long believed …": the belief is Trump's, reported by Bloomberg.
    let reporter: TextSpan | null = null;
    let sentenceEnd = t.length;
    while (sentenceEnd > 0 && /^[.!?"”]$/.test(t[sentenceEnd - 1]!.value)) (sentenceEnd--, work.steps++);
    for (const [index, anchor] of anchors.entries()) {
      work.steps++;
      const nextCue = anchors[index + 1]?.cue ?? t.length;
      const cueSpan = span(text, t[anchor.cue]!.start, t[anchor.cueEnd]!.end);
      let claimant: TextSpan | null = null;
      let content: TextSpan | null = null;
      let channel: TextSpan | null = null;
      let date: FoundDate | null = null;
      let kind: ClaimKind = "REPORTED_SPEECH";
      let confidence = 0.75;
      // Content runs to the end of the sentence, or to the next attribution's clause.
      const contentEnd = (from: number) => {
        let end = Math.min(sentenceEnd, nextCue);
        if (end < sentenceEnd) {
          for (let k = from; k < end; k++) {
            work.steps++;
            if ((t[k]!.value === "," && ["but", "while", "and", "saying", "adding"].includes(t[k + 1]?.lower ?? "")) || (t[k]!.lower === "and" && k + 1 === nextCue)) {
              end = k;
              break;
            }
          }
          if (end === nextCue) {
            // The next cue's own claimant belongs to it, not to this content.
            const next = claimantBefore(text, t, from, nextCue);
            if (next) end = firstTokenFrom(t, next.start, nextCue);
          }
        }
        return end;
      };

      if (anchor.according) {
        // "According to X, content." or "Content, according to X."
        let j = anchor.cueEnd + 1;
        while (j <= anchor.cueEnd + WINDOW && t[j] && t[j]!.value !== "," && t[j]!.value !== ".") (j++, work.steps++);
        if (j === anchor.cueEnd + 1 || j > anchor.cueEnd + WINDOW) continue;
        const first = anchor.cue <= clauseStart + 1;
        // "According to X" with nothing after it says nothing.
        if (first && !t[j]) continue;
        claimant = span(text, t[anchor.cueEnd + 1]!.start, t[j - 1]!.end);
        content = first ? span(text, t[Math.min(j + 1, t.length - 1)]!.start, t[Math.max(sentenceEnd - 1, j)]!.end) : span(text, t[clauseStart]!.start, t[anchor.cue - 1]!.end);
        kind = "ASSERTION";
        confidence = 0.85;
      } else {
        const quote = quotes.endingBefore(t[anchor.cue]!.start);
        const between = quote ? text.slice(quote.close + 1, t[anchor.cue]!.start) : "";
        // `"…," he said`: the quotation ends with a comma (or ? !) and only a short name stands between.
        const quoteFirst =
          quote !== undefined &&
          (endsWithOneOf(text.slice(quote.open + 1, quote.close), ",?!", true) || /^\s*,/.test(between)) &&
          !/\bthat\b/.test(between) &&
          between.trim().split(/\s+/).filter(Boolean).length <= 8;
        if (quote && quoteFirst) {
          // Quote first: `"…," the tycoon told Reuters` or `"…," said Lena Ortiz`.
          content = trimStops(text, span(text, quote.open + 1, quote.close));
          kind = "DIRECT_QUOTE";
          confidence = 0.9;
          const before = between.replace(/^[\s,]+|[\s,]+$/g, "");
          const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
          if (before) {
            // The first word after the quotation, which closes less than 80 characters before the cue.
            let startToken = firstTokenFrom(t, quote.close + 1, anchor.cue);
            while (startToken < t.length && /^[,"”]$/.test(t[startToken]!.value)) (startToken++, work.steps++);
            claimant = startToken < t.length ? claimantBefore(text, t, startToken, anchor.cue) : null;
            channel = after.channel;
            date = after.date;
          } else {
            claimant = claimantAfter(text, t, anchor.cueEnd + 1);
            let rest = -1;
            if (claimant) {
              rest = anchor.cueEnd + 1;
              while (t[rest] && t[rest]!.start < claimant.end) (rest++, work.steps++);
              if (!t[rest]) rest = -1;
            }
            const tail = rest >= 0 ? readAfterCue(text, t, rest, anchor.lemma, dateAt) : null;
            channel = tail?.channel ?? null;
            date = tail?.date ?? null;
          }
        } else {
          // Cue first: `Claimant [aux] cue [channel] [date] [that] content`.
          const saying = t[anchor.cue]!.lower.endsWith("ing") && t[anchor.cue - 1]?.value === ",";
          claimant = saying ? (found.at(-1)?.spans.claimant ?? claimantBefore(text, t, clauseStart, verbs.from(clauseStart))) : claimantBefore(text, t, clauseStart, anchor.cue);
          // "…released by Xinhua, it was announced that": a passive with "it" names its source with "by".
          if (claimant?.text.toLowerCase() === "it" && ["was", "is", "been", "were"].includes(t[anchor.cue - 1]?.lower ?? "")) claimant = agentBefore(text, t, anchor.cue);
          const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
          channel = after.channel;
          date = after.date;
          let from = after.next;
          const hasThat = t[from]?.lower === "that";
          if (hasThat) from++;
          if (!hasThat && !OBJECT_CUES.has(anchor.lemma) && !t[from]) continue;
          const end = contentEnd(from);
          if (from >= end) {
            if (hasThat && ["report", "write", "say"].includes(anchor.lemma) && claimant) {
              reporter = claimant;
              clauseStart = from;
            }
            continue;
          }
          content = span(text, t[from]!.start, t[end - 1]!.end);
          // `…wrote on X that "a tax cut…"`: a content that is one whole quotation loses its marks.
          const whole = quotes.opening(content.start, content.end);
          if (whole) {
            content = trimStops(text, span(text, whole.open + 1, whole.close));
            kind = "DIRECT_QUOTE";
          }
          confidence = hasThat ? 0.8 : 0.65;
        }
      }
      if (!content || !content.text) continue;
      if (claimant && NOT_SOURCES.test(claimant.text)) continue;
      if (!claimant && !anchor.according && !(found.length && t[anchor.cue - 1]?.lower === "and")) continue;
      if (!claimant && found.length) claimant = found.at(-1)!.spans.claimant;
      const claim = build(text, anchor.lemma, cueSpan, claimant, content, channel, date, kind, confidence);
      if (reporter) {
        claim.spans.reportedBy = reporter;
        claim.reportedByName = reporter.text.replace(/^the\s+/i, "");
        reporter = null;
      }
      found.push(claim);
      clauseStart = Math.min(t.length - 1, anchor.cueEnd + 1);
    }
    for (const claim of found) {
      resolveClaimant(claim, people);
      claims.push(claim);
    }
  }
  return claims;
}

/** Index of the first token starting at or after `at`, walking back from token `from`, which starts after it. */
function firstTokenFrom(t: Token[], at: number, from: number): number {
  let k = Math.min(from, t.length);
  while (k > 0 && t[k - 1]!.start >= at) (k--, work.steps++);
  return k;
}

/** The date each token of a sentence falls in (the first, when dates overlap). */
function datesByToken(t: Token[], dates: FoundDate[]): (k: number) => FoundDate | undefined {
  const of = new Map<number, FoundDate>();
  let k = 0;
  for (const date of dates) {
    // Dates come in text order: walk to the first token of each.
    while (k > 0 && t[k - 1]!.start >= date.start) (k--, work.steps++);
    while (k < t.length && t[k]!.start < date.start) (k++, work.steps++);
    for (let j = k; j < t.length && t[j]!.start < date.end; j++) {
      work.steps++;
      if (!of.has(j)) of.set(j, date);
    }
  }
  return (j) => of.get(j);
}

/** The first verb at or after each token of a sentence, computed once. */
class NextVerb {
  private next: Int32Array | null = null;

  constructor(private readonly t: Token[]) {}

  from(k: number): number {
    if (!this.next) {
      this.next = new Int32Array(this.t.length + 1);
      this.next[this.t.length] = this.t.length;
      for (let i = this.t.length - 1; i >= 0; i--) {
        work.steps++;
        this.next[i] = this.t[i]!.pos === "VERB" ? i : this.next[i + 1]!;
      }
    }
    return this.next[Math.min(k, this.t.length)]!;
  }
}

/** The noun phrase after the last "by" (within WINDOW tokens) before a passive cue. */
function agentBefore(text: string, t: Token[], cue: number): TextSpan | null {
  let by = -1;
  for (let k = Math.max(0, cue - WINDOW); k < cue; k++) if ((work.steps++, t[k]!.lower === "by")) by = k;
  if (by < 0) return null;
  let end = by + 1;
  while (end < cue && t[end]!.value !== "," && !(t[end]!.pos === "ADP" && end > by + 1)) (end++, work.steps++);
  return end > by + 1 ? span(text, t[by + 1]!.start, t[end - 1]!.end) : null;
}

type Person = { name: string; kind: SourceKindGuess; at: number };

/** People named with a title anywhere in the text ("Defense Secretary Pete Hegseth"), for pronouns to point back to. */
function mentions(sentences: Sentence[]): Person[] {
  const found: Person[] = [];
  for (const { tokens: t } of sentences) {
    for (let k = 0; k < t.length; k++) {
      work.steps++;
      if (!ROLE_WORDS.test(t[k]!.value) || t[k + 1]?.pos !== "PROPN" || ROLE_WORDS.test(t[k + 1]!.value)) continue;
      let end = k + 1;
      while (t[end]?.pos === "PROPN" && !ROLE_WORDS.test(t[end]!.value)) (end++, work.steps++);
      found.push({ name: t.slice(k + 1, end).map((x) => x.value).join(" "), kind: "PERSON", at: t[k + 1]!.start });
      k = end - 1;
    }
  }
  return found;
}

/**
 * The people named so far, in the order they were named, indexed for the two
 * questions a claimant asks: who is the latest person (or body) named before
 * this point, and who is the first person named before it whose name holds
 * this word. Both cost O(log n), so a text full of pronouns stays linear.
 */
class People {
  /** Per kind (persons, others): a Fenwick tree of the greatest position named below each point. */
  private readonly latest = { person: new Int32Array(0), other: new Int32Array(0) };
  /** Per kind: the first entry named at each position. */
  private readonly firstAt = { person: new Map<number, Person>(), other: new Map<number, Person>() };
  /** Persons whose name has several words, by each word: the entries in order, and the lowest position among the first i. */
  private readonly byWord = new Map<string, { entries: Person[]; lowest: number[] }>();

  constructor(private readonly size: number) {
    this.latest.person = new Int32Array(size + 1).fill(-1);
    this.latest.other = new Int32Array(size + 1).fill(-1);
    work.steps += size;
  }

  add(person: Person) {
    const group = person.kind === "PERSON" ? "person" : "other";
    if (!this.firstAt[group].has(person.at)) this.firstAt[group].set(person.at, person);
    const tree = this.latest[group];
    for (let i = person.at + 1; i <= this.size; i += i & -i) {
      work.steps++;
      if (tree[i]! < person.at) tree[i] = person.at;
    }
    if (person.kind !== "PERSON") return;
    const words = person.name.split(/\s+/);
    work.steps += person.name.length;
    if (words.length < 2) return;
    for (const word of new Set(words)) {
      const list = this.byWord.get(word) ?? { entries: [], lowest: [] };
      list.lowest.push(Math.min(list.lowest.at(-1) ?? Infinity, person.at));
      list.entries.push(person);
      this.byWord.set(word, list);
    }
  }

  /** The person (or, with `person` false, the body) named last before `at`; the first named there on a tie. */
  latestBefore(at: number, person: boolean): Person | undefined {
    const group = person ? "person" : "other";
    const tree = this.latest[group];
    let best = -1;
    for (let i = Math.min(at, this.size); i > 0; i -= i & -i) {
      work.steps++;
      if (tree[i]! > best) best = tree[i]!;
    }
    return best < 0 ? undefined : this.firstAt[group].get(best);
  }

  /** The first person named before `at` with several words to the name, one of them `word`. */
  firstWithWord(word: string, at: number): Person | undefined {
    const list = this.byWord.get(word);
    if (!list) return undefined;
    // `lowest` only falls: search for the first entry named before `at`.
    let lo = 0;
    let hi = list.lowest.length;
    while (lo < hi) {
      work.steps++;
      const mid = (lo + hi) >> 1;
      if (list.lowest[mid]! < at) hi = mid;
      else lo = mid + 1;
    }
    return list.entries[lo];
  }
}

function build(
  text: string,
  lemma: string,
  cue: TextSpan,
  claimant: TextSpan | null,
  content: TextSpan,
  channel: TextSpan | null,
  date: FoundDate | null,
  kind: ClaimKind,
  confidence: number,
): ExtractedClaim {
  return {
    kind,
    confidence,
    text: content.text,
    cueLemma: lemma,
    claimantName: claimant?.text ?? null,
    claimantRole: null,
    claimantKind: "PERSON",
    reportedByName: null,
    channelName: channel ? channelName(channel.text) : null,
    claimedAt: date?.at ?? null,
    claimedAtPrecision: date?.precision ?? null,
    spans: { claimant, cue, content, channel, date: date ? { start: date.start, end: date.end, text: text.slice(date.start, date.end) } : null, reportedBy: null },
  };
}

/** The outlet or platform a channel phrase names, when it names one ("in an interview with CNBC" → CNBC). */
function channelName(phrase: string): string | null {
  const named = /(?:with|on|to|in)\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*$/.exec(phrase)?.[1];
  if (named) return named.replace(/^the\s+/i, "");
  const bare = /^(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)$/.exec(phrase)?.[1];
  return bare ?? null;
}

/** Fills name, role and kind; pronouns and short names point back to people named earlier. */
function resolveClaimant(claim: ExtractedClaim, people: People) {
  const span = claim.spans.claimant;
  if (!span) return;
  const lower = span.text.toLowerCase();
  const pronoun = PRONOUNS[lower];
  if (pronoun) {
    const wanted = pronoun === "person" ? "PERSON" : null;
    const antecedent = people.latestBefore(span.start, wanted === "PERSON");
    claim.claimantName = antecedent?.name ?? null;
    claim.claimantKind = antecedent?.kind ?? (pronoun === "person" ? "PERSON" : "ORGANIZATION");
    claim.confidence = Math.round((claim.confidence - 0.1) * 100) / 100;
    return;
  }
  if (UNNAMED.test(span.text) && !/^[A-Z][a-z]+ [A-Z]/.test(span.text.replace(/^(Several|Many|Some|Two|Three)\s+/, "x "))) {
    claim.claimantName = null;
    claim.claimantKind = guessKind(span.text) === "PERSON" ? "ORGANIZATION" : guessKind(span.text);
    return;
  }
  work.steps += 8 * span.text.length;
  // Not from inside a run of spaces: from there each start would rescan the run.
  const { name, role } = nameAndRole(span.text.replace(/(?<!\s)\s+(who|which)\b.*$/, ""));
  const clean = name.replace(/^(the|its|his|her|their)\s+/i, (m) => (/^the\s/i.test(m) && guessKind(name) !== "PERSON" ? "" : m));
  const kind = guessKind(clean);
  // A short name ("Greer") is the person named in full before it ("Jamieson Greer").
  const earlier = kind === "PERSON" && !/\s/.test(clean) ? people.firstWithWord(clean, span.start) : undefined;
  claim.claimantName = earlier?.name ?? clean;
  claim.claimantRole = role;
  claim.claimantKind = kind;
  people.add({ name: claim.claimantName, kind, at: span.start });
}
