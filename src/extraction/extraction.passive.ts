import { span, WINDOW, type TextSpan, type Token } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: a passive cue whose subject is "it" names its source with "by"
// ("…released by Xinhua, it was announced that"). It refines the claimant the
// cue-first pattern found.

/** The noun phrase after the last "by" (within WINDOW tokens) before a passive cue. */
export function agentBefore(text: string, t: Token[], cue: number): TextSpan | null {
  let by = -1;
  for (let k = Math.max(0, cue - WINDOW); k < cue; k++) if ((work.steps++, t[k]!.lower === "by")) by = k;
  if (by < 0) return null;
  let end = by + 1;
  while (end < cue && t[end]!.value !== "," && !(t[end]!.pos === "ADP" && end > by + 1)) end++, work.steps++;
  return end > by + 1 ? span(text, t[by + 1]!.start, t[end - 1]!.end) : null;
}

/** The agent of a passive "it was announced" when `claimant` is that "it"; otherwise `claimant` itself. */
export function passiveClaimant(text: string, t: Token[], cue: number, claimant: TextSpan | null): TextSpan | null {
  if (claimant?.text.toLowerCase() === "it" && ["was", "is", "been", "were"].includes(t[cue - 1]?.lower ?? "")) return agentBefore(text, t, cue);
  return claimant;
}
