import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

import { findDates, type DatePrecision, type FoundDate } from "./extraction.dates.ts";
import {
  CLAUSE_ONLY_LEMMAS,
  CUE_LEMMAS,
  GOVERNMENT_WORDS,
  MEDIA_WORDS,
  NOT_SOURCES,
  OBJECT_CUES,
  ORGANIZATION_WORDS,
  OUTLETS,
  PHRASAL_CUES,
  PLATFORMS,
  PRONOUNS,
  ROLE_WORDS,
} from "./extraction.lexicon.ts";

// Rule-based attribution extraction for English news text. wink-nlp gives
// sentences, part-of-speech tags and lemmas; the rules below find cues and
// read claimant, content, channel and date around them. All offsets are
// UTF-16 code units into the input (JavaScript string indices).

export type TextSpan = { start: number; end: number; text: string };
export type SourceKindGuess = "NEWS_AGENCY" | "NEWS_OUTLET" | "SOCIAL_PLATFORM" | "GOVERNMENT_BODY" | "ORGANIZATION" | "PERSON";
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

/** Tokens with offsets: wink keeps every token's text, so each is found in order. */
function analyse(text: string): Sentence[] {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  // wink's typings give its.lemma the signature of a model add-on; it is a token property like the others.
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  const byIndex = new Map<number, Token>();
  let cursor = 0;
  values.forEach((value, i) => {
    if (tags[i] === "SPACE") return;
    const start = text.indexOf(value, cursor);
    if (start < 0) return;
    cursor = start + value.length;
    const token = { value, lower: value.toLowerCase(), lemma: lemmas[i]!.toLowerCase(), pos: tags[i]!, start, end: cursor };
    tokens.push(token);
    byIndex.set(i, token);
  });
  const sentences: Sentence[] = [];
  doc.sentences().each((sentence: { out: (f: unknown) => unknown }) => {
    const [first, last] = sentence.out(its.span) as [number, number];
    const own: Token[] = [];
    for (let i = first; i <= last; i++) if (byIndex.has(i)) own.push(byIndex.get(i)!);
    if (own.length) sentences.push({ start: own[0]!.start, end: own.at(-1)!.end, tokens: own });
  });
  return sentences;
}

type Quote = { open: number; close: number };

/** Quotation regions; straight quotes pair up within a paragraph. */
function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
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

const span = (text: string, start: number, end: number): TextSpan => {
  while (start < end && /[\s,;:]/.test(text[start]!)) start++;
  while (end > start && /[\s,;:]/.test(text[end - 1]!)) end--;
  return { start, end, text: text.slice(start, end) };
};

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
function readAfterCue(text: string, t: Token[], from: number, lemma: string, dates: FoundDate[]) {
  let i = from;
  let channel: TextSpan | null = null;
  let date: FoundDate | null = null;
  const stop = (k: number) => !t[k] || t[k]!.lower === "that" || t[k]!.value === "," || t[k]!.value === "." || t[k]!.value === '"' || t[k]!.value === "“";
  const dateAt = (k: number) => dates.find((d) => t[k] && d.start <= t[k]!.start && t[k]!.start < d.end);
  for (let guard = 0; guard < 4 && t[i]; guard++) {
    const found = dateAt(i);
    if (found) {
      date ??= found;
      while (t[i] && t[i]!.start < found.end) i++;
      continue;
    }
    const tellObject = lemma === "tell" && !channel && !PREPOSITIONS.has(t[i]!.lower) && !stop(i);
    const prepositional = PREPOSITIONS.has(t[i]!.lower) && t[i]!.lower !== "to";
    if (!tellObject && !prepositional) break;
    let j = i + 1;
    // A quoted name inside the phrase ("on the platform “Truth Social”") does not end it.
    const quoteInside = (k: number) => (t[k]!.value === '"' || t[k]!.value === "“" || t[k]!.value === "”") && k > i + 1 && t[k - 1]!.lower !== "that";
    while (t[j] && (!stop(j) || quoteInside(j)) && !dateAt(j) && !(j > i + 1 && PREPOSITIONS.has(t[j]!.lower) && t[j]!.lower !== "with" && dateAt(j + 1))) j++;
    const phrase = span(text, t[i]!.start, t[j - 1]!.end);
    if (tellObject || CHANNEL_HINTS.test(phrase.text)) {
      channel ??= phrase;
      i = j;
      continue;
    }
    break;
  }
  return { next: i, channel, date };
}

