import { claimantAfter, claimantBefore } from "./extraction.claimant.ts";
import { readAfterCue, type AnchorContext } from "./extraction.cues.ts";
import type { Reading } from "./extraction.proposal.ts";
import type { Quote } from "./extraction.quotes.ts";
import { endsWithOneOf, firstTokenFrom, span, trimStops } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: quotation first. `"…," the tycoon told Reuters`, `"…," said Lena
// Ortiz`, `"…," Lars Evensen, who founded the company in 1998, said`, and
// wire copy's `"… offer." a spokesman said.`: the content is the quotation
// that closes just before the cue, also when it runs over paragraphs
// (extraction.quotes.ts joins them).

/** The most words between a quotation and its cue: a name with a long apposition. */
const MAX_BETWEEN = 40;

/** The quotation a cue follows as its content, and the words between them; undefined when the cue does not follow one. */
export function quotationBefore({ text, t, anchor, quotes, sentenceEnd, dateAt }: AnchorContext): { quote: Quote; between: string } | undefined {
  const quote = quotes.endingBefore(t[anchor.cue]!.start);
  if (!quote) return undefined;
  const between = text.slice(quote.close + 1, t[anchor.cue]!.start);
  if (/\bthat\b/.test(between) || /^[\s,]*(and|but|or|while)\b/i.test(between)) return undefined;
  // The quotation opens its own clause: at the start of a paragraph or sentence, after a colon or a dash; not inside another's content.
  let b = quote.open - 1;
  while (b >= 0 && (text[b] === " " || text[b] === "\t")) b--, work.steps++;
  if (b >= 0 && !/[\n.!?:;—–(\-"”]/.test(text[b]!)) return undefined;
  const words = between.trim().split(/\s+/).filter(Boolean).length;
  if (words > MAX_BETWEEN) return undefined;
  // Only the claimant stands between: no verb, except in its relative clause ("who founded the company").
  let relative = false;
  for (let k = firstTokenFrom(t, quote.close + 1, anchor.cue); k < anchor.cue; k++) {
    work.steps++;
    const w = t[k]!;
    if (["who", "which", "whose"].includes(w.lower)) relative = true;
    else if (!relative && (w.pos === "VERB" || w.pos === "AUX")) return undefined;
  }
  const inner = text.slice(quote.open + 1, quote.close);
  // `"…," he said`: the quotation ends with a comma (or ? !).
  if (endsWithOneOf(inner, ",?!", true) || /^\s*,/.test(between))
    return words <= 8 || /^\s*,/.test(between) || endsWithOneOf(inner, ",", true) ? { quote, between } : undefined;
  // `"We have made our best offer." a Helvion spokesman said.`: a quotation that ends its sentence, then a cue with nothing after it.
  if (endsWithOneOf(inner, ".", true)) {
    const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
    if (after.next >= sentenceEnd && (words > 0 || t[anchor.cueEnd + 1])) return { quote, between };
  }
  return undefined;
}

/** The quotation as content; the claimant between it and the cue, or else after the cue; channel and date after the cue or that claimant. */
export function readQuotation({ text, t, anchor, dateAt, sentenceEnd }: AnchorContext, { quote, between }: { quote: Quote; between: string }): Reading {
  const content = trimStops(text, span(text, quote.open + 1, quote.close));
  const before = between.replace(/^[\s,]+|[\s,]+$/g, "");
  const after = readAfterCue(text, t, anchor.cueEnd + 1, anchor.lemma, dateAt);
  if (before) {
    // The first word after the quotation.
    let startToken = firstTokenFrom(t, quote.close + 1, anchor.cue);
    while (startToken < t.length && /^[,"”]$/.test(t[startToken]!.value)) startToken++, work.steps++;
    // A long apposition ("Lars Evensen, who founded Nordlys in 1998 and still owns 40 percent of it,") is all the claimant's.
    const long = before.split(/\s+/).length > 8;
    const claimant = long
      ? span(text, t[startToken]!.start, t[anchor.cue - 1]!.end)
      : startToken < t.length
        ? claimantBefore(text, t, startToken, anchor.cue, dateAt)
        : null;
    return { claimant, content, channel: after.channel, date: after.date, kind: "DIRECT_QUOTE", confidence: 0.9 };
  }
  // `"…," said Lena Ortiz on Tuesday`: channel and date follow the claimant.
  const claimant = claimantAfter(text, t, anchor.cueEnd + 1, sentenceEnd, dateAt);
  let rest = -1;
  if (claimant) {
    rest = anchor.cueEnd + 1;
    while (t[rest] && t[rest]!.start < claimant.end) rest++, work.steps++;
    if (!t[rest]) rest = -1;
  }
  const tail = rest >= 0 ? readAfterCue(text, t, rest, anchor.lemma, dateAt) : null;
  return { claimant, content, channel: tail?.channel ?? null, date: tail?.date ?? null, kind: "DIRECT_QUOTE", confidence: 0.9 };
}
