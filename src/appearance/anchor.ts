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