/** The claimant noun phrase in the words before a cue. */
function claimantBefore(text: string, t: Token[], from: number, cue: number): TextSpan | null {
  let end = cue;
  while (end > from && (AUXILIARIES.has(t[end - 1]!.lower) || t[end - 1]!.value === "," || t[end - 1]!.pos === "ADV" || t[end - 1]!.pos === "AUX")) {
    // Keep commas that close an apposition ("The city's engineer, Tom Alvarez,"): only trailing fillers go.
    end--;
  }
  if (end <= from) return null;
  let start = from;
  // A relative clause ("…a reply to President Kaya, who said"): the claimant is the noun phrase before "who".
  if (t[end - 1]!.lower === "who" || t[end - 1]!.lower === "which") {
    end--;
    while (end > from && t[end - 1]!.value === ",") end--;
    start = end;
    while (start > from && ["PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"].includes(t[start - 1]!.pos) && t[start - 1]!.value !== ",") start--;
    return start < end ? span(text, t[start]!.start, t[end - 1]!.end) : null;
  }
  // "…in Singapore, where he stated": the clause after the last subordinator holds the claimant.
  for (let k = end - 1; k > start; k--) {
    if (CLAUSE_WORDS.has(t[k]!.lower) && k + 1 < end) {
      start = k + 1;
      break;
    }
  }
  // Drop a leading conjunction, and a leading time or place phrase that ends with a comma.
  while (start < end && (SUBORDINATORS.has(t[start]!.lower) || t[start]!.value === "," || t[start]!.lower === "however")) start++;
  // "This month, officials protested": a leading time phrase.
  if (start < end && /^(this|last|next|earlier|later)$/i.test(t[start]!.value) && t.slice(start, end).some((w) => w.value === ",")) {
    start = t.findIndex((w, k) => k > start && w.value === ",") + 1;
  }
  if (start < end && (t[start]!.pos === "ADP" || t[start]!.pos === "SCONJ")) {
    let lastComma = -1;
    for (let k = start; k < end; k++) if (t[k]!.value === ",") lastComma = k;
    if (lastComma < 0) return null;
    start = lastComma + 1;
  }
  if (start >= end) return null;
  const words = t.slice(start, end);
  const relative = words.some((w) => w.lower === "who" || w.lower === "whose");
  if (end - start <= 16 && words.some((w) => ["PROPN", "NOUN", "PRON", "NUM"].includes(w.pos)) && (relative || !words.some((w) => w.pos === "VERB" || w.pos === "AUX"))) {
    return span(text, t[start]!.start, t[end - 1]!.end);
  }
  // Otherwise the claimant is the noun phrase just before the cue ("…one of the reasons President Trump criticized").
  let k = end;
  while (k > start && ["PROPN", "NOUN", "ADJ", "PART", "NUM"].includes(t[k - 1]!.pos) && t[k - 1]!.value !== ",") k--;
  if (t[end - 1]!.pos === "PROPN") {
    k = end;
    while (k > start && t[k - 1]!.pos === "PROPN") k--;
  } else if (k > start && t[k - 1]!.pos === "DET") k--;
  if (k === end || !t.slice(k, end).some((w) => w.pos === "PROPN" || w.pos === "NOUN")) return null;
  return span(text, t[k]!.start, t[end - 1]!.end);
}

/** The claimant after an inverted cue (`"…," said Lena Ortiz, a nurse`). */
function claimantAfter(text: string, t: Token[], from: number): TextSpan | null {
  let end = from;
  while (t[end] && t[end]!.value !== "," && t[end]!.value !== "." && !(PREPOSITIONS.has(t[end]!.lower) && end > from)) end++;
  return end > from ? span(text, t[from]!.start, t[end - 1]!.end) : null;
}

