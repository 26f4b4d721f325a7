import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { LABELS_PATH, loadCorpus, parseCorpus, TRAP_GROUPS, WIDE_CORPUS_PATH } from "./corpus.ts";

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
      for (const trap of doc.traps) expect(doc.text.slice(trap.span.start, trap.span.end)).toBe(trap.span.text);
    }
  });

  it("the wider set of issue #18 has at least 200 attributions, each with its groups and cue kind, and every group in both splits", () => {
    const wide = parseCorpus(readFileSync(WIDE_CORPUS_PATH, "utf8"));
    const labels = wide.flatMap((d) => d.attributions.map((a) => ({ ...a, split: d.split })));
    expect(labels.length).toBeGreaterThanOrEqual(200);
    for (const a of labels) {
      expect(a.groups.length).toBeGreaterThan(0);
      expect(a.groups).not.toContain("original");
      expect(a.cueKind).not.toBeNull();
    }
    const groups = new Set(labels.flatMap((a) => a.groups));
    for (const group of [
      "evidence",
      "stance",
      "speech-verb",
      "appearance",
      "separated",
      "paraphrase-first",
      "quote-first",
      "saying",
      "two-apostrophe",
      "call",
      "nominal",
      "colon",
      "sourceless",
      "nested",
    ]) {
      expect(groups, group).toContain(group);
    }
    for (const group of groups) {
      for (const split of ["dev", "heldout"])
        expect(
          labels.some((a) => a.split === split && a.groups.includes(group)),
          `${group} in ${split}`,
        ).toBe(true);
    }
    const traps = wide.flatMap((d) => d.traps.map((t) => ({ ...t, split: d.split })));
    for (const group of TRAP_GROUPS) {
      for (const split of ["dev", "heldout"])
        expect(
          traps.some((t) => t.split === split && t.group === group),
          `${group} in ${split}`,
        ).toBe(true);
    }
    // About 30% of the new labels are held out.
    const heldout = labels.filter((a) => a.split === "heldout").length / labels.length;
    expect(heldout).toBeGreaterThan(0.25);
    expect(heldout).toBeLessThan(0.4);
  });

  it("a sourceless label has no claimant, and an inner label's outer one holds it in its content", () => {
    for (const doc of docs) {
      for (const a of doc.attributions) {
        if (a.groups.includes("sourceless")) expect(a.spans.claimant, `${doc.id} #${a.n}`).toBeUndefined();
        if (a.outer === null) continue;
        const outer = doc.attributions.find((o) => o.n === a.outer)!.spans.content!;
        expect(a.spans.cue!.start >= outer.start && a.spans.cue!.end <= outer.end, `${doc.id} #${a.n}`).toBe(true);
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
    expect(() => parseCorpus(doc("[He]{c1} [said]{v1} [x]{q1}", "1 kind=REPORTED_SPEECH lemma=say outer=2"))).toThrow(/bad #1: outer=2 names no attribution/);
    expect(() => parseCorpus(doc("[He]{c1} [said]{v1} [x]{q1}", "1 kind=REPORTED_SPEECH lemma=say cueKind=SHOUT"))).toThrow(/bad #1: cueKind "SHOUT"/);
    expect(() => parseCorpus(doc("[He]{c1} [said]{v1} [x]{q1} [Head]{x1}", "x1 group=trap-x\n1 kind=REPORTED_SPEECH lemma=say"))).toThrow(
      /bad x1: group "trap-x"/,
    );
  });
});
