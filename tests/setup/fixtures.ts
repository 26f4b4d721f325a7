import type { Db } from "../../src/db/client.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";

export type NestedFixtureOptions = {
  /** How many articles (default 40). */
  articles?: number;
  /** Prefix of every id and slug, so that several fixtures can share a database. */
  prefix?: string;
  /** Claims first made in each article (default 3): the fan-out article → claims. */
  claimsPerArticle?: number;
  /** Articles each claim appears in (default 1): its own, then the next ones. The fan-out claim → articles. */
  appearancesPerClaim?: number;
};

/**
 * A graph with non-empty relations at every level: `articles` articles, each
 * with a publisher, two authors and `claimsPerArticle` claims whose claimants,
 * channels and reporters come from a shared pool, so claimants have claims in
 * many articles. With `appearancesPerClaim` > 1 a claim also appears in the
 * following articles (quoting their sentence at the same place), so relation
 * filters that hop claim → article → claim fan out. Rows go in with
 * multi-row INSERTs (Prisma's createMany spends about a millisecond per row
 * in the client), so thousands of claims load in about a second.
 */
export async function createNestedFixture(db: Db, options: NestedFixtureOptions = {}) {
  const { articles = 40, prefix = "fx", claimsPerArticle = 3, appearancesPerClaim = 1 } = options;
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

  const pad = (n: number) => String(n).padStart(3, "0");
  const articleId = (a: number) => `${prefix}-art-${pad(a)}`;
  const sentencesOf = (a: number) => Array.from({ length: claimsPerArticle }, (_, c) => `Person ${a}-${c} said that claim ${c} of article ${a} holds.`);
  const spanOf = (a: number, c: number) => {
    const sentences = sentencesOf(a);
    const start = sentences.slice(0, c).reduce((at, s) => at + s.length + 1, 0);
    return { quote: sentences[c]!, start, end: start + sentences[c]!.length };
  };
  const now = new Date();
  const articleRows: Row[] = [];
  const authorRows: Row[] = [];
  const claimRows: Row[] = [];
  const appearanceRows: Row[] = [];
  for (let a = 0; a < articles; a++) {
    articleRows.push({
      id: articleId(a),
      slug: `${prefix}-article-${pad(a)}`,
      title: `Fixture article ${a}`,
      body: sentencesOf(a).join(" "),
      publishedAt: new Date(Date.UTC(2025, 0, 1 + a)),
      publisherId: outlets[a % outlets.length]!.id,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    for (const k of [0, 1]) authorRows.push({ articleId: articleId(a), sourceId: people[(a + k) % people.length]!.id, position: k });
    for (let c = 0; c < claimsPerArticle; c++) {
      const claimId = `${prefix}-clm-${pad(a)}-${pad(c)}`;
      claimRows.push({
        id: claimId,
        text: `Claim ${c} of article ${a} holds.`,
        cue: "say",
        claimedAt: new Date(Date.UTC(2025, 0, 1 + a, c)),
        claimedAtPrecision: "MINUTE",
        claimantId: people[(a + c) % people.length]!.id,
        channelId: platforms[c % platforms.length]!.id,
        reportedById: outlets[(a + c) % outlets.length]!.id,
        createdAt: now,
        updatedAt: now,
      });
      for (let k = 0; k < Math.min(appearancesPerClaim, articles); k++) {
        const host = (a + k) % articles;
        const id = `${claimId}-app-${pad(k)}`;
        appearanceRows.push({ id, claimId, articleId: articleId(host), ...spanOf(host, c), kind: "REPORTED_SPEECH", status: "ANCHORED", createdAt: now });
      }
    }
  }
  await insertRows(db, "Article", articleRows);
  await insertRows(db, "ArticleAuthor", authorRows);
  await insertRows(db, "Claim", claimRows);
  await insertRows(db, "Appearance", appearanceRows);
}

type Row = Record<string, string | number | Date | null>;

/** Inserts rows (all with the same keys) into `table`, 200 a statement: SQLite caps the parameters of one. */
async function insertRows(db: Db, table: string, rows: Row[]) {
  const columns = Object.keys(rows[0] ?? {});
  const names = Prisma.raw(columns.map((column) => `"${column}"`).join(", "));
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200).map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column]))})`);
    await db.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) VALUES ${Prisma.join(values)}`;
  }
}
