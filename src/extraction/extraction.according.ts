import type { AnchorContext } from "./extraction.cues.ts";
import { NOT_ACCORDING } from "./extraction.lexicon.ts";
import type { Reading } from "./extraction.proposal.ts";
import { span, WINDOW } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: "According to X, content." or "Content, according to X."

/** The claimant after "according to" (up to the next comma or full stop) and the content on the other side; null when there is none. */
export function readAccording({ text, t, anchor, clauseStart, sentenceStart, sentenceEnd }: AnchorContext): Reading | null {
  let j = anchor.cueEnd + 1;
  while (j <= anchor.cueEnd + WINDOW && t[j] && t[j]!.value !== "," && t[j]!.value !== ".") j++, work.steps++;
  if (j === anchor.cueEnd + 1 || j > anchor.cueEnd + WINDOW) return null;
  const first = anchor.cue <= clauseStart + 1;
  // "According to X" with nothing after it says nothing.
  if (first && !t[j]) return null;
  const claimant = span(text, t[anchor.cueEnd + 1]!.start, t[j - 1]!.end);
  // "according to the timetable", "according to plan": a rule followed, not a source.
  if (NOT_ACCORDING.test(claimant.text)) return null;
  return {
    claimant,
    content: first
      ? span(text, t[Math.min(j + 1, t.length - 1)]!.start, t[Math.max(sentenceEnd - 1, j)]!.end)
      : // "The White House has signaled that …, according to two officials": the whole clause, attributions in it included.
        span(text, t[sentenceStart]!.start, t[anchor.cue - 1]!.end),
    channel: null,
    date: null,
    kind: "ASSERTION",
    confidence: 0.85,
  };
}
