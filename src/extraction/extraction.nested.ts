import type { ExtractedClaim } from "./extraction.proposal.ts";
import { work } from "./extraction.work.ts";

// Nested attributions: "The mayor said she still believed the plan would
// work" holds two, the mayor's statement and, inside its content, her
// belief. The outer one is the primary claim; the inner one is a proposal of
// its own whose `outerIndex` points to it.

/** How many proposals on each side (in text order) may hold a cue: an outer cue stands close to the inner one, before it or, after a paraphrase, after it. */
const NEIGHBOURS = 6;

/** Sets `outerIndex` on every proposal whose cue lies in another's content: the innermost such content wins. */
export function linkNested(claims: ExtractedClaim[]) {
  for (const [i, claim] of claims.entries()) {
    const { cue } = claim.spans;
    let best = -1;
    for (let j = Math.max(0, i - NEIGHBOURS); j < Math.min(claims.length, i + NEIGHBOURS + 1); j++) {
      work.steps++;
      if (j === i) continue;
      const outer = claims[j]!.spans.content;
      if (outer.start > cue.start || cue.end > outer.end) continue;
      // Not a content inside this proposal's own (a quotation's speaker quoting back).
      const own = claim.spans.content;
      if (own.start <= claims[j]!.spans.cue.start && claims[j]!.spans.cue.end <= own.end) continue;
      if (best < 0 || outer.end - outer.start < claims[best]!.spans.content.end - claims[best]!.spans.content.start) best = j;
    }
    claim.outerIndex = best < 0 ? null : best;
  }
}
