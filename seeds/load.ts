import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { Db } from "../src/db/client.ts";
import { ROOT } from "../src/db/schemas.ts";
import { inTransaction } from "../src/db/transaction.ts";
import { indexArticles, indexClaims, indexSources } from "../src/search/search.index.ts";
import type { AppearanceKind, DatePrecision, ReviewStatus, SourceKind, Verdict } from "../src/generated/prisma/enums.ts";
import { shippedVerdict as mappedVerdict } from "../src/review/review.verdicts.ts";

// Each folder under seeds/ is one article as reviewable data: the text file
// and seed.json with its sources and claims. Loading is recorded in SeedRun,
// so a restart neither duplicates nor fails.

// From the project folder, not this file's: built, this file runs from dist/seeds.
export const SEEDS_DIR = join(ROOT, "seeds");

export type SeedSource = {
  slug: string;
  name: string;
  kind: SourceKind;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
  description: string | null;
  url: string | null;
};

export type SeedClaim = {
  text: string;
  claimant: string | null;
  claimantDescription: string | null;
  cue: string;
  claimedAt: string | null;
  claimedAtPrecision: DatePrecision | null;
  channel: string | null;
  reportedBy: string | null;
  appearances: { quote: string; start: number; end: number; kind: AppearanceKind }[];
};

/** A fact-check of a claim in this or an earlier seed, found by its exact text in the article with slug `article`. */
export type SeedReview = {
  claim: string;
  article: string;
  reviewer: string;
  authors: string[];
  rating: { ratingValue: number | null; bestRating: number | null; worstRating: number | null; alternateName: string; ratingExplanation: string | null };
  /** Null: mapped from the rating's words, as createReview does. */
  verdict: Verdict | null;
  url: string | null;
  headline: string | null;
  datePublished: string | null;
  language: string | null;
  status: ReviewStatus;
};

export type SeedFile = {
  article: {
    slug: string;
    file: string;
    sha256: string;
    language: string | null;
    publishedAt: string | null;
    url: string | null;
    summary: string | null;
    publisher: string | null;
    authors: string[];
    origin: string | null;
  };
  sources: SeedSource[];
  claims: SeedClaim[];
  reviews?: SeedReview[];
};

export type Seed = SeedFile & { name: string; title: string; body: string; fileSha256: string };

