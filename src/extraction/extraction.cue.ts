import { claimantBefore } from "./extraction.claimant.ts";
import type { FoundDate } from "./extraction.dates.ts";
import { CHANNEL_HINTS, clauseAt, isQuote, readAfterCue, type AnchorContext } from "./extraction.cues.ts";
import { guessKind } from "./extraction.kind.ts";
import { EVIDENCE_OBJECT_CUES, EVIDENCE_SUBJECTS, INFINITIVE_CUES, OBJECT_CUES, RECIPIENT_CUES } from "./extraction.lexicon.ts";
import { passiveClaimant } from "./extraction.passive.ts";
import type { ClaimKind, Reading } from "./extraction.proposal.ts";
import { span, trimStops, WINDOW, type TextSpan, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: cue first. `Claimant [aux] cue [channel] [date] [that] content`.
// The cue is a verb ("said"), or a copula and a stance adjective ("is eager
// to", "are hopeful that").

/**
 * "Bloomberg reported that Trump has long believed …": a report whose content
 * is the next attribution. The reporter is kept for that attribution, whose
 * clause starts at `clauseStart`.
 */
export type Reporting = { reporter: TextSpan; clauseStart: number };

/** How far past a cue inside it a content may run: "he said that she said that …" stays linear. */
const NESTED_REACH = WINDOW;

/** Words after a comma that start a new clause of the same subject, or of another: the content ends before them. */
const CLAUSE_BREAKS = new Set(["but", "while", "and", "whereas", "although", "though", "yet"]);

/** A later cue starts a clause of its own (", but added", "and warned", "; she said"), not one inside this content. */
function breakBefore(t: Token[], from: number, cue: number): number {
  // Back over the words that may stand between the break and the cue: a subject, auxiliaries, adverbs.
  let k = cue - 1;
  const floor = Math.max(from, cue - 12);
  while (k >= floor && !(t[k]!.value === "," || t[k]!.value === ";" || CLAUSE_BREAKS.has(t[k]!.lower))) {
    work.steps++;
    if (t[k]!.lower === "that" || t[k]!.pos === "VERB" || isQuote(t[k])) return -1;
    k--;
  }
  if (k < floor) return -1;
  // ", saying", ", adding": a participle cue right after a comma; "Harlan, who has promised to cut taxes, tweeted": a comma closing a relative clause.
  if (t[k]!.value === "," && k === cue - 1) return k;
  if (t[k]!.value === ";") return k;
  if (CLAUSE_BREAKS.has(t[k]!.lower)) return t[k - 1]?.value === "," ? k - 1 : k;
  // ", she said": a comma then a subject and the cue.
  return t[k + 1] && ["PRON", "PROPN", "DET"].includes(t[k + 1]!.pos) && k + 1 < cue ? k : -1;
}

/** Words after a comma that open a clause of their own, which the content does not take: "urged Democrats to join, but gave no details". */
const CONTRASTS = new Set(["but", "although", "though", "whereas", "yet"]);

/** A date that says when something was said ("on Monday", "last week"), not "six months before an election". */
const WHEN = /^(on|in|at|last|this|earlier|during|yesterday|today|late|early|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

/** Cues whose object has an infinitive of its own: "wants the buses to run", "urged parliament to pass it". */
const OBJECT_INFINITIVE = new Set(["want", "wish", "expect", "urge", "ask", "advise", "call on", "invite", "encourage", "remind", "warn", "order", "need"]);

/** "…, bringing the total to eleven", "…, a day after the vote", "…, despite a fall in takings": a phrase about the report, not part of what was said. */
function adjunctAt(t: Token[], k: number): boolean {
  const w = t[k];
  if (!w) return false;
  if (w.pos === "VERB" && /ing$/.test(w.lower)) return true;
  if (["despite", "amid", "following"].includes(w.lower)) return true;
  return (
    ["a", "an", "one", "two", "three"].includes(w.lower) &&
    ["day", "days", "week", "weeks", "month", "months", "year", "years"].includes(t[k + 1]?.lower ?? "") &&
    ["after", "before"].includes(t[k + 2]?.lower ?? "")
  );
}

/** Where a noun-phrase content ("backs the plan", "called for an inquiry") ends: before a date, a channel phrase or a clause about the event ("… on Monday", "… at a rally", "… while troops remain"). */
function objectEnd(
  text: string,
  t: Token[],
  from: number,
  end: number,
  dateAt: AnchorContext["dateAt"],
): { end: number; channel: TextSpan | null; date: FoundDate | null } {
  for (let k = from + 1; k < end; k++) {
    work.steps++;
    const w = t[k]!;
    if (w.value === "," || isQuote(w)) break;
    const date = dateAt(k);
    // Not "the night buses": a date word inside the noun phrase.
    if (
      date &&
      date.start === w.start &&
      t[k - 1]!.pos !== "DET" &&
      WHEN.test(date.text) &&
      !["of", "for", "from", "since", "until", "by"].includes(t[k - 1]!.lower)
    )
      return { end: k, channel: null, date };
    if (["while", "despite", "amid", "because"].includes(w.lower)) return { end: k, channel: null, date: null };
    if (["at", "in", "during", "on"].includes(w.lower)) {
      let j = k + 1;
      while (j < Math.min(end, k + 8) && t[j]!.value !== "," && !dateAt(j) && !isQuote(t[j])) j++, work.steps++;
      const phrase = span(text, w.start, t[j - 1]!.end);
      if (CHANNEL_HINTS.test(phrase.text)) return { end: k, channel: phrase, date: null };
    }
  }
  return { end, channel: null, date: null };
}

/** Content runs to the end of the sentence, or to where the next attribution's own clause starts; it holds the attributions nested in it. */
export function contentEnd({ t, laterCues, sentenceEnd }: AnchorContext, from: number): number {
  let end = sentenceEnd;
  for (let k = from + 2; k < Math.min(sentenceEnd, from + NESTED_REACH); k++) {
    work.steps++;
    if (t[k]!.value === ";" || (t[k]!.value === "," && (CONTRASTS.has(t[k + 1]?.lower ?? "") || adjunctAt(t, k + 1)))) {
      end = k;
      break;
    }
  }
  for (const cue of laterCues) {
    work.steps++;
    if (cue >= end) break;
    if (cue < from) continue;
    const cut = breakBefore(t, from, cue);
    if (cut >= from) return cut;
    // Nested: the content holds this cue and runs on, but not without end.
    end = Math.min(end, cue + NESTED_REACH);
  }
  return end;
}

/** After "told", "reminded", "assured": the person told, when a that-clause follows (`reminded the jury that …`). */
function skipRecipient(t: Token[], from: number): number {
  let k = from;
  while (k < from + 6 && t[k] && ["DET", "ADJ", "NOUN", "PROPN", "PRON", "PART", "NUM"].includes(t[k]!.pos)) k++, work.steps++;
  return k > from && t[k]?.lower === "that" ? k : from;
}

/** The claimant before the cue, channel and date after it, then the content; a Reporting when the content is the next attribution; null when there is no content. */
export function readCue(context: AnchorContext): Reading | Reporting | null {
  const { text, t, anchor, clauseStart, sentenceStart, previousClaimant, quotes, dateAt, verbs } = context;
  // "…, saying that": the claimant is the clause's own subject, or the previous attribution's.
  const saying = t[anchor.cue]!.lower.endsWith("ing") && t[anchor.cue - 1]?.value === ",";
  // "… and warned that", "but hinted that": a second verb of the same subject.
  let k = anchor.cue - 1;
  while (k > clauseStart && (t[k]!.pos === "ADV" || t[k]!.pos === "AUX" || ["then", "also", "later", "has", "have", "had"].includes(t[k]!.lower)))
    k--, work.steps++;
  const coordinated = k >= 0 && (t[k]!.lower === "and" || t[k]!.lower === "but") && k >= clauseStart;
  let claimant: TextSpan | null;
  if (saying || coordinated) {
    claimant = previousClaimant ?? claimantBefore(text, t, sentenceStart, verbs.from(sentenceStart), dateAt);
  } else {
    claimant = claimantBefore(text, t, clauseStart, anchor.cue, dateAt);
  }
  claimant = passiveClaimant(text, t, anchor.cue, claimant);
  const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
  let from = after.next;
  if (RECIPIENT_CUES.has(anchor.lemma) && anchor.lemma !== "tell") from = skipRecipient(t, from);
  // "said after Sunday's match that": the rest of a date phrase the date left behind.
  if (t[from]?.value === "'s" || t[from]?.value === "’s") {
    let k = from;
    while (k < from + 6 && t[k] && t[k]!.lower !== "that") k++, work.steps++;
    if (t[k]?.lower === "that") from = k;
  }
  // "has said in public that": a short phrase before the that-clause, not the content.
  if (t[from]?.pos === "ADP" && t[from]!.lower !== "that") {
    for (let k = from + 1; k < from + 6 && t[k]; k++) {
      work.steps++;
      if (t[k]!.lower === "that") {
        from = k;
        break;
      }
      if (t[k]!.pos === "VERB" || t[k]!.pos === "AUX" || t[k]!.pos === "PUNCT") break;
    }
  }
  const hasThat = t[from]?.lower === "that";
  if (hasThat) from++;
  // "plans to close", "is eager to hold", "agreed to vote": the infinitive's "to" is not content.
  if (
    !hasThat &&
    t[from]?.lower === "to" &&
    (INFINITIVE_CUES.has(anchor.lemma) || anchor.form === "adjective" || anchor.lemma === "agree" || (anchor.lemma === "refuse" && t[from + 1]?.pos === "VERB"))
  )
    from++;
  // "is unhappy about", "are worried over": the preposition is not content.
  else if (!hasThat && anchor.form === "adjective" && ["about", "of", "over"].includes(t[from]?.lower ?? "")) from++;
  if (!hasThat && !OBJECT_CUES.has(anchor.lemma) && !t[from]) return null;
  // "revealed a crack", "found the net": a finding with an object needs a source of evidence ("polls show the race tightening").
  if (EVIDENCE_OBJECT_CUES.has(anchor.lemma) && !hasThat && !(claimant && EVIDENCE_SUBJECTS.test(claimant.text))) return null;
  if (anchor.lemma === "put" && !(claimant && EVIDENCE_SUBJECTS.test(claimant.text))) return null;
  // "asking not to be named", "did not respond to a request for comment": no claim.
  if (t[from]?.lower === "not") return null;
  if (["respond", "reply", "comment"].includes(anchor.lemma) && t[from]?.lower === "to") return null;
  let end = contentEnd(context, from);
  if (from >= end) return null;
  let { channel, date } = after;
  const infinitive = t[from - 1]?.lower === "to";
  // "urged parliament to pass it this year": an object and its infinitive run on.
  const control = OBJECT_INFINITIVE.has(anchor.lemma) && t.slice(from, Math.min(end, from + 8)).some((w) => w.lower === "to");
  if (!hasThat && !infinitive && !control && OBJECT_CUES.has(anchor.lemma) && !clauseAt(t, from) && t[from]!.pos !== "VERB") {
    const object = objectEnd(text, t, from, end, dateAt);
    end = object.end;
    channel ??= object.channel;
    date ??= object.date;
  }
  // "The Gazette reported that Weber has long believed …": an outlet's report of an attribution.
  const nextCue = context.laterCues.find((c) => c >= from);
  if (
    hasThat &&
    (anchor.lemma === "report" || anchor.lemma === "write") &&
    claimant &&
    guessKind(claimant.text) !== "PERSON" &&
    nextCue !== undefined &&
    nextCue < end
  ) {
    const next = claimantBefore(text, t, from, nextCue, dateAt);
    if (next && next.start === t[from]!.start) return { reporter: claimant, clauseStart: from };
  }
  let content = span(text, t[from]!.start, t[end - 1]!.end);
  let kind: ClaimKind = anchor.kind === "SPEECH" ? "REPORTED_SPEECH" : "ASSERTION";
  // `…wrote on X that "a tax cut…"`: a content that is one whole quotation loses its marks.
  const whole = quotes.opening(content.start, content.end);
  if (whole) {
    content = trimStops(text, span(text, whole.open + 1, whole.close));
    kind = "DIRECT_QUOTE";
  }
  if (!content.text) return null;
  return { claimant, content, channel, date, kind, confidence: hasThat ? 0.8 : 0.65, contentStart: from };
}
