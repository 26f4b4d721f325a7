import { UserInputError } from "../shared/errors.ts";

// Finding a quote's span in an article body. Offsets are UTF-16 code units,
// the same as JavaScript string indices.

export type SpanInput = { quote: string; occurrence?: number | null; start?: number | null; end?: number | null };

/** Every start index of `quote` in `body`, overlapping matches included. */
export function occurrencesOf(body: string, quote: string): number[] {
  const found: number[] = [];
  for (let i = body.indexOf(quote); i !== -1; i = body.indexOf(quote, i + 1)) found.push(i);
  return found;
}

/**
 * The span an appearance input names. With start/end, they must slice the
 * body to exactly the quote; otherwise the quote is looked up, and
 * `occurrence` (0-based) picks among repeats. Errors name `path`'s fields.
 */
export function locateSpan(body: string, input: SpanInput, path: string): { start: number; end: number } {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const { quote } = input;
  if (input.start != null || input.end != null) {
    if (input.start == null || input.end == null) throw new UserInputError("Give both start and end, or neither", at(input.start == null ? "start" : "end"));
    if (input.start < 0 || input.end > body.length || input.start >= input.end) {
      throw new UserInputError(`The span ${input.start}–${input.end} is outside the body (0–${body.length})`, at("start"));
    }
    if (body.slice(input.start, input.end) !== quote) {
      throw new UserInputError(`The body from ${input.start} to ${input.end} is not the quote`, at("quote"));
    }
    return { start: input.start, end: input.end };
  }
  const found = occurrencesOf(body, quote);
  if (found.length === 0) throw new UserInputError("The quote does not occur in the article body", at("quote"));
  if (input.occurrence != null) {
    if (input.occurrence < 0 || input.occurrence >= found.length) {
      throw new UserInputError(`occurrence must be from 0 to ${found.length - 1}: the quote occurs ${found.length} time(s)`, at("occurrence"));
    }
    return { start: found[input.occurrence]!, end: found[input.occurrence]! + quote.length };
  }
  if (found.length > 1) {
    throw new UserInputError(`The quote occurs ${found.length} times; pass occurrence (0–${found.length - 1}) to pick one`, at("occurrence"));
  }
  return { start: found[0]!, end: found[0]! + quote.length };
}

/** Where a quote is after a body edit: the occurrence nearest its old start, or null when it is gone. */
export function reanchor(body: string, quote: string, oldStart: number): { start: number; end: number } | null {
  const found = occurrencesOf(body, quote);
  if (found.length === 0) return null;
  const start = found.reduce((best, i) => (Math.abs(i - oldStart) < Math.abs(best - oldStart) ? i : best));
  return { start, end: start + quote.length };
}

// W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors): a TextQuoteSelector names the
// words with some context on either side; a TextPositionSelector names offsets in code points. claimgraph's own
// offsets are UTF-16 code units.

/** A TextQuoteSelector: the exact words, and what comes right before and after them. */
export type QuoteSelector = { exact: string; prefix?: string | null; suffix?: string | null };

/** How a quote was found in a body: its span, and how much of the given context matched there. */
export type QuoteMatch = { start: number; end: number; contextMatched: boolean; candidates: number };

/**
 * Where a TextQuoteSelector points in `body`: among the occurrences of `exact`, the one whose prefix and suffix
 * match (both, else the most of them). `near` (a UTF-16 offset, e.g. from a TextPositionSelector) picks among
 * occurrences the context cannot tell apart; without it the first is taken. Null when `exact` does not occur.
 */
export function locateQuote(body: string, selector: QuoteSelector, near?: number | null): QuoteMatch | null {
  const { exact } = selector;
  if (!exact) return null;
  const found = occurrencesOf(body, exact);
  if (found.length === 0) return null;
  const wanted = (selector.prefix ? 1 : 0) + (selector.suffix ? 1 : 0);
  const score = (start: number) =>
    (selector.prefix && body.slice(Math.max(0, start - selector.prefix.length), start) === selector.prefix ? 1 : 0) +
    (selector.suffix && body.slice(start + exact.length, start + exact.length + selector.suffix.length) === selector.suffix ? 1 : 0);
  const best = Math.max(...found.map(score));
  const tied = found.filter((start) => score(start) === best);
  const start = near == null ? tied[0]! : tied.reduce((closest, candidate) => (Math.abs(candidate - near) < Math.abs(closest - near) ? candidate : closest));
  return { start, end: start + exact.length, contextMatched: best === wanted, candidates: tied.length };
}

/** The UTF-16 offset of code point `points` in `text`, or null when the text is shorter. */
export function utf16Offset(text: string, points: number): number | null {
  let offset = 0;
  for (let seen = 0; seen < points; seen++) {
    if (offset >= text.length) return null;
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1;
  }
  return offset;
}

/** The span a TextPositionSelector (code points, end exclusive) names in `body`, as UTF-16 offsets; null when outside it. */
export function positionSpan(body: string, start: number, end: number): { start: number; end: number } | null {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start)) return null;
  const from = utf16Offset(body, start);
  const to = from === null ? null : utf16Offset(body, end);
  return from === null || to === null ? null : { start: from, end: to };
}
