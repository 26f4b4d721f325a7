import { work } from "./extraction.work.ts";

// Quotation marks: where quotations open and close, and an index that answers
// the rules' questions about them in text order at O(1) each.

export type Quote = { open: number; close: number };

/** Quotation regions; straight quotes pair up within a paragraph. They come in order and never overlap. */
export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    work.steps++;
    const ch = text[i];
    if (ch === "\n" && text[i + 1] === "\n") open = -1;
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

  /** The first quotation closing less than 80 characters before `at`, with no sentence end between. */
  endingBefore(at: number): Quote | undefined {
    let k = this.lastBelow("endingBefore", "close", at - 79) + 1;
    for (; k < this.quotes.length && this.quotes[k]!.close < at; k++) {
      const q = this.quotes[k]!;
      const end = /[.!?]\s/.exec(this.text.slice(q.close + 1, at));
      work.steps += 1 + (end ? end.index + 2 : at - q.close);
      if (!end) return q;
    }
    return undefined;
  }

  /** The quotation that opens at `start`, if it closes at `end - 1` or later. */
  opening(start: number, end: number): Quote | undefined {
    const k = this.lastBelow("opening", "open", start + 1);
    work.steps++;
    const q = this.quotes[k];
    return q && q.open === start && q.close >= end - 1 ? q : undefined;
  }
}
