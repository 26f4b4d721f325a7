// Claim spans over an article body, as properly nested pieces that HTML can hold.
//
// Spans may nest (a quote inside a longer paraphrase) or cross (one starts inside another and ends after it).
// Marks in HTML must nest, so a span that crosses another is cut where the other one closes, and goes on in a
// second piece: every piece of a span carries its id, the pieces follow each other in the text, and together they
// cover exactly body.slice(start, end). Nested pieces sit inside their parent, so the text is shown once, and a
// place covered by several spans is inside that many marks.
//
// Offsets are UTF-16 code units (JavaScript string indices), as the API gives them.

export type Span = { id: string; start: number; end: number };

export type Piece =
  | { kind: "text"; start: number; end: number }
  | {
      kind: "mark";
      /** The span's id. */
      id: string;
      /** The first piece of its span (the one that takes keyboard focus). */
      first: boolean;
      start: number;
      end: number;
      /** How many marks this one sits inside (0 at the top). */
      depth: number;
      children: Piece[];
    };

type Mark = Extract<Piece, { kind: "mark" }>;

/** Whether a span lies within a body of `length` code units and is not empty. */
export const validSpan = (span: Span, length: number) =>
  Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start < span.end && span.end <= length;

/**
 * Cuts [0, length) into text and nested marks. Spans outside the body or empty are left out (see validSpan); a span
 * given twice (same id) is taken once.
 */
export function nestSpans(length: number, spans: readonly Span[]): Piece[] {
  const byId = new Map<string, Span>();
  for (const span of spans) if (validSpan(span, length) && !byId.has(span.id)) byId.set(span.id, span);
  const valid = [...byId.values()];

  const startsAt = new Map<number, Span[]>();
  const endsAt = new Map<number, Set<string>>();
  const points = new Set<number>([0, length]);
  for (const span of valid) {
    (startsAt.get(span.start) ?? startsAt.set(span.start, []).get(span.start)!).push(span);
    (endsAt.get(span.end) ?? endsAt.set(span.end, new Set()).get(span.end)!).add(span.id);
    points.add(span.start);
    points.add(span.end);
  }
  // At one place, the longer span opens first, so it is the outer one; equal spans go by id.
  for (const list of startsAt.values()) list.sort((a, b) => b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sorted = [...points].sort((a, b) => a - b);

  const root: Piece[] = [];
  const open: { span: Span; mark: Mark }[] = [];
  const top = () => open.at(-1)?.mark.children ?? root;
  const openSpan = (span: Span, at: number, first: boolean) => {
    const mark: Mark = { kind: "mark", id: span.id, first, start: at, end: span.end, depth: open.length, children: [] };
    top().push(mark);
    open.push({ span, mark });
  };

  for (let i = 0; i < sorted.length; i++) {
    const at = sorted[i]!;
    const ending = endsAt.get(at);
    if (ending) {
      // Close every mark from the deepest down to the outermost one that ends here; those that go on reopen, in
      // the same order, as their next pieces.
      const lowest = open.findIndex((each) => ending.has(each.span.id));
      if (lowest >= 0) {
        const closed = open.splice(lowest);
        for (const each of closed) each.mark.end = at;
        for (const each of closed) if (!ending.has(each.span.id)) openSpan(each.span, at, false);
      }
    }
    for (const span of startsAt.get(at) ?? []) openSpan(span, at, true);
    const next = sorted[i + 1];
    if (next !== undefined && next > at) top().push({ kind: "text", start: at, end: next });
  }
  return root;
}
