import { describe, expect, it } from "vitest";

import { extractClaimsWithWork } from "../../src/extraction/extract.ts";
import { MAX_EXTRACTION_TEXT } from "../../src/extraction/extraction.input.ts";
import { GENERATORS } from "./pathological.ts";

// Issue #11: a hostile text must cost the extractor work in proportion to its
// length. Work is counted in steps (src/extraction/extraction.work.ts), not
// time, so the test is exact on any machine. Eight times the text may cost at
// most a quarter more than eight times the work.
const SMALL = 8_000;
const LARGE = 64_000;
const LIMIT = (LARGE / SMALL) * 1.25;
const options = { publishedAt: new Date("2025-06-06T10:00:00Z") };

describe("extraction work grows linearly with the text", () => {
  for (const [name, generate] of Object.entries(GENERATORS)) {
    it(name, () => {
      const small = extractClaimsWithWork(generate(SMALL), options).work;
      const large = extractClaimsWithWork(generate(LARGE), options).work;
      expect(large / small, `work ${small} at ${SMALL} characters, ${large} at ${LARGE}`).toBeLessThan(LIMIT);
    });
  }

  it("reads the longest text it accepts, made of nested quotations, in bounded work per character", () => {
    const text = GENERATORS.nestedQuotes!(MAX_EXTRACTION_TEXT);
    const { claims, work } = extractClaimsWithWork(text, options);
    expect(claims.length).toBeGreaterThan(0);
    expect(work / text.length).toBeLessThan(200);
  });
});

describe("hostile shapes the rules once tripped on", () => {
  it("reads “according to” with no comma after it to the end of the text", () => {
    expect(() => extractClaimsWithWork("According to the ministry the bridge is safe", options)).not.toThrow();
    expect(extractClaimsWithWork(GENERATORS.according!(2_000), options).claims.length).toBeGreaterThan(0);
  });

  it("keeps offsets exact when a run of characters is too long for the tokenizer", () => {
    const long = "x".repeat(500);
    const text = `Mayor Ana Ruiz said that ${long} was fine. "It was very nice," she told reporters.`;
    const { claims } = extractClaimsWithWork(text, options);
    expect(claims.map((c) => c.cueLemma)).toEqual(["say", "tell"]);
    for (const claim of claims) for (const s of Object.values(claim.spans)) if (s) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(claims[0]!.text).toContain(long.slice(0, 64));
  });
});
