import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { readSeed, SEEDS_DIR, seedNames, validateSeed } from "../../seeds/load.ts";

const SEED = "trump-xi-call-2025-06";
// The article as delivered in shared/seed-article.txt; any byte change breaks every span.
const ARTICLE_SHA256 = "6182572a2162d9ae556ad55fed81f319e806fb85673f90aa191443fc8de1ad0f";

describe("seed article data", () => {
  const seed = readSeed(SEED);

  it("keeps the article file byte-for-byte", () => {
    const bytes = readFileSync(join(SEEDS_DIR, SEED, "article.txt"));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(ARTICLE_SHA256);
    expect(seed.article.sha256).toBe(ARTICLE_SHA256);
    expect(`${seed.title}\n${seed.body}`).toBe(bytes.toString("utf8"));
    expect(seed.title).toBe("Trump, US President, and Xi Jinping, Leader of the CCP, Hold Phone Call");
  });

  it("passes validation: references resolve and every span matches its quote", () => {
    expect(validateSeed(seed)).toEqual([]);
    for (const claim of seed.claims) {
      for (const a of claim.appearances) expect(seed.body.slice(a.start, a.end)).toBe(a.quote);
    }
  });

  it("catches a span that is off by one", () => {
    const broken = structuredClone(seed);
    broken.claims[0]!.appearances[0]!.start += 1;
    expect(validateSeed(broken)).toEqual([expect.stringContaining("claims[0].appearances[0]")]);
  });

  it("lists at least ten attributed claims, each anchored at least once", () => {
    expect(seed.claims.length).toBeGreaterThanOrEqual(10);
    for (const claim of seed.claims) {
      expect(claim.appearances.length).toBeGreaterThan(0);
      expect(claim.claimant !== null || claim.claimantDescription !== null).toBe(true);
    }
  });

  const find = (fragment: string) => {
    const claim = seed.claims.find((c) => c.appearances.some((a) => a.quote.includes(fragment)));
    expect(claim, `claim quoting "${fragment}"`).toBeDefined();
    return claim!;
  };

  it("records the claims the issue names, with claimant, cue, channel, reporter and date", () => {
    expect(find("it was announced that Chinese President Xi Jinping")).toMatchObject({ claimant: "xinhua", cue: "announce" });
    expect(find("Bloomberg reported that Trump has long believed")).toMatchObject({
      claimant: "donald-trump",
      reportedBy: "bloomberg",
      cue: "believe",
    });
    expect(find("Xi, however, has been reluctant")).toMatchObject({ claimant: "bloomberg", cue: "report" });
    // "In the early hours of Wednesday … at 2:17 AM Eastern Time": Wed 4 June 2025, EDT = UTC-4.
    expect(find("very tough and difficult to deal with")).toMatchObject({
      claimant: "donald-trump",
      channel: "truth-social",
      cue: "post",
      claimedAt: "2025-06-04T06:17:00.000Z",
      claimedAtPrecision: "MINUTE",
    });
    expect(find("Greer stated in an interview with CNBC on May 30th")).toMatchObject({
      claimant: "jamieson-greer",
      channel: "cnbc",
      cue: "state",
      claimedAt: "2025-05-30T00:00:00.000Z",
      claimedAtPrecision: "DAY",
    });
    expect(find("The US accused China of reneging")).toMatchObject({ claimant: "us-government", cue: "accuse" });
    expect(find("chip design software and plans to start revoking visas")).toMatchObject({ claimant: "china-government" });
    expect(find("Communist China poses an imminent threat to Taiwan")).toMatchObject({ claimant: "pete-hegseth", cue: "state" });
    expect(find("$200 billion")).toMatchObject({ claimant: "china-government", cue: "commit", claimedAtPrecision: "MONTH" });
    expect(find("Several media outlets pointed out")).toMatchObject({ claimant: null, claimantDescription: "several media outlets" });
  });

  it("is found by the loader", () => {
    expect(seedNames()).toContain(SEED);
  });
});
