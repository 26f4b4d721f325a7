import { work } from "./extraction.work.ts";

// Quotation marks: where quotations open and close, and an index that answers
// the rules' questions about them in text order at O(1) each.

export type Quote = { open: number; close: number };

/**
 * Wire copy writes quotes with two apostrophes (''…''). The rules read a copy
 * of the text where, within a paragraph, an opening pair becomes ` "` and a
 * closing one `" `: every offset stays the same. `unmask` puts spans back.
 */
export function maskApostropheQuotes(text: string): string {
  if (!text.includes("''")) return text;
  const out: string[] = [];
  let from = 0;
  let open = false;
  for (let i = 0; i < text.length; i++) {
    work.steps++;
    if (text[i] === "\n" && text[i + 1] === "\n") open = false;
    if (text[i] !== "'" || text[i + 1] !== "'" || text[i + 2] === "'" || text[i - 1] === "'") continue;
    out.push(text.slice(from, i), open ? '" ' : ' "');
    open = !open;
    from = i + 2;
    i++;
  }
  out.push(text.slice(from));
  return out.join("");
}

/** A span of the masked text as a span of the original: a span that ends at a closing ''…'' takes both apostrophes. */
export function unmask(text: string, masked: string, span: { start: number; end: number; text: string }) {
  let { start, end } = span;
  if (text[end - 1] === "'" && text[end] === "'" && masked[end] === " ") end++;
  if (text[start] === "'" && text[start - 1] === "'" && masked[start - 1] === " ") start--;
  return { start, end, text: text.slice(start, end) };
}

/**
 * Quotation regions; straight quotes pair up within a paragraph. A quotation
 * left open at the end of a paragraph goes on when the next paragraph opens
 * with a quotation mark, as news copy writes a quote of several paragraphs.
 * They come in order and never overlap.
 */
export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  let open = -1;
  /** A quotation left open by the previous paragraph, and whether only spaces have come since the break. */
  let pending = -1;
  let paragraphStart = false;
  for (let i = 0; i < text.length; i++) {
    work.steps++;
    const ch = text[i]!;
    if (ch === "\n" && text[i + 1] === "\n") {
      if (open >= 0) pending = open;
      open = -1;
      paragraphStart = true;
      continue;
    }
    if (paragraphStart && !/\s/.test(ch)) {
      paragraphStart = false;
      if (pending >= 0 && (ch === "“" || ch === '"')) {
        open = pending;
        pending = -1;
        continue;
      }
      pending = -1;
    }
    if (ch === "“") open = i;
    else if (ch === "”" && open >= 0) {
      quotes.push({ open, close: i });
      open = -1;
    } else if (ch === '"') {
      if (open < 0) open = i;
      else {
        quotes.push({ open, close: i });
        open = -1;
      }
    }
  }
  return quotes;
}

type Stream = "cues" | "dates" | "endingBefore" | "opening";

/** How far before a cue its quotation may close: `"…," Lars Evensen, who founded the firm in 1998 and still owns 40 percent of it, said`. */
const REACH = 240;

/**
 * Looks quotes up by position. Each kind of question keeps its own cursor and
 * walks from its last answer: questions asked in text order cost O(1) each.
 */
export class QuoteIndex {
  private readonly cursors: Record<Stream, number> = { cues: -1, dates: -1, endingBefore: -1, opening: -1 };

  constructor(
    readonly text: string,
    readonly quotes: Quote[],
  ) {}

  /** Index of the last quote whose `key` is below `at` (-1 if none), walking from where `name` last stopped. */
  private lastBelow(name: Stream, key: "open" | "close", at: number): number {
    const q = this.quotes;
    let k = this.cursors[name];
    while (k + 1 < q.length && q[k + 1]![key] < at) k++, work.steps++;
    while (k >= 0 && q[k]![key] >= at) k--, work.steps++;
    this.cursors[name] = k;
    return k;
  }

  /** Whether `at` lies strictly inside a quotation; `stream` names the caller's cursor. */
  inside(at: number, stream: "cues" | "dates"): boolean {
    const k = this.lastBelow(stream, "open", at);
    work.steps++;
    return k >= 0 && at < this.quotes[k]!.close;
  }

  /** The last quotation closing less than REACH characters before `at`, with no sentence end or paragraph break between. */
  endingBefore(at: number): Quote | undefined {
    const k = this.lastBelow("endingBefore", "close", at);
    const q = this.quotes[k];
    if (!q || q.close < at - REACH) return undefined;
    const between = this.text.slice(q.close + 1, at);
    work.steps += 1 + between.length;
    return /[.!?]\s|\n\s*\n/.test(between) ? undefined : q;
  }

  /** The quotation that opens at `start`, if it closes at `end - 1` or later. */
  opening(start: number, end: number): Quote | undefined {
    const k = this.lastBelow("opening", "open", start + 1);
    work.steps++;
    const q = this.quotes[k];
    return q && q.open === start && q.close >= end - 1 ? q : undefined;
  }
}
