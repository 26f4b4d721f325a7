import type { FoundDate } from "./extraction.dates.ts";
import {
  CLAUSE_ONLY_LEMMAS,
  COPULAS,
  CUE_KINDS,
  type CueKind,
  DECLINE_VERBS,
  DECLINED_SPEECH,
  EVIDENCE_SUBJECTS,
  INFINITIVE_CUES,
  NOMINAL_CUES,
  NOMINAL_OF,
  PHRASAL_CUES,
  PHRASAL_KINDS,
  PREPOSITIONS,
  RAISING_PARTICIPLES,
  STANCE_ADJECTIVES,
} from "./extraction.lexicon.ts";
import type { QuoteIndex } from "./extraction.quotes.ts";
import { span, WINDOW, type NextVerb, type Sentence, type TextSpan, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Cues (attribution verbs, "according to", stance adjectives and nominal
// cues), what every pattern is given about one, and the channel and date
// phrases read right after it.

/** Words that make a phrase after a cue its channel ("in an interview with CNBC", "on X"). */
export const CHANNEL_HINTS =
  /\b(interview|statement|briefing|press conference|conference|letter|video|post|website|page|podcast|channel|programme|program|radio|television|tv|hearing|speech|rally|meeting|reporters|journalists|newspaper|committee|parliament|broadcast|show|blog|email|memo|account|op-ed|column|journal|report|x|twitter|facebook|instagram|telegram|tiktok|youtube|truth social|weibo)\b/i;

/** How a cue is written: a verb ("said"), "according to", a copula and a stance adjective ("is eager"), or a noun ("the mayor's pledge"). */
export type AnchorForm = "verb" | "according" | "adjective" | "nominal";

/** A cue: its first and last token, its lemma, its form and kind, and whether it is "according to". */
export type Anchor = { cue: number; cueEnd: number; lemma: string; according: boolean; form: AnchorForm; kind: CueKind };

/** One cue of a sentence and what a pattern reads around it. Patterns read it and change nothing. */
export type AnchorContext = {
  text: string;
  /** The sentence's tokens. */
  t: Token[];
  anchor: Anchor;
  /** Token index of the next cue in the sentence, or the sentence's length. */
  nextCue: number;
  /** Token indexes of every later cue in the sentence. */
  laterCues: number[];
  /** Token index past the sentence's last word (closing punctuation and quotation marks left out). */
  sentenceEnd: number;
  /** Token index where the current clause starts: just after the previous proposal's cue, or where the content holding this cue starts. */
  clauseStart: number;
  /** The first token a claimant may start at (after a dateline). */
  sentenceStart: number;
  /** The claimant span of the sentence's previous proposal, if any. */
  previousClaimant: TextSpan | null;
  quotes: QuoteIndex;
  dateAt: (k: number) => FoundDate | undefined;
  verbs: NextVerb;
};

const BE = new Set(["is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re"]);
/** Words allowed between a copula and its stance adjective: "is still hopeful", "are not convinced". */
const DEGREE = new Set([
  "still",
  "not",
  "very",
  "more",
  "less",
  "increasingly",
  "so",
  "too",
  "quite",
  "deeply",
  "now",
  "also",
  "clearly",
  "far",
  "most",
  "less",
  "publicly",
  "privately",
  "no",
  "longer",
]);
const POSSESSIVE_PRONOUNS = new Set(["his", "her", "their", "its", "our", "my", "your"]);
/** Verbs the tagger often reads as plural nouns: "Nordholm plans to", "the chair backs the change". */
const NOUN_TAGGED_VERBS = new Set([
  "plan",
  "back",
  "aim",
  "hope",
  "fear",
  "support",
  "favour",
  "favor",
  "want",
  "doubt",
  "claim",
  "vow",
  "pledge",
  "promise",
  "demand",
  "estimate",
  "forecast",
  "warn",
  "say",
  "show",
  "caution",
  "echo",
  "report",
  "note",
  "insist",
  "add",
  "state",
  "argue",
  "suggest",
]);
/** Verbs that hand a nominal cue to their subject: "gave an assurance that", "made a pledge to". */
const GIVING = new Set([
  "give",
  "make",
  "issue",
  "offer",
  "repeat",
  "express",
  "voice",
  "reiterate",
  "renew",
  "raise",
  "break",
  "keep",
  "honour",
  "honor",
  "dismiss",
  "reject",
  "deny",
  "echo",
  "share",
]);

export const isQuote = (token: Token | undefined) => token !== undefined && (token.value === '"' || token.value === "“" || token.value === "”");

/** A clause (a subject and a verb, or "that", "whether", "if", a quote) opens at token `k`, within a few words. */
export function clauseAt(t: Token[], k: number): boolean {
  const first = t[k];
  if (!first) return false;
  if (["that", "whether", "if", "how", "why", "what", "when", "where", "who"].includes(first.lower) || isQuote(first)) return true;
  if (first.lower === "as" && ["if", "though"].includes(t[k + 1]?.lower ?? "")) return true;
  if (!["PRON", "DET", "NOUN", "PROPN", "NUM", "ADJ"].includes(first.pos)) return false;
  for (let j = k; j < k + 8 && t[j]; j++) {
    work.steps++;
    const w = t[j]!;
    // "the company's pay offer", "a pay rise": a verb inside a noun phrase is a noun.
    if (w.pos === "VERB" && (["DET", "PART", "ADJ"].includes(t[j - 1]?.pos ?? "") || t[j + 1]?.pos === "NOUN")) continue;
    if (w.pos === "AUX" || (w.pos === "VERB" && j > k)) return true;
    if (w.pos === "PUNCT" || w.pos === "ADP" || w.pos === "SCONJ" || w.pos === "CCONJ" || w.lower === "to") return false;
  }
  return false;
}

/** The tagger reads "plans", "backs", "show" as nouns after a subject: "Nordholm Steel plans to close", "figures show that", "…, estimates the chamber". */
function nounTaggedVerb(t: Token[], i: number): boolean {
  const token = t[i]!;
  if (token.pos !== "NOUN" || !NOUN_TAGGED_VERBS.has(token.lemma)) return false;
  const before = t[i - 1];
  const next = t[i + 1];
  if (!before || before.value === "'s" || before.value === "’s") return false;
  const objectOrClause =
    (next?.lower === "to" && t[i + 2]?.pos === "VERB") ||
    ["DET", "PRON", "PROPN", "NUM"].includes(next?.pos ?? "") ||
    next?.lower === "that" ||
    clauseAt(t, i + 1);
  // "…, estimates the chamber of commerce": a reporting verb after the comma, its subject after it.
  if (before.value === ",") return /s$/.test(token.lower) && ["DET", "PROPN"].includes(next?.pos ?? "") && objectOrClause;
  if (!["NOUN", "PROPN", "PRON", "CCONJ"].includes(before.pos)) return false;
  // "plans" after a subject, or "show" after a plural one ("figures show", "they doubt").
  const agrees =
    (/s$/.test(token.lower)
      ? !/s$/.test(before.lower) || before.pos === "PROPN"
      : /s$/.test(before.lower) || ["they", "we", "i", "you"].includes(before.lower)) ||
    // "Monitoring data from the water company show that": the subject is further back; "that" settles it.
    next?.lower === "that";
  return agrees && objectOrClause;
}

/** "that" or a quotation ahead of a cue, past its channel and date ("joked on Wednesday that"), before any other verb. */
function thatAhead(t: Token[], i: number): boolean {
  for (let k = i + 1; k < i + 14 && t[k]; k++) {
    work.steps++;
    const w = t[k]!;
    if (w.lower === "that" || isQuote(w)) return true;
    if (w.pos === "VERB" || w.pos === "AUX" || w.value === "." || w.value === ";") return false;
  }
  return false;
}

/** A verb is read as a noun after a preposition or determiner ("on promises"), or as a participle describing the noun before it. */
function nounLike(t: Token[], i: number): boolean {
  const before = t[i - 1];
  if (before?.pos === "ADP" && before.lower !== "as" && before.lower !== "that") return true;
  if (before?.pos === "DET" && !["that", "both", "all", "each", "this"].includes(before.lower)) return true;
  return false;
}

/** "called the accusation baseless", "called it “a betrayal”": the object and what it is called, not a naming ("a method called dry walling"). */
function callsSomething(t: Token[], i: number): boolean {
  if (t.slice(i + 1, i + 8).some(isQuote)) return true;
  // "a platform called Teller Deep": a participle after a noun names it.
  if ((t[i - 1]?.pos === "NOUN" || t[i - 1]?.pos === "PROPN") && t[i + 1]?.pos !== "DET" && t[i + 1]?.pos !== "PRON") return false;
  let k = i + 1;
  if (t[k]?.pos === "PRON") k++;
  else {
    if (t[k]?.pos !== "DET") return false;
    k++;
    while (k < i + 8 && t[k] && ["ADJ", "NOUN", "PROPN", "PART", "NUM"].includes(t[k]!.pos) && !(t[k]!.pos === "ADJ" && k > i + 2 && t[k - 1]!.pos === "NOUN"))
      k++, work.steps++;
    // "called the company's record appalling": the adjective after the noun is what it was called.
    if (t[k - 1]?.pos === "ADJ" && t[k - 2]?.pos === "NOUN") return true;
  }
  const next = t[k];
  // Not "considered the evidence next week": a date after the object.
  if (next && ["next", "last", "this", "earlier", "later"].includes(next.lower)) return false;
  return next !== undefined && (next.pos === "ADJ" || next.pos === "DET" || isQuote(next) || (next.pos === "VERB" && /(ing|ed)$/.test(next.lower)));
}

/** The nominal cue's source is named next to it: an owner ("the mayor's", "investors'", "his") or "by", "from", "among" after it, or the subject of "gave an assurance". */
function ownedNominal(t: Token[], i: number): boolean {
  const before = t[i - 1];
  const twoBefore = t[i - 2];
  if (before && (before.value === "'s" || before.value === "’s" || before.value === "'" || before.value === "’" || POSSESSIVE_PRONOUNS.has(before.lower)))
    return true;
  // "the opposition's charge", "the central bank's new forecast": an adjective may stand between.
  if (before?.pos === "ADJ" && twoBefore && (twoBefore.value === "'s" || twoBefore.value === "’s" || POSSESSIVE_PRONOUNS.has(twoBefore.lower))) return true;
  if (["by", "from", "among"].includes(t[i + 1]?.lower ?? "")) return true;
  if (before?.pos === "DET" && twoBefore?.pos === "VERB" && GIVING.has(twoBefore.lemma)) return true;
  // "There were warnings from the bank", "a growing belief among councillors".
  if (before?.pos === "ADJ" && twoBefore?.pos === "DET") return ["by", "from", "among"].includes(t[i + 1]?.lower ?? "");
  return false;
}

/** The kind of a cue given its lemma and the claimant it ended up with: a study's "suggests" is evidence, a minister's is speech. */
export function cueKindOf(anchor: Anchor, claimant: string | null): CueKind {
  if (anchor.form === "nominal" || anchor.form === "adjective") return anchor.kind;
  const documentary = claimant !== null && EVIDENCE_SUBJECTS.test(claimant);
  if (["suggest", "reveal", "confirm", "according to", "warn", "say", "estimate", "predict", "forecast", "report"].includes(anchor.lemma) && documentary)
    return "EVIDENCE";
  return anchor.kind;
}

/** Cue tokens of a sentence: attribution verbs, stance adjectives and nominal cues outside quotes, and "according to". */
export function findCues(sentence: Sentence, insideQuote: (at: number) => boolean): Anchor[] {
  const anchors: Anchor[] = [];
  const t = sentence.tokens;
  const push = (cue: number, cueEnd: number, lemma: string, form: AnchorForm, kind: CueKind) =>
    anchors.push({ cue, cueEnd, lemma, according: form === "according", form, kind });
  for (let i = 0; i < t.length; i++) {
    work.steps += 8;
    const token = t[i]!;
    if (insideQuote(token.start)) continue;
    if (token.lower === "according" && t[i + 1]?.lower === "to") {
      push(i, i + 1, "according to", "according", "SPEECH");
      i++;
      continue;
    }
    // "is eager to", "are hopeful that", "seems convinced that", "appears confident that".
    if ((token.pos === "AUX" || token.pos === "VERB") && COPULAS.has(token.lemma)) {
      let k = i + 1;
      while (k < i + 4 && t[k] && DEGREE.has(t[k]!.lower)) k++, work.steps++;
      const adjective = t[k];
      const after = t[k + 1];
      if (
        adjective &&
        STANCE_ADJECTIVES.has(adjective.lower) &&
        after &&
        (["that", "about", "of", "over", "whether", "if"].includes(after.lower) ||
          (after.lower === "to" && !["sure", "certain"].includes(adjective.lower)) ||
          clauseAt(t, k + 1))
      ) {
        push(i, k, `${token.lemma} ${adjective.lower}`, "adjective", "THOUGHT_OR_STANCE");
        i = k;
        continue;
      }
    }
    // "the mayor's pledge to build", "a belief among councillors that", "investors' fears of a recession".
    const nominal = NOMINAL_CUES.get(token.lemma);
    if (nominal && token.pos === "NOUN" && ownedNominal(t, i)) {
      let k = i + 1;
      // "by the engineers", "from the country's largest bank", "among councillors": the source between noun and complement.
      if (["by", "from", "among"].includes(t[k]?.lower ?? "")) {
        k++;
        while (k < i + 16 && t[k] && !["that", "to", ","].includes(t[k]!.lower) && t[k]!.pos !== "VERB" && t[k]!.pos !== "AUX") k++, work.steps++;
      }
      const complement = t[k]?.lower;
      if (
        complement === "that" ||
        (complement === "to" && t[k + 1]?.pos === "VERB") ||
        ((complement === "of" || complement === "for") && NOMINAL_OF.has(token.lemma))
      ) {
        push(i, i, token.lemma, "nominal", nominal);
        continue;
      }
    }
    // "declined to say whether", "refused to comment on".
    if (token.pos === "VERB" && DECLINE_VERBS.has(token.lemma) && t[i + 1]?.lower === "to" && DECLINED_SPEECH.has(t[i + 2]?.lemma ?? "")) {
      push(i, i + 2, `${token.lemma} to ${t[i + 2]!.lemma}`, "verb", "SPEECH");
      i += 2;
      continue;
    }
    const verb = token.pos === "VERB" || nounTaggedVerb(t, i);
    if (!verb) continue;
    // A proper name that looks like a verb: "the Midland Echo".
    if (i > 0 && /^\p{Lu}/u.test(token.value) && /^\p{Lu}/u.test(t[i - 1]!.value) && t[i - 1]!.pos !== "PUNCT") continue;
    // "spent the hearing defending the plan": a participle is a cue after "is" or a comma (", saying"), not on its own;
    // after a comma, only of speaking or hoping ("…, echoing losses in Asia" is no attribution).
    if (/ing$/.test(token.lower)) {
      if (!(t[i - 1]?.value === "," || t[i - 1]?.pos === "AUX" || BE.has(t[i - 1]?.lower ?? ""))) continue;
      if (t[i - 1]?.value === "," && (CUE_KINDS.get(token.lemma) === "EVIDENCE" || ["echo", "hail", "post", "report"].includes(token.lemma))) continue;
    }
    // "backed out of the race", "backed down": a phrasal verb of another sense.
    if (token.lemma === "back" && ["out", "down", "away", "off", "up"].includes(t[i + 1]?.lower ?? "")) continue;
    // "hailed a cab": hailing is praise with "as", a that-clause or a quotation.
    if (token.lemma === "hail" && !(thatAhead(t, i) || t.slice(i + 1, i + 10).some((w) => w.lower === "as"))) continue;
    const particles = PHRASAL_CUES[token.lemma];
    const particle = particles?.find((p) => t[i + 1]?.lower === p);
    if (particle) {
      const lemma = `${token.lemma} ${particle}`;
      if (!nounLike(t, i) && !(t[i - 1]?.lower === "to")) {
        push(i, i + 1, lemma, "verb", PHRASAL_KINDS[lemma] ?? "SPEECH");
        i++;
      }
      continue;
    }
    const kind = CUE_KINDS.get(token.lemma);
    if (!kind) continue;
    // "has yet to respond", "declined to comment": an infinitive reports no statement.
    if (t[i - 1]?.lower === "to") continue;
    // After a preposition or determiner it is a noun ("on promises", "the report"), whatever the tagger says.
    if (nounLike(t, i)) continue;
    // "as expected", "than thought": a comparison, not a source.
    if (t[i - 1]?.lower === "as" || t[i - 1]?.lower === "than") continue;
    // "Asked whether…", "Speaking at…": a participle opening the sentence.
    if (i === 0 && /(ed|ing)$/.test(token.lower) && token.value[0] === token.value[0]!.toUpperCase()) continue;
    // "This post, written in capitals": a participle describing the noun before the comma.
    if (
      t[i - 1]?.value === "," &&
      t[i - 2]?.pos === "NOUN" &&
      /(en|ed)$/.test(token.lower) &&
      PREPOSITIONS.has(t[i + 1]?.lower ?? "") &&
      t[i + 1]!.lower !== "to" &&
      !thatAhead(t, i)
    )
      continue;
    // "call" attributes with a quotation or a small clause: `called the closure "a betrayal"`, "called the demand unaffordable".
    if (token.lemma === "call" && !callsSomething(t, i)) continue;
    // "considers the deadline realistic", "considered that": not "considered the proposal on Monday".
    if (token.lemma === "consider" && !(callsSomething(t, i) || thatAhead(t, i))) continue;
    // A participle describing a noun ("a video posted on the website") is not a cue.
    if (
      /ed$/.test(token.lower) &&
      t[i - 1]?.pos === "NOUN" &&
      t[i - 2]?.pos === "DET" &&
      PREPOSITIONS.has(t[i + 1]?.lower ?? "") &&
      !(t[i + 1]!.lower === "to" && t[i + 2]?.pos === "VERB") &&
      // "The league announced on Monday that": a that-clause makes it the sentence's verb.
      !thatAhead(t, i)
    )
      continue;
    // "added to the problems", "added two routes": adding is speech only with a clause, a quotation or a reporting clause.
    const passiveBefore = BE.has(t[i - 1]?.lower ?? "") || (DEGREE.has(t[i - 1]?.lower ?? "") && BE.has(t[i - 2]?.lower ?? ""));
    // "It is understood that", "It emerged": only with "it" or a passive.
    if ((token.lemma === "understand" || token.lemma === "emerge") && !passiveBefore && t[i - 1]?.lower !== "it") continue;
    // "maintains a fleet": maintaining is a claim with a clause or of one's innocence.
    if (token.lemma === "maintain" && !(thatAhead(t, i) || clauseAt(t, i + 1) || /^(his|her|their|its)$/.test(t[i + 1]?.lower ?? ""))) continue;
    // "early votes say little about who will win": nothing said.
    if (token.lemma === "say" && ["little", "nothing", "much"].includes(t[i + 1]?.lower ?? "") && !clauseAt(t, i + 1)) continue;
    // "looks as if": only so.
    if (token.lemma === "look" && !(t[i + 1]?.lower === "as" && ["if", "though"].includes(t[i + 2]?.lower ?? ""))) continue;
    // "will be shown on Channel 4": a passive of an evidence verb is no finding, unless raised ("was shown to").
    if (kind === "EVIDENCE" && passiveBefore && t[i + 1]?.lower !== "to") continue;
    if (CLAUSE_ONLY_LEMMAS.has(token.lemma) || ONLY_WITH_CLAUSE.has(token.lemma)) {
      const clause =
        thatAhead(t, i) ||
        clauseAt(t, i + 1) ||
        (t[i + 1]?.lower === "to" &&
          (INFINITIVE_CUES.has(token.lemma) || RAISING_PARTICIPLES.has(token.lower) || token.lemma === "appear" || token.lemma === "seem")) ||
        (token.lemma === "agree" && t[i + 1]?.lower === "to") ||
        ((token.lemma === "appear" || token.lemma === "seem") && t[i + 1]?.pos === "ADJ") ||
        // `"…," Holt added.` and "…, adds an analyst at the bank": a reporting clause after its content.
        reportingClause(t, i);
      if (!clause) continue;
    }
    push(i, i, token.lemma, "verb", kind);
  }
  return anchors;
}

/** Lemmas the first lexicon accepted with any object, which attribute only with a clause ("claimed three lives", "admitted two members", "maintains the ferries"). */
const ONLY_WITH_CLAUSE = new Set(["add", "claim", "admit", "observe", "reveal", "confirm", "signal"]);

/** The cue ends a reporting clause that follows its content: a comma or closing quote a few words before, or nothing but a claimant after it. */
function reportingClause(t: Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 12); k--) {
    work.steps++;
    const w = t[k]!;
    if (w.value === "," || isQuote(w)) return true;
    if (w.pos === "VERB" || w.pos === "SCONJ" || w.lower === "that") return false;
  }
  return i === 0;
}

/** Reads channel and date phrases right after a cue; returns where the content may start. */
export function readAfterCue(text: string, t: Token[], from: number, lemma: string, dateAt: (k: number) => FoundDate | undefined) {
  let i = from;
  let channel: TextSpan | null = null;
  let date: FoundDate | null = null;
  const stop = (k: number) =>
    !t[k] || t[k]!.lower === "that" || t[k]!.value === "," || t[k]!.value === "." || t[k]!.value === ":" || t[k]!.value === '"' || t[k]!.value === "“";
  for (let guard = 0; guard < 4 && t[i]; guard++) {
    work.steps++;
    // "has said repeatedly that", "said again on Monday that": an adverb before the clause.
    if (t[i]!.pos === "ADV" && (t[i + 1]?.lower === "that" || PREPOSITIONS.has(t[i + 1]?.lower ?? "") || dateAt(i + 1))) {
      i++;
      continue;
    }
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
    const quoteInside = (k: number) =>
      (t[k]!.value === '"' || t[k]!.value === "“" || t[k]!.value === "”") && k > i + 1 && t[k - 1]!.lower !== "that" && t[k - 1]!.value !== ":";
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
