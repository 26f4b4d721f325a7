import { afterAll, afterEach, describe, expect, it } from "vitest";

import { extractClaims } from "../../src/extraction/extract.ts";
import { closeExtractionPool, configureExtractionPool, extractInPool, extractionThreads, ExtractionBusyError } from "../../src/extraction/extraction.pool.ts";
import { GENERATORS } from "./pathological.ts";

const STORY = `Mayor Ana Ruiz said on Tuesday that repairs to the bridge would take three more months. "We will not reopen it," she told reporters.`;
const publishedAt = new Date("2025-06-06T10:00:00Z");

afterEach(() => configureExtractionPool({}));
afterAll(() => closeExtractionPool());

describe("the extraction pool", () => {
  it("answers as the extractor does, dates as Dates, from a worker that loads TypeScript itself", async () => {
    const claims = await extractInPool(STORY, { publishedAt });
    expect(claims).toEqual(extractClaims(STORY, { publishedAt }));
    expect(claims[0]!.claimedAt).toBeInstanceOf(Date);
    expect(claims[0]!.claimedAt!.toISOString()).toBe("2025-06-03T00:00:00.000Z");
  });

  it("starts on first use and keeps no thread once idle", async () => {
    await configureExtractionPool({ idleTimeoutMs: 50 });
    expect(extractionThreads()).toBe(0);
    await extractInPool(STORY, { publishedAt });
    expect(extractionThreads()).toBeGreaterThan(0);
    await expect.poll(() => extractionThreads(), { timeout: 5_000 }).toBe(0);
  });

  it("refuses work beyond its queue with ExtractionBusyError, and finishes what it took", async () => {
    await configureExtractionPool({ maxThreads: 1, maxQueue: 2 });
    const text = GENERATORS.realistic!(20_000);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => extractInPool(text, { publishedAt })));
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ExtractionBusyError);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(2);
  });

  it("closing ends a running extraction at once, with ExtractionBusyError, and a later call starts a new pool", async () => {
    const running = extractInPool(GENERATORS.realistic!(199_000), { publishedAt });
    const outcome = running.then(
      () => "finished",
      (error) => error,
    );
    await expect.poll(() => extractionThreads()).toBeGreaterThan(0);
    await closeExtractionPool();
    // Closing settled the task: it did not run to its end first.
    const settled = await Promise.race([outcome, new Promise((resolve) => setImmediate(() => resolve("pending")))]);
    expect(settled).toBeInstanceOf(ExtractionBusyError);
    expect(extractionThreads()).toBe(0);
    expect(await extractInPool(STORY, { publishedAt })).toHaveLength(2);
  });
});
