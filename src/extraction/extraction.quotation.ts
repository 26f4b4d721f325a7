import { claimantAfter, claimantBefore } from "./extraction.claimant.ts";
import { readAfterCue, type AnchorContext } from "./extraction.cues.ts";
import type { Reading } from "./extraction.proposal.ts";
import type { Quote } from "./extraction.quotes.ts";
import { endsWithOneOf, firstTokenFrom, span, trimStops } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: quotation first. `"…," the tycoon told Reuters` or `"…," said Lena
// Ortiz`: the content is the quotation that closes just before the cue.

/** The quotation a cue follows as its content, and the words between them; undefined when the cue does not follow one. */
export function quotationBefore({ text, t, anchor, quotes }: AnchorContext): { quote: Quote; between: string } | undefined {
  const quote = quotes.endingBefore(t[anchor.cue]!.start);
  const between = quote ? text.slice(quote.close + 1, t[anchor.cue]!.start) : "";
  // `"…," he said`: the quotation ends with a comma (or ? !) and only a short name stands between.
  const quoteFirst =
    quote !== undefined &&
    (endsWithOneOf(text.slice(quote.open + 1, quote.close), ",?!", true) || /^\s*,/.test(between)) &&
    !/\bthat\b/.test(between) &&
    between.trim().split(/\s+/).filter(Boolean).length <= 8;
  return quote && quoteFirst ? { quote, between } : undefined;
}

/** The quotation as content; the claimant between it and the cue, or else after the cue; channel and date after the cue or that claimant. */
export function readQuotation({ text, t, anchor, dateAt }: AnchorContext, { quote, between }: { quote: Quote; between: string }): Reading {
  const content = trimStops(text, span(text, quote.open + 1, quote.close));
  const before = between.replace(/^[\s,]+|[\s,]+$/g, "");
  const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
  if (before) {
    // The first word after the quotation, which closes less than 80 characters before the cue.
    let startToken = firstTokenFrom(t, quote.close + 1, anchor.cue);
    while (startToken < t.length && /^[,"”]$/.test(t[startToken]!.value)) startToken++, work.steps++;
    const claimant = startToken < t.length ? claimantBefore(text, t, startToken, anchor.cue) : null;
    return { claimant, content, channel: after.channel, date: after.date, kind: "DIRECT_QUOTE", confidence: 0.9 };
  }
  // `"…," said Lena Ortiz on Tuesday`: channel and date follow the claimant.
  const claimant = claimantAfter(text, t, anchor.cueEnd + 1);
  let rest = -1;
  if (claimant) {
    rest = anchor.cueEnd + 1;
    while (t[rest] && t[rest]!.start < claimant.end) rest++, work.steps++;
    if (!t[rest]) rest = -1;
  }
  const tail = rest >= 0 ? readAfterCue(text, t, rest, anchor.lemma, dateAt) : null;
  return { claimant, content, channel: tail?.channel ?? null, date: tail?.date ?? null, kind: "DIRECT_QUOTE", confidence: 0.9 };
}
