import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { LABELS_PATH, loadCorpus, parseCorpus } from "./corpus.ts";

// The labelled set is data: these tests keep labels.json and corpus.txt in step
// and hold the properties the evaluation relies on.
describe("labelled extraction corpus", () => {
  const docs = loadCorpus();

  it("labels.json is corpus.txt with offsets (rebuild with npm run eval:extraction -- --build)", () => {
    expect(JSON.parse(readFileSync(LABELS_PATH, "utf8"))).toEqual(JSON.parse(JSON.stringify(docs)));
  });

  it("has at least 150 attributions, with a held-out split", () => {
    const count = (split: string) => docs.filter((d) => d.split === split).reduce((n, d) => n + d.attributions.length, 0);
    expect(count("dev") + count("heldout")).toBeGreaterThanOrEqual(150);
    expect(count("heldout")).toBeGreaterThanOrEqual(50);
  });

  it("every span is the exact UTF-16 slice of its document", () => {
    for (const doc of docs) {
      for (const a of doc.attributions) {
        for (const span of Object.values(a.spans)) expect(doc.text.slice(span.start, span.end)).toBe(span.text);
      }
    }
  });

  it("every document names its origin and licence", () => {
    for (const doc of docs) {
      expect(doc.origin).toBeTruthy();
      expect(doc.licence).toBeTruthy();
      expect(Number.isNaN(Date.parse(doc.publishedAt))).toBe(false);
    }
  });

  it("refuses malformed markup, naming the document", () => {
    const doc = (body: string, lines: string) => `=== bad\norigin: x\nlicence: x\nsplit: dev\npublishedAt: 2025-01-01\n---\n${body}\n---\n${lines}\n`;
    expect(() => parseCorpus(doc("[He]{c1} said [x]{q1}.", "1 kind=REPORTED_SPEECH lemma=say"))).toThrow(/bad #1: no cue span/);
    expect(() => parseCorpus(doc("[He]{c1} [said]{v1} [x]{q1", "1 kind=REPORTED_SPEECH lemma=say"))).toThrow(
      /bad: "\]" at 22 is not followed by a {tagN} label/,
    );
    expect(() => parseCorpus(doc("[He]{c1} [said]{v1} [[x]{q1}", "1 kind=REPORTED_SPEECH lemma=say"))).toThrow(/bad: unclosed/);
    expect(() => parseCorpus(doc("[He]{c2} [said]{v1} [x]{q1}", "1 kind=REPORTED_SPEECH lemma=say"))).toThrow(/belongs to no attribution/);
  });
});
