import type { Db } from "../../src/db/client.ts";

/**
 * A graph with non-empty relations at every level: `articles` articles, each
 * with a publisher, two authors and three claims whose claimants, channels and
 * reporters come from a shared pool, so claimants have claims in many articles.
 */
export async function createNestedFixture(db: Db, { articles = 40, prefix = "fx" } = {}) {
  const source = (slug: string, kind: "PERSON" | "NEWS_OUTLET" | "SOCIAL_PLATFORM") => ({
    id: `${prefix}-src-${slug}`,
    slug: `${prefix}-${slug}`,
    name: `Source ${slug}`,
    kind,
  });
  const people = Array.from({ length: 8 }, (_, i) => source(`person-${i}`, "PERSON"));
  const outlets = Array.from({ length: 4 }, (_, i) => source(`outlet-${i}`, "NEWS_OUTLET"));
  const platforms = Array.from({ length: 2 }, (_, i) => source(`platform-${i}`, "SOCIAL_PLATFORM"));
  await db.source.createMany({ data: [...people, ...outlets, ...platforms] });

  for (let a = 0; a < articles; a++) {
    const sentences = [0, 1, 2].map((c) => `Person ${a}-${c} said that claim ${c} of article ${a} holds.`);
    const body = sentences.join(" ");
    const articleId = `${prefix}-art-${String(a).padStart(3, "0")}`;
    await db.article.create({
      data: {
        id: articleId,
        slug: `${prefix}-article-${String(a).padStart(3, "0")}`,
        title: `Fixture article ${a}`,
        body,
        publishedAt: new Date(Date.UTC(2025, 0, 1 + a)),
        publisherId: outlets[a % outlets.length].id,
        authors: { create: [0, 1].map((k) => ({ sourceId: people[(a + k) % people.length].id, position: k })) },
      },
    });
    for (const [c, sentence] of sentences.entries()) {
      const start = body.indexOf(sentence);
      await db.claim.create({
        data: {
          text: `Claim ${c} of article ${a} holds.`,
          cue: "say",
          claimedAt: new Date(Date.UTC(2025, 0, 1 + a, c)),
          claimedAtPrecision: "MINUTE",
          claimantId: people[(a + c) % people.length].id,
          channelId: platforms[c % platforms.length].id,
          reportedById: outlets[(a + c) % outlets.length].id,
          appearances: { create: { articleId, quote: sentence, start, end: start + sentence.length, kind: "REPORTED_SPEECH" } },
        },
      });
    }
  }
}
