import { describe, expect, it } from "vitest";

import { nestSpans, type Piece, type Span } from "../../web/src/lib/spans.ts";

// The reader's highlighting (web/src/lib/spans.ts): spans that nest or cross become properly nested marks, and the
// pieces of each span cover exactly body.slice(start, end). tests/browser/reader.test.ts checks the same in the page.

type Mark = Extract<Piece, { kind: "mark" }>;

/** The text in document order, and each span's text from its pieces, as the browser would show them. */
function read(body: string, pieces: Piece[]) {
  const bySpan = new Map<string, string>();
  const firsts = new Map<string, number>();
  const depthAt: number[] = [];
  let text = "";
  const walk = (list: Piece[], open: Mark[]) => {
    for (const piece of list) {
      if (piece.kind === "text") {
        const part = body.slice(piece.start, piece.end);
        expect(piece.start, "text follows text").toBe(text.length);
        for (let i = piece.start; i < piece.end; i++) depthAt[i] = open.length;
        text += part;
        for (const mark of open) bySpan.set(mark.id, (bySpan.get(mark.id) ?? "") + part);
      } else {
        expect(piece.depth).toBe(open.length);
        expect(
          open.map((each) => each.id),
          "a span is never inside itself",
        ).not.toContain(piece.id);
        if (piece.first) firsts.set(piece.id, (firsts.get(piece.id) ?? 0) + 1);
        walk(piece.children, [...open, piece]);
      }
    }
  };
  walk(pieces, []);
  return { text, bySpan, firsts, depthAt };
}

function check(body: string, spans: Span[]) {
  const pieces = nestSpans(body.length, spans);
  const { text, bySpan, firsts, depthAt } = read(body, pieces);
  expect(text).toBe(body);
  for (const span of spans) {
    expect(bySpan.get(span.id), span.id).toBe(body.slice(span.start, span.end));
    expect(firsts.get(span.id), `${span.id} has one first piece`).toBe(1);
  }
  for (let i = 0; i < body.length; i++) expect(depthAt[i], `depth at ${i}`).toBe(spans.filter((span) => span.start <= i && i < span.end).length);
  return pieces;
}

describe("nestSpans", () => {
  it("marks separate spans in place", () => {
    const body = "Xinhua said A. Bloomberg said B.";
    const pieces = check(body, [
      { id: "a", start: 0, end: 13 },
      { id: "b", start: 14, end: 32 },
    ]);
    expect(pieces.map((piece) => piece.kind)).toEqual(["mark", "text", "mark"]);
  });

  it("nests a span inside a longer one, and spans that start together with the longer outside", () => {
    const body = "He said that the call was positive and long.";
    const pieces = check(body, [
      { id: "inner", start: 0, end: 7 },
      { id: "outer", start: 0, end: 44 },
      { id: "middle", start: 13, end: 34 },
    ]);
    const outer = pieces[0] as Mark;
    expect(outer.id).toBe("outer");
    expect((outer.children[0] as Mark).id).toBe("inner");
  });

  it("cuts a span that crosses another into pieces, the first of which takes focus", () => {
    const body = "0123456789abcdefghij";
    const pieces = check(body, [
      { id: "a", start: 0, end: 10 },
      { id: "b", start: 5, end: 15 },
      { id: "c", start: 7, end: 9 },
    ]);
    const marks: Mark[] = [];
    const collect = (list: Piece[]) => {
      for (const piece of list) if (piece.kind === "mark") marks.push(piece), collect(piece.children);
    };
    collect(pieces);
    expect(marks.filter((mark) => mark.id === "b").map((mark) => [mark.start, mark.end, mark.first])).toEqual([
      [5, 10, true],
      [10, 15, false],
    ]);
  });

  it("covers the same range twice when two spans are equal", () => {
    check("The same words.", [
      { id: "x", start: 4, end: 9 },
      { id: "y", start: 4, end: 9 },
    ]);
  });

  it("leaves out spans outside the body, empty ones and repeats of an id", () => {
    const body = "short";
    const pieces = nestSpans(body.length, [
      { id: "out", start: 2, end: 9 },
      { id: "empty", start: 3, end: 3 },
      { id: "neg", start: -1, end: 2 },
      { id: "ok", start: 1, end: 4 },
      { id: "ok", start: 0, end: 5 },
    ]);
    expect(read(body, pieces).bySpan).toEqual(new Map([["ok", "hor"]]));
  });

  it("keeps every invariant on random spans over text with surrogate pairs", () => {
    const body = "Trump 🇺🇸 posted “very tough” 😀 — Xi said … ".repeat(4);
    let seed = 17;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const spans: Span[] = [];
      for (let i = 0, count = 1 + random(8); i < count; i++) {
        const start = random(body.length - 1);
        spans.push({ id: `s${i}`, start, end: start + 1 + random(body.length - start) });
      }
      check(body, spans);
    }
  });
});
