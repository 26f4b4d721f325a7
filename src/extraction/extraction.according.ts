import type { AnchorContext } from "./extraction.cues.ts";
import type { Reading } from "./extraction.proposal.ts";
import { span, WINDOW } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: "According to X, content." or "Content, according to X."

/** The claimant after "according to" (up to the next comma or full stop) and the content on the other side; null when there is none. */
export function readAccording({ text, t, anchor, clauseStart, sentenceEnd }: AnchorContext): Reading | null {
  let j = anchor.cueEnd + 1;
  while (j <= anchor.cueEnd + WINDOW && t[j] && t[j]!.value !== "," && t[j]!.value !== ".") j++, work.steps++;
  if (j === anchor.cueEnd + 1 || j > anchor.cueEnd + WINDOW) return null;
  const first = anchor.cue <= clauseStart + 1;
  // "According to X" with nothing after it says nothing.
  if (first && !t[j]) return null;
  return {
    claimant: span(text, t[anchor.cueEnd + 1]!.start, t[j - 1]!.end),
    content: first
      ? span(text, t[Math.min(j + 1, t.length - 1)]!.start, t[Math.max(sentenceEnd - 1, j)]!.end)
      : span(text, t[clauseStart]!.start, t[anchor.cue - 1]!.end),
    channel: null,
    date: null,
    kind: "ASSERTION",
    confidence: 0.85,
  };
}