/** The kind of source a name looks like, from the outlet and platform lists and institution words. */
export function guessKind(name: string): SourceKindGuess {
  const lower = name.toLowerCase().replace(/^the\s+/, "");
  if (OUTLETS[lower] ?? OUTLETS[`the ${lower}`]) return OUTLETS[lower] ?? OUTLETS[`the ${lower}`]!;
  if (PLATFORMS.has(lower)) return "SOCIAL_PLATFORM";
  if (/news agency|press agency/.test(lower)) return "NEWS_AGENCY";
  if (GOVERNMENT_WORDS.test(lower)) return "GOVERNMENT_BODY";
  if (MEDIA_WORDS.test(lower)) return "NEWS_OUTLET";
  if (ORGANIZATION_WORDS.test(lower)) return "ORGANIZATION";
  return "PERSON";
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

/** Proposes every attribution in `text`; writes nothing. */
export function extractClaims(text: string, options: ExtractOptions = {}): ExtractedClaim[] {
  const publishedAt = options.publishedAt ?? new Date();
  const quotes = findQuotes(text);
  const insideQuote = (at: number) => quotes.some((q) => q.open < at && at < q.close);
  const quoteEndingBefore = (at: number) => quotes.find((q) => q.close < at && !/[.!?]\s/.test(text.slice(q.close + 1, at)) && at - q.close < 80);
  const claims: ExtractedClaim[] = [];
  const sentences = analyse(text);
  const people: Person[] = mentions(sentences);

  for (const sentence of sentences) {
    const t = sentence.tokens;
    const dates = findDates(text.slice(sentence.start, sentence.end), sentence.start, publishedAt).filter((d) => !insideQuote(d.start));
    const anchors = findCues(sentence, insideQuote);
    const found: ExtractedClaim[] = [];
    let clauseStart = 0;
    // "Bloomberg reported that Trump has long believed …": the belief is Trump's, reported by Bloomberg.
    let reporter: TextSpan | null = null;
    for (const [index, anchor] of anchors.entries()) {
      const nextCue = anchors[index + 1]?.cue ?? t.length;
      const cueSpan = span(text, t[anchor.cue]!.start, t[anchor.cueEnd]!.end);
      let claimant: TextSpan | null = null;
      let content: TextSpan | null = null;
      let channel: TextSpan | null = null;
      let date: FoundDate | null = null;
      let kind: ClaimKind = "REPORTED_SPEECH";
      let confidence = 0.75;
      const sentenceEnd = (() => {
        let end = t.length;
        while (end > 0 && /^[.!?"”]$/.test(t[end - 1]!.value)) end--;
        return end;
      })();
      // Content runs to the end of the sentence, or to the next attribution's clause.
      const contentEnd = (from: number) => {
        let end = Math.min(sentenceEnd, nextCue);
        if (end < sentenceEnd) {
          for (let k = from; k < end; k++) {
            if ((t[k]!.value === "," && ["but", "while", "and", "saying", "adding"].includes(t[k + 1]?.lower ?? "")) || (t[k]!.lower === "and" && k + 1 === nextCue)) {
              end = k;
              break;
            }
          }
          if (end === nextCue) {
            // The next cue's own claimant belongs to it, not to this content.
            const next = claimantBefore(text, t, from, nextCue);
            if (next) end = t.findIndex((tok) => tok.start >= next.start);
          }
        }
        return end;
      };

      if (anchor.according) {
        // "According to X, content." or "Content, according to X."
        let j = anchor.cueEnd + 1;
        while (t[j] && t[j]!.value !== "," && t[j]!.value !== ".") j++;
        if (j === anchor.cueEnd + 1) continue;
        claimant = span(text, t[anchor.cueEnd + 1]!.start, t[j - 1]!.end);
        content = anchor.cue <= clauseStart + 1 ? span(text, t[Math.min(j + 1, t.length - 1)]!.start, t[Math.max(sentenceEnd - 1, j)]!.end) : span(text, t[clauseStart]!.start, t[anchor.cue - 1]!.end);
        kind = "ASSERTION";
        confidence = 0.85;
      } else {
        const quote = quoteEndingBefore(t[anchor.cue]!.start);
        const between = quote ? text.slice(quote.close + 1, t[anchor.cue]!.start) : "";
        // `"…," he said`: the quotation ends with a comma (or ? !) and only a short name stands between.
        const quoteFirst =
          quote !== undefined &&
          (/[,?!]\s*$/.test(text.slice(quote.open + 1, quote.close)) || /^\s*,/.test(between)) &&
          !/\bthat\b/.test(between) &&
          between.trim().split(/\s+/).filter(Boolean).length <= 8;
        if (quote && quoteFirst) {
          // Quote first: `"…," the tycoon told Reuters` or `"…," said Lena Ortiz`.
          content = span(text, quote.open + 1, quote.close);
          while (content.text && /[,.]$/.test(content.text)) content = span(text, content.start, content.end - 1);
          kind = "DIRECT_QUOTE";
          confidence = 0.9;
          const before = between.replace(/^[\s,]+|[\s,]+$/g, "");
          const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dates);
          if (before) {
            const startToken = t.findIndex((tok) => tok.start >= quote.close + 1 && !/^[,"”]$/.test(tok.value));
            claimant = startToken >= 0 ? claimantBefore(text, t, startToken, anchor.cue) : null;
            channel = after.channel;
            date = after.date;
          } else {
            claimant = claimantAfter(text, t, anchor.cueEnd + 1);
            const rest = t.findIndex((tok, k) => k > anchor.cueEnd && claimant && tok.start >= claimant.end);
            const tail = rest >= 0 ? readAfterCue(text, t, rest, anchor.lemma, dates) : null;
            channel = tail?.channel ?? null;
            date = tail?.date ?? null;
          }
        } else {
          // Cue first: `Claimant [aux] cue [channel] [date] [that] content`.
          const saying = t[anchor.cue]!.lower.endsWith("ing") && t[anchor.cue - 1]?.value === ",";
          claimant = saying ? (found.at(-1)?.spans.claimant ?? claimantBefore(text, t, clauseStart, firstVerb(t, clauseStart))) : claimantBefore(text, t, clauseStart, anchor.cue);
          // "…released by Xinhua, it was announced that": a passive with "it" names its source with "by".
          if (claimant?.text.toLowerCase() === "it" && ["was", "is", "been", "were"].includes(t[anchor.cue - 1]?.lower ?? "")) claimant = agentBefore(text, t, anchor.cue);
          const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dates);
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
          const whole = quotes.find((q) => q.open === content!.start && q.close >= content!.end - 1);
          if (whole) {
            content = span(text, whole.open + 1, whole.close);
            while (/[,.]$/.test(content.text)) content = span(text, content.start, content.end - 1);
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
    for (const claim of found) resolveClaimant(claim, people);
    claims.push(...found);
  }
  return claims;
}

/** The noun phrase after the last "by" before a passive cue. */
function agentBefore(text: string, t: Token[], cue: number): TextSpan | null {
  let by = -1;
  for (let k = 0; k < cue; k++) if (t[k]!.lower === "by") by = k;
  if (by < 0) return null;
  let end = by + 1;
  while (end < cue && t[end]!.value !== "," && !(t[end]!.pos === "ADP" && end > by + 1)) end++;
  return end > by + 1 ? span(text, t[by + 1]!.start, t[end - 1]!.end) : null;
}

type Person = { name: string; kind: SourceKindGuess; at: number };

/** People named with a title anywhere in the text ("Defense Secretary Pete Hegseth"), for pronouns to point back to. */
function mentions(sentences: Sentence[]): Person[] {
  const found: Person[] = [];
  for (const { tokens: t } of sentences) {
    for (let k = 0; k < t.length; k++) {
      if (!ROLE_WORDS.test(t[k]!.value) || t[k + 1]?.pos !== "PROPN" || ROLE_WORDS.test(t[k + 1]!.value)) continue;
      let end = k + 1;
      while (t[end]?.pos === "PROPN" && !ROLE_WORDS.test(t[end]!.value)) end++;
      found.push({ name: t.slice(k + 1, end).map((x) => x.value).join(" "), kind: "PERSON", at: t[k + 1]!.start });
      k = end - 1;
    }
  }
  return found;
}

function firstVerb(t: Token[], from: number): number {
  for (let k = from; k < t.length; k++) if (t[k]!.pos === "VERB") return k;
  return t.length;
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
function resolveClaimant(claim: ExtractedClaim, people: Person[]) {
  const span = claim.spans.claimant;
  if (!span) return;
  const lower = span.text.toLowerCase();
  const pronoun = PRONOUNS[lower];
  if (pronoun) {
    const wanted = pronoun === "person" ? "PERSON" : null;
    const antecedent = people
      .filter((p) => p.at < span.start && (wanted ? p.kind === wanted : p.kind !== "PERSON"))
      .sort((a, b) => b.at - a.at)[0];
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
  const { name, role } = nameAndRole(span.text.replace(/\s+(who|which)\b.*$/, ""));
  const clean = name.replace(/^(the|its|his|her|their)\s+/i, (m) => (/^the\s/i.test(m) && guessKind(name) !== "PERSON" ? "" : m));
  const kind = guessKind(clean);
  const earlier = kind === "PERSON" ? people.find((p) => p.kind === "PERSON" && p.at < span.start && p.name !== clean && p.name.split(/\s+/).includes(clean)) : undefined;
  claim.claimantName = earlier?.name ?? clean;
  claim.claimantRole = role;
  claim.claimantKind = kind;
  people.push({ name: claim.claimantName, kind, at: span.start });
}