/** Reads one seed folder. The text file's first line is the title; the body is everything after that line break. */
export function readSeed(name: string): Seed {
  const dir = join(SEEDS_DIR, name);
  const data = JSON.parse(readFileSync(join(dir, "seed.json"), "utf8")) as SeedFile;
  const bytes = readFileSync(join(dir, data.article.file));
  const text = bytes.toString("utf8");
  const lineEnd = text.indexOf("\n");
  return {
    ...data,
    name,
    title: text.slice(0, lineEnd),
    body: text.slice(lineEnd + 1),
    fileSha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

export function seedNames(): string[] {
  return readdirSync(SEEDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(SEEDS_DIR, entry.name, "seed.json")))
    .map((entry) => entry.name)
    .sort();
}

/** Checks a seed before anything is written: checksum, references and every span. */
export function validateSeed(seed: Seed): string[] {
  const problems: string[] = [];
  if (seed.fileSha256 !== seed.article.sha256) problems.push(`${seed.article.file}: sha256 ${seed.fileSha256}, seed.json says ${seed.article.sha256}`);
  const slugs = new Set(seed.sources.map((s) => s.slug));
  const ref = (slug: string | null, where: string) => {
    if (slug !== null && !slugs.has(slug)) problems.push(`${where}: unknown source "${slug}"`);
  };
  for (const [i, s] of seed.sources.entries()) ref(s.affiliation, `sources[${i}].affiliation`);
  ref(seed.article.publisher, "article.publisher");
  for (const [i, a] of seed.article.authors.entries()) ref(a, `article.authors[${i}]`);
  (seed.reviews ?? []).forEach((review, i) => {
    ref(review.reviewer, `reviews[${i}].reviewer`);
    for (const [j, author] of review.authors.entries()) ref(author, `reviews[${i}].authors[${j}]`);
    if (review.verdict === null && !mappedVerdict(review.rating.alternateName))
      problems.push(`reviews[${i}]: no verdict, and none is mapped for "${review.rating.alternateName}"`);
  });
  seed.claims.forEach((claim, i) => {
    ref(claim.claimant, `claims[${i}].claimant`);
    ref(claim.channel, `claims[${i}].channel`);
    ref(claim.reportedBy, `claims[${i}].reportedBy`);
    if (claim.claimant === null && !claim.claimantDescription) problems.push(`claims[${i}]: no claimant and no claimantDescription`);
    if (claim.appearances.length === 0) problems.push(`claims[${i}]: no appearance`);
    claim.appearances.forEach((a, j) => {
      if (seed.body.slice(a.start, a.end) !== a.quote) problems.push(`claims[${i}].appearances[${j}]: span ${a.start}-${a.end} does not match its quote`);
    });
  });
  return problems;
}

/** Loads every seed not loaded yet; returns the names loaded now. */
export async function loadSeeds(db: Db, names: string[] = seedNames()): Promise<string[]> {
  const loaded: string[] = [];
  for (const name of names) {
    if (await db.seedRun.findUnique({ where: { name } })) continue;
    const seed = readSeed(name);
    const problems = validateSeed(seed);
    if (problems.length) throw new Error(`seed ${name} is invalid:\n  ${problems.join("\n  ")}`);
    try {
      await insertSeed(db, seed);
      loaded.push(name);
    } catch (error) {
      // Another replica starting at the same time loaded it first.
      if (await db.seedRun.findUnique({ where: { name } })) continue;
      throw error;
    }
  }
  return loaded;
}

async function insertSeed(db: Db, seed: Seed) {
  await inTransaction(db, async (tx) => {
    // The SeedRun row goes first: a concurrent loader then fails on its key, not halfway.
    await tx.seedRun.create({ data: { name: seed.name, sha256: seed.fileSha256 } });
    const ids = new Map<string, string>();
    // Sources already present (from another seed) are reused by slug.
    for (const source of seed.sources) {
      const existing = await tx.source.findUnique({ where: { slug: source.slug } });
      const row =
        existing ??
        (await tx.source.create({
          data: {
            slug: source.slug,
            name: source.name,
            kind: source.kind,
            role: source.role,
            description: source.description,
            url: source.url,
            aliases: { create: source.aliases.map((alias, position) => ({ alias, normalized: alias.toLowerCase(), position })) },
          },
        }));
      ids.set(source.slug, row.id);
    }
    for (const source of seed.sources) {
      if (source.affiliation) {
        await tx.source.update({ where: { id: ids.get(source.slug)! }, data: { affiliationId: ids.get(source.affiliation)! } });
      }
    }
    const id = (slug: string | null) => (slug === null ? null : ids.get(slug)!);
    const { article } = seed;
    const created = await tx.article.create({
      data: {
        slug: article.slug,
        title: seed.title,
        body: seed.body,
        summary: article.summary,
        url: article.url,
        language: article.language,
        publishedAt: article.publishedAt ? new Date(article.publishedAt) : null,
        origin: article.origin,
        publisherId: id(article.publisher),
        authors: { create: article.authors.map((slug, position) => ({ sourceId: id(slug)!, position })) },
      },
    });
    const claimIds: string[] = [];
    for (const claim of seed.claims) {
      const { id: claimId } = await tx.claim.create({
        data: {
          text: claim.text,
          claimantId: id(claim.claimant),
          claimantDescription: claim.claimantDescription,
          cue: claim.cue,
          claimedAt: claim.claimedAt ? new Date(claim.claimedAt) : null,
          claimedAtPrecision: claim.claimedAtPrecision,
          channelId: id(claim.channel),
          reportedById: id(claim.reportedBy),
          appearances: {
            create: claim.appearances.map((a) => ({ articleId: created.id, quote: a.quote, start: a.start, end: a.end, kind: a.kind })),
          },
        },
      });
      claimIds.push(claimId);
    }
    for (const [i, review] of (seed.reviews ?? []).entries()) {
      // Claims of earlier seeds too: seeds load in name order, and a fact-check is named after what it checks.
      const claim = await tx.claim.findFirst({
        where: { text: review.claim, appearances: { some: { article: { slug: review.article } } } },
        select: { id: true },
      });
      if (!claim) {
        // An editor may have changed or deleted that claim since its seed loaded: the review is left out, and the start goes on.
        process.emitWarning(`seed ${seed.name}: reviews[${i}] left out: article "${review.article}" has no claim "${review.claim.slice(0, 80)}"`);
        continue;
      }
      await tx.review.create({
        data: {
          claimId: claim.id,
          reviewerId: id(review.reviewer)!,
          ...review.rating,
          verdict: review.verdict ?? mappedVerdict(review.rating.alternateName)!,
          verdictSetByEditor: review.verdict !== null,
          url: review.url,
          headline: review.headline,
          datePublished: review.datePublished ? new Date(review.datePublished) : null,
          language: review.language,
          status: review.status,
          authors: { create: review.authors.map((slug, position) => ({ sourceId: id(slug)!, position })) },
        },
      });
    }
    await indexArticles(tx, [created.id]);
    await indexClaims(tx, claimIds);
    await indexSources(tx, [...ids.values()]);
  });
}
