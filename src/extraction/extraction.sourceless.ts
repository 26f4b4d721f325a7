import { claimantBefore } from "./extraction.claimant.ts";
import { contentEnd } from "./extraction.cue.ts";
import { readAfterCue, type AnchorContext } from "./extraction.cues.ts";
import { RAISING_PARTICIPLES } from "./extraction.lexicon.ts";
import { agentBefore } from "./extraction.passive.ts";
import type { Reading } from "./extraction.proposal.ts";
import { firstTokenFrom, span, type TextSpan } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: attributions that name no source, and passives. "It was reported
// that …", "It appears that …", "…, it emerged" (in
// extraction.paraphrase.ts), "The coalition is said to be close to collapse"
// (the whole clause is the content), "Staff were told that …" (the staff
// heard it; who said it is left out). A passive with "by" names its source:
// "Ruiz's claim was questioned by the city's engineers".

const BE = new Set(["is", "are", "was", "were", "be", "been", "being", "am"]);
const BETWEEN = new Set([
  "has",
  "have",
  "had",
  "will",
  "would",
  "could",
  "may",
  "might",
  "must",
  "should",
  "can",
  "not",
  "also",
  "now",
  "still",
  "widely",
  "generally",
  "reportedly",
  "already",
  "long",
]);
/** Cues whose subject "it" stands for nobody: "It appears that", "It emerged that", "It looks as if". */
const IMPERSONAL = new Set(["appear", "seem", "look", "emerge", "transpire"]);

/** `undefined` when the cue is neither passive nor impersonal (another pattern reads it); `null` when it is, but says nothing. */
export function readSourceless(context: AnchorContext): Reading | null | undefined {
  const { text, t, anchor, clauseStart, dateAt } = context;
  if (anchor.form !== "verb") return undefined;
  // The auxiliary "be" before a participle, past "not", "widely", "has".
  let b = anchor.cue - 1;
  while (b > clauseStart && BETWEEN.has(t[b]!.lower)) b--, work.steps++;
  const passive = b >= clauseStart && BE.has(t[b]!.lower) && /(ed|en|wn|id|ld|ght|ood)$/.test(t[anchor.cue]!.lower);
  let s = passive ? b - 1 : anchor.cue - 1;
  while (s > clauseStart && BETWEEN.has(t[s]!.lower)) s--, work.steps++;
  const subjectIt = s >= clauseStart && t[s]!.lower === "it";
  const impersonal = !passive && IMPERSONAL.has(anchor.lemma);
  if (!passive && !impersonal) return undefined;
  const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
  let from = after.next;
  const thatClause = t[from]?.lower === "that" || (t[from]?.lower === "as" && ["if", "though"].includes(t[from + 1]?.lower ?? ""));
  // "It was announced that", "It appears that", "It looks as if".
  if (subjectIt && (passive || impersonal)) {
    if (!thatClause) return impersonal ? null : undefined;
    from += t[from]!.lower === "that" ? 1 : 2;
    const end = contentEnd(context, from);
    if (from >= end) return null;
    // "…released by Xinhua, it was announced that": the agent named before.
    const agent = passive ? agentBefore(text, t, anchor.cue) : null;
    return result(agent, span(text, t[from]!.start, t[end - 1]!.end), after, anchor.kind === "SPEECH", from, agent === null);
  }
  // "The coalition is said to be close to collapse", "The talks appear to have stalled", "Neither side seems willing to".
  const raised =
    (passive && RAISING_PARTICIPLES.has(t[anchor.cue]!.lower) && t[anchor.cueEnd + 1]?.lower === "to") ||
    (impersonal && (t[anchor.cueEnd + 1]?.lower === "to" || t[anchor.cueEnd + 1]?.pos === "ADJ"));
  if (raised) {
    const subject = claimantBefore(text, t, clauseStart, passive ? b : anchor.cue, dateAt);
    const start = subject ? firstTokenFrom(t, subject.start, anchor.cue) : clauseStart;
    const end = contentEnd(context, anchor.cueEnd + 1);
    if (end <= anchor.cueEnd + 1) return null;
    return result(null, span(text, t[start]!.start, t[end - 1]!.end), after, false, start, true);
  }
  if (!passive) return null;
  // "…was questioned by the city's own engineers": the agent is the source, the subject the content.
  if (t[from]?.lower === "by") {
    let end = from + 1;
    while (
      end < from + 12 &&
      t[end] &&
      t[end]!.value !== "," &&
      t[end]!.value !== "." &&
      !(t[end]!.pos === "ADP" && end > from + 1) &&
      t[end]!.lower !== "that"
    )
      end++, work.steps++;
    // The subject, whatever its length ("Ruiz's claim that the sites were ready"), is what was questioned.
    const subject = b > clauseStart ? span(text, t[clauseStart]!.start, t[b - 1]!.end) : null;
    if (end === from + 1 || !subject) return null;
    const agent = span(text, t[from + 1]!.start, t[end - 1]!.end);
    // A that-clause after the agent is the content ("were told by the minister that …").
    if (t[end]?.lower === "that") {
      const last = contentEnd(context, end + 1);
      if (last <= end + 1) return null;
      return result(agent, span(text, t[end + 1]!.start, t[last - 1]!.end), after, anchor.kind === "SPEECH", end + 1, false);
    }
    return result(agent, subject, after, anchor.kind === "SPEECH", clauseStart, false);
  }
  // "Staff at the ministry were told that …": heard, not said, by the subject.
  if (t[from]?.lower === "that") {
    const end = contentEnd(context, from + 1);
    if (end <= from + 1) return null;
    return result(null, span(text, t[from + 1]!.start, t[end - 1]!.end), after, anchor.kind === "SPEECH", from + 1, true);
  }
  return null;
}

function result(
  claimant: TextSpan | null,
  content: TextSpan,
  after: ReturnType<typeof readAfterCue>,
  speech: boolean,
  contentStart: number,
  sourceless: boolean,
): Reading {
  return {
    claimant,
    content,
    channel: after.channel,
    date: after.date,
    kind: speech ? "REPORTED_SPEECH" : "ASSERTION",
    confidence: sourceless ? 0.6 : 0.7,
    contentStart,
    sourceless,
  };
}
