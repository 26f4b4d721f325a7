import type { FoundDate } from "./extraction.dates.ts";
import { CLAUSE_ONLY_LEMMAS, CUE_LEMMAS, PHRASAL_CUES, PREPOSITIONS } from "./extraction.lexicon.ts";
import type { QuoteIndex } from "./extraction.quotes.ts";
import { span, WINDOW, type NextVerb, type Sentence, type TextSpan, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Cues (attribution verbs and "according to"), what every pattern is given
// about one, and the channel and date phrases read right after it.

/** Words that make a phrase after a cue its channel ("in an interview with CNBC", "on X"). */
const CHANNEL_HINTS =
  /\b(interview|statement|briefing|press conference|conference|letter|video|post|website|page|podcast|channel|programme|program|radio|television|tv|hearing|speech|rally|meeting|reporters|journalists|newspaper|committee|parliament|broadcast|show|blog|email|memo|account|op-ed|column|journal|report|x|twitter|facebook|instagram|telegram|tiktok|youtube|truth social|weibo)\b/i;

/** A cue: its first and last token, its lemma, and whether it is "according to". */
export type Anchor = { cue: number; cueEnd: number; lemma: string; according: boolean };

/** One cue of a sentence and what a pattern reads around it. Patterns read it and change nothing. */
export type AnchorContext = {
  text: string;
  /** The sentence's tokens. */
  t: Token[];
  anchor: Anchor;
  /** Token index of the next cue in the sentence, or the sentence's length. */
  nextCue: number;
  /** Token index past the sentence's last word (closing punctuation and quotation marks left out). */
  sentenceEnd: number;
  /** Token index where the current clause starts: just after the previous proposal's cue. */
  clauseStart: number;
  /** The claimant span of the sentence's previous proposal, if any. */
  previousClaimant: TextSpan | null;
  quotes: QuoteIndex;
  dateAt: (k: number) => FoundDate | undefined;
  verbs: NextVerb;
};

/** Cue tokens of a sentence: attribution verbs outside quotes, and "according to". */
export function findCues(sentence: Sentence, insideQuote: (at: number) => boolean): Anchor[] {
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
export function readAfterCue(text: string, t: Token[], from: number, lemma: string, dateAt: (k: number) => FoundDate | undefined) {
  let i = from;
  let channel: TextSpan | null = null;
  let date: FoundDate | null = null;
  const stop = (k: number) => !t[k] || t[k]!.lower === "that" || t[k]!.value === "," || t[k]!.value === "." || t[k]!.value === '"' || t[k]!.value === "“";
  for (let guard = 0; guard < 4 && t[i]; guard++) {
    work.steps++;
    const found = dateAt(i);
    if (found) {
      date ??= found;
      while (t[i] && t[i]!.start < found.end) i++, work.steps++;
      continue;
    }
    const tellObject = lemma === "tell" && !channel && !PREPOSITIONS.has(t[i]!.lower) && !stop(i);
    const prepositional = PREPOSITIONS.has(t[i]!.lower) && t[i]!.lower !== "to";
    if (!tellObject && !prepositional) break;
    let j = i + 1;
    // A quoted name inside the phrase ("on the platform “Truth Social”") does not end it.
    const quoteInside = (k: number) => (t[k]!.value === '"' || t[k]!.value === "“" || t[k]!.value === "”") && k > i + 1 && t[k - 1]!.lower !== "that";
    while (
      j < i + WINDOW &&
      t[j] &&
      (!stop(j) || quoteInside(j)) &&
      !dateAt(j) &&
      !(j > i + 1 && PREPOSITIONS.has(t[j]!.lower) && t[j]!.lower !== "with" && dateAt(j + 1))
    )
      j++, work.steps++;
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
