import { claimantBefore } from "./extraction.claimant.ts";
import { readAfterCue, type AnchorContext } from "./extraction.cues.ts";
import { OBJECT_CUES } from "./extraction.lexicon.ts";
import { passiveClaimant } from "./extraction.passive.ts";
import type { ClaimKind, Reading } from "./extraction.proposal.ts";
import { firstTokenFrom, span, trimStops, type TextSpan } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: cue first. `Claimant [aux] cue [channel] [date] [that] content`.

/**
 * "Bloomberg reported that Trump has long believed …": a report whose content
 * is the next attribution. The reporter is kept for that attribution, whose
 * clause starts at `clauseStart`.
 */
export type Reporting = { reporter: TextSpan; clauseStart: number };

/** Content runs to the end of the sentence, or to the next attribution's clause. */
function contentEnd({ text, t, nextCue, sentenceEnd }: AnchorContext, from: number): number {
  let end = Math.min(sentenceEnd, nextCue);
  if (end < sentenceEnd) {
    for (let k = from; k < end; k++) {
      work.steps++;
      if (
        (t[k]!.value === "," && ["but", "while", "and", "saying", "adding"].includes(t[k + 1]?.lower ?? "")) ||
        (t[k]!.lower === "and" && k + 1 === nextCue)
      ) {
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
}

/** The claimant before the cue, channel and date after it, then the content; a Reporting when the content is the next attribution; null when there is no content. */
export function readCue(context: AnchorContext): Reading | Reporting | null {
  const { text, t, anchor, clauseStart, previousClaimant, quotes, dateAt, verbs } = context;
  // "…, saying that": the claimant is the previous attribution's, or the subject of the clause's verb.
  const saying = t[anchor.cue]!.lower.endsWith("ing") && t[anchor.cue - 1]?.value === ",";
  let claimant = saying
    ? (previousClaimant ?? claimantBefore(text, t, clauseStart, verbs.from(clauseStart)))
    : claimantBefore(text, t, clauseStart, anchor.cue);
  claimant = passiveClaimant(text, t, anchor.cue, claimant);
  const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
  let from = after.next;
  const hasThat = t[from]?.lower === "that";
  if (hasThat) from++;
  if (!hasThat && !OBJECT_CUES.has(anchor.lemma) && !t[from]) return null;
  const end = contentEnd(context, from);
  if (from >= end) {
    if (hasThat && ["report", "write", "say"].includes(anchor.lemma) && claimant) return { reporter: claimant, clauseStart: from };
    return null;
  }
  let content = span(text, t[from]!.start, t[end - 1]!.end);
  let kind: ClaimKind = "REPORTED_SPEECH";
  // `…wrote on X that "a tax cut…"`: a content that is one whole quotation loses its marks.
  const whole = quotes.opening(content.start, content.end);
  if (whole) {
    content = trimStops(text, span(text, whole.open + 1, whole.close));
    kind = "DIRECT_QUOTE";
  }
  return { claimant, content, channel: after.channel, date: after.date, kind, confidence: hasThat ? 0.8 : 0.65 };
}
