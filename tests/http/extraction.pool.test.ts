import { afterAll, describe, expect, it } from "vitest";

import { closeExtractionPool } from "../../src/extraction/extraction.pool.ts";
import { GENERATORS } from "../extraction/pathological.ts";
import { useTestServer } from "../setup/use.ts";

// Issue #11: extraction runs on worker threads, so a large extraction request
// in flight does not hold up anything else the server does.
const server = useTestServer();
afterAll(() => closeExtractionPool());

const ALIASES = 5;
const QUERY = `query ($text: String!) { ${Array.from({ length: ALIASES }, (_, i) => `a${i}: extractClaims(text: $text, publishedAt: "2025-06-06T10:00:00Z") { index }`).join(" ")} }`;

describe("a large extraction in flight", () => {
  it("leaves /healthz answering while it runs", async () => {
    const text = GENERATORS.realistic!(150_000);
    let done = false;
    const extraction = server.query(QUERY, { text }).then((response) => {
      done = true;
      return response;
    });
    // Ask for /healthz one request after another until the extraction answers.
    let answered = 0;
    while (!done) {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      await health.arrayBuffer();
      if (!done) answered++;
    }
    const { body } = await extraction;
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    for (let i = 0; i < ALIASES; i++) expect((body.data as Record<string, unknown[]>)[`a${i}`]!.length).toBeGreaterThan(1_000);
    // Hundreds of /healthz came and went while the extraction ran. On the request thread it would have held each one
    // until it ended: only the few sent while the request was still being read and checked (26 here) got through.
    expect(answered).toBeGreaterThanOrEqual(200);
  });
});
