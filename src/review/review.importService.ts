import { GraphQLError } from "graphql";

import type { Db } from "../db/client.ts";
import { AppearanceKind, AppearanceStatus, ReviewStatus, SourceKind, type Verdict } from "../generated/prisma/enums.ts";
import type { Review as ReviewRow } from "../generated/prisma/client.ts";
import { recordAudit, type Actor, type AuditedEntity } from "../audit/audit.service.ts";
import { inTransaction, lockRows, type Tx } from "../db/transaction.ts";
import { locateQuote, occurrencesOf, positionSpan } from "../appearance/anchor.ts";
import { MAX_QUOTE_LENGTH } from "../appearance/appearance.input.ts";
import { resolveArticleForSpans } from "../article/article.writes.ts";
import { MAX_APPEARANCES_PER_CLAIM } from "../claim/claim.input.ts";
import { checkClaimFields } from "../claim/claim.writes.ts";
import { indexClaims } from "../search/search.index.ts";
import { ErrorCode, UserInputError } from "../shared/errors.ts";
import { toGlobalId } from "../shared/globalId.ts";
import { findDescribedSource, matchSource, urlVariants } from "../source/source.writes.ts";
import {
  MAX_IMPORT_ITEMS,
  NO_CLAIMANT,
  parseClaimReviews,
  type AppearanceDescription,
  type DocumentFormat,
  type ImportItem,
  type Problem,
  type ReviewDescription,
} from "./review.import.ts";
import type { ReviewService } from "./review.service.ts";

// ClaimReview in (issue 15): the writes. review.import.ts reads the document;
// here each ClaimReview it found is written in its own transaction: the
// appearances anchored in claimgraph's articles, the claim found or created,
// the reviewer and authors matched to sources or created, the review created,
// updated or left as it is. Idempotent by the review's URL.

/** What became of one ClaimReview of the document. */
export type ImportStatus = "CREATED" | "UPDATED" | "UNCHANGED" | "ERROR";

/** The attribution verb of a claim an import creates: ClaimReview does not say how the claim was made. */
export const IMPORTED_CUE = "claim";

export type ItemOutcome = {
  index: number;
  script: number | null;
  pointer: string;
  url: string | null;
  status: ImportStatus;
  reviewId: string | null;
  claimId: string | null;
  /** Whether the import created the claim (else it found it). */
  claimCreated: boolean;
  /** Appearances the import created, with a new claim or added to a found one. */
  appearanceIds: string[];
  createdSourceIds: string[];
  errors: Problem[];
  warnings: Problem[];
};

export type ImportResult = { format: DocumentFormat; items: ItemOutcome[]; created: number; updated: number; unchanged: number; failed: number };

export type ImportOptions = {
  /** Status of a new review whose document does not say (creativeWorkStatus); PUBLISHED by default. */
  status?: ReviewStatus | null;
  /** The most ClaimReviews a document may hold (MAX_IMPORT_ITEMS through the API). */
  maxItems?: number;
  /** Called after each item is written or refused (the CLI's progress). */
  onItem?: (outcome: ItemOutcome, done: number, total: number) => void;
};

/** Where the import puts one appearance: a span of an article, or a page known by its URL alone. */
type Placement =
  | { type: "span"; articleId: string; articleUrl: string | null; quote: string; start: number; end: number; kind: AppearanceKind; pointer: string }
  | { type: "url"; url: string; quote: string | null; kind: AppearanceKind; pointer: string };

/** How many times a failed attempt is run again when it lost a race (a concurrent import wrote the same review or source first). */
const ATTEMPTS = 3;

export class ClaimReviewImportService {
  constructor(
    private readonly db: Db,
    private readonly reviews: ReviewService,
  ) {}

  /**
   * Imports every ClaimReview of `document` (see parseClaimReviews), each in its own transaction. Throws
   * DocumentError when the document as a whole cannot be read; per-item problems are in the outcomes.
   */
  async import(actor: Actor, document: unknown, options: ImportOptions = {}): Promise<ImportResult> {
    const parsed = parseClaimReviews(document, { maxItems: options.maxItems ?? MAX_IMPORT_ITEMS });
    return this.importItems(actor, parsed.format, parsed.items, options);
  }

  async importItems(actor: Actor, format: DocumentFormat, items: ImportItem[], options: ImportOptions = {}): Promise<ImportResult> {
    const outcomes: ItemOutcome[] = [];
    for (const item of items) {
      outcomes.push(await this.importItem(actor, item, options));
      options.onItem?.(outcomes.at(-1)!, outcomes.length, items.length);
    }
    const count = (status: ImportStatus) => outcomes.filter((outcome) => outcome.status === status).length;
    return { format, items: outcomes, created: count("CREATED"), updated: count("UPDATED"), unchanged: count("UNCHANGED"), failed: count("ERROR") };
  }

  private async importItem(actor: Actor, item: ImportItem, options: ImportOptions): Promise<ItemOutcome> {
    const base = { index: item.index, script: item.script, pointer: item.pointer, url: item.url };
    const failed = (errors: Problem[], warnings: Problem[]): ItemOutcome => ({
      ...base,
      status: "ERROR",
      reviewId: null,
      claimId: null,
      claimCreated: false,
      appearanceIds: [],
      createdSourceIds: [],
      errors,
      warnings,
    });
    const review = item.review;
    if (!review) return failed(item.errors, item.warnings);
    for (let attempt = 1; ; attempt++) {
      const warnings = [...item.warnings];
      try {
        const written = await inTransaction(this.db, (tx) => this.write(tx, actor, review, item.pointer, warnings, options));
        return { ...base, ...written, errors: [], warnings };
      } catch (error) {
        const code = error instanceof GraphQLError ? error.extensions.code : undefined;
        // A concurrent import wrote this review, or a source or claim it needs, first: run again, and find them.
        if (code === ErrorCode.CONFLICT && attempt < ATTEMPTS) continue;
        if (code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.NOT_FOUND || code === ErrorCode.CONFLICT) {
          const field = (error as GraphQLError).extensions.field;
          return failed([{ pointer: typeof field === "string" ? field : item.pointer, message: (error as GraphQLError).message }], warnings);
        }
        // DATABASE_BUSY and the unexpected end the import: the items before are written, and a second run finds them.
        throw error;
      }
    }
  }

  private async write(tx: Tx, actor: Actor, d: ReviewDescription, pointer: string, warnings: Problem[], options: ImportOptions) {
    const warn = (at: string, message: string) => warnings.push({ pointer: at, message });
    const existing = await tx.review.findUnique({ where: { url: d.url }, include: { authors: { orderBy: { position: "asc" } } } });

    // Articles first (each share-locked, as every span writer locks it), then the claim, then sources: the lock order of all writes.
    const placements: Placement[] = [];
    for (const appearance of d.claim.appearances) {
      const placement = await this.place(tx, appearance, d.claim.text, warn);
      if (placement) placements.push(placement);
    }

    let claimId = existing?.claimId ?? (await this.findClaim(tx, d, placements, pointer, warn));
    if (claimId && !(await lockRows(tx, "Claim", [claimId])).has(claimId)) {
      // Deleted meanwhile: the review (cascaded with it) or the match is gone; start again from the document.
      throw new GraphQLError("The claim was deleted meanwhile", { extensions: { code: ErrorCode.CONFLICT } });
    }
    if (existing && claimId) {
      const claim = await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: { text: true } });
      if (claim.text !== d.claim.text)
        warn(at(pointer, "claimReviewed"), "The review is of a claim whose text differs from claimReviewed; it stays on its claim");
    }
    let claimCreated = false;
    let appearanceIds: string[];
    if (!claimId) {
      ({ claimId, appearanceIds } = await this.createClaim(tx, d, placements, pointer, warn));
      claimCreated = true;
    } else {
      appearanceIds = await this.addAppearances(tx, claimId, placements, pointer, warn);
    }

    const reviewerId = (await matchSource(tx, d.reviewer, SourceKind.ORGANIZATION, d.reviewer.pointer)).id;
    const authorIds: string[] = [];
    for (const author of d.authors) {
      const { id } = await matchSource(tx, author, SourceKind.PERSON, author.pointer);
      if (id !== reviewerId && !authorIds.includes(id)) authorIds.push(id);
    }

    const verdict = await this.verdictFor(tx, d, existing, pointer);
    const columns = {
      reviewerId,
      ratingValue: d.rating.ratingValue,
      bestRating: d.rating.bestRating,
      worstRating: d.rating.worstRating,
      alternateName: d.rating.alternateName,
      ratingExplanation: d.rating.ratingExplanation,
      ...verdict,
      headline: d.headline,
      datePublished: d.datePublished,
      language: d.language,
      // A document that does not say leaves an existing review's status as it is (an editor may have published it).
      status: d.status ?? existing?.status ?? options.status ?? ReviewStatus.PUBLISHED,
    };

    let status: ImportStatus;
    let reviewId: string;
    if (!existing) {
      const review = await tx.review.create({
        data: { ...columns, claimId, url: d.url, authors: { create: authorIds.map((sourceId, position) => ({ sourceId, position })) } },
      });
      reviewId = review.id;
      status = "CREATED";
    } else {
      reviewId = existing.id;
      const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((key) => !sameValue(existing[key], columns[key]));
      const bylineChanged = existing.authors.map((author) => author.sourceId).join() !== authorIds.join();
      if (changed.length || bylineChanged) {
        await tx.review.update({ where: { id: existing.id }, data: { ...columns, version: { increment: 1 } } });
        if (bylineChanged) {
          await tx.reviewAuthor.deleteMany({ where: { reviewId: existing.id } });
          await tx.reviewAuthor.createMany({ data: authorIds.map((sourceId, position) => ({ reviewId: existing.id, sourceId, position })) });
        }
      }
      status = changed.length || bylineChanged || appearanceIds.length ? "UPDATED" : "UNCHANGED";
    }

    const createdSourceIds = (tx.sideEffects ?? []).map((effect) => effect.id);
    if (status !== "UNCHANGED") {
      const touched: AuditedEntity[] = [{ type: "Review", id: reviewId }];
      if (claimCreated || appearanceIds.length || status === "CREATED") touched.push({ type: "Claim", id: claimId });
      touched.push(...appearanceIds.map((id) => ({ type: "Appearance" as const, id })));
      await recordAudit(tx, actor, "importClaimReviews", touched);
    }
    return { status, reviewId, claimId, claimCreated, appearanceIds, createdSourceIds };
  }

  /**
   * Where an appearance goes. A page that is an article in claimgraph (by Article.url, or claimgraph's own
   * cg:article id) is anchored in its body: by the TextQuoteSelector, checked against the TextPositionSelector;
   * without one, where the claim's words are. Otherwise the page is kept by its URL.
   */
  private async place(tx: Tx, appearance: AppearanceDescription, claimText: string, warn: (at: string, message: string) => void): Promise<Placement | null> {
    const kind = appearance.kind ?? AppearanceKind.REPORTED_SPEECH;
    const { pointer } = appearance;
    let found = appearance.url
      ? await tx.article.findFirst({ where: { url: { in: urlVariants(appearance.url) } }, select: { id: true }, orderBy: { id: "asc" } })
      : null;
    if (!found && appearance.articleId) found = await tx.article.findUnique({ where: { id: appearance.articleId }, select: { id: true } });
    if (found) {
      // Share-locked and read again: the span is computed against the body that stays until commit.
      const article = await resolveArticleForSpans(tx, { id: toGlobalId("Article", found.id) }, pointer).catch(() => null);
      if (article) {
        const span = anchor(article.body, appearance, claimText, (message) => warn(pointer, message));
        if (span) return { type: "span", articleId: article.id, articleUrl: article.url, ...span, kind, pointer };
        const words = appearance.quote ? "The selector's words are" : "Neither a selector nor the claim's words are";
        if (appearance.url) {
          warn(pointer, `${words} not in the body of article "${article.slug}"; the appearance is kept by its URL alone`);
          return { type: "url", url: appearance.url, quote: appearance.quote?.exact ?? null, kind, pointer };
        }
        warn(pointer, `${words} not in the body of article "${article.slug}"; the appearance is left out`);
        return null;
      }
    }
    if (appearance.url) return { type: "url", url: appearance.url, quote: appearance.quote?.exact ?? null, kind, pointer };
    warn(pointer, "The appearance's article is not in this database, and it names no page URL; it is left out");
    return null;
  }

  /**
   * An existing claim the review is of: one with an appearance at exactly an anchored span (the one whose text
   * is claimReviewed, else the one most spans point at), else one with the same text known at the same page by
   * URL, else one by the same claimant with the same text.
   */
  private async findClaim(tx: Tx, d: ReviewDescription, placements: Placement[], pointer: string, warn: (at: string, message: string) => void) {
    const spans = placements.filter((p): p is Extract<Placement, { type: "span" }> => p.type === "span");
    if (spans.length) {
      const rows = await tx.appearance.findMany({
        where: { OR: spans.map(({ articleId, start, end }) => ({ articleId, start, end })) },
        select: { claimId: true, claim: { select: { text: true } } },
      });
      const candidates = new Map<string, { id: string; sameText: boolean; spans: number }>();
      for (const row of rows) {
        const candidate = candidates.get(row.claimId) ?? { id: row.claimId, sameText: row.claim.text === d.claim.text, spans: 0 };
        candidate.spans += 1;
        candidates.set(row.claimId, candidate);
      }
      const ranked = [...candidates.values()].sort(
        (a, b) => Number(b.sameText) - Number(a.sameText) || b.spans - a.spans || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      if (ranked.length > 1 && ranked[0]!.sameText === ranked[1]!.sameText && ranked[0]!.spans === ranked[1]!.spans) {
        warn(pointer, `${ranked.length} claims appear at this span; the review goes to the one recorded first`);
      }
      if (ranked.length) return ranked[0]!.id;
    }
    // A claim with these words, known at one of these pages (URL_ONLY): what an earlier import of the review made.
    const pages = placements.filter((p): p is Extract<Placement, { type: "url" }> => p.type === "url").map((p) => p.url);
    if (pages.length) {
      const known = await tx.appearance.findFirst({
        where: { url: { in: pages }, articleId: null, claim: { text: d.claim.text } },
        select: { claimId: true },
        orderBy: { claimId: "asc" },
      });
      if (known) return known.claimId;
    }
    const { claimant } = d.claim;
    if (claimant) {
      const claimantId = await findDescribedSource(tx, claimant, SourceKind.PERSON, claimant.pointer);
      if (!claimantId) return null;
      return (await tx.claim.findFirst({ where: { claimantId, text: d.claim.text }, select: { id: true }, orderBy: { id: "asc" } }))?.id ?? null;
    }
    const unnamed = await tx.claim.findFirst({
      where: { claimantId: null, claimantDescription: NO_CLAIMANT, text: d.claim.text },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    return unnamed?.id ?? null;
  }

  /** A new claim, with its claimant matched or created, and its appearances; the review's own page stands in when none could be placed. */
  private async createClaim(tx: Tx, d: ReviewDescription, placements: Placement[], pointer: string, warn: (at: string, message: string) => void) {
    let claimantId: string | null = null;
    const { claimant } = d.claim;
    if (claimant) {
      const matched = await matchSource(tx, claimant, SourceKind.PERSON, claimant.pointer);
      claimantId = matched.id;
      if (matched.created && claimant.affiliation) {
        const affiliation = await matchSource(tx, claimant.affiliation, SourceKind.ORGANIZATION, claimant.affiliation.pointer);
        // A new source: nothing points at it yet, so no cycle can form but through itself.
        if (affiliation.id !== claimantId) await tx.source.update({ where: { id: claimantId }, data: { affiliationId: affiliation.id } });
      }
    }
    const fields = {
      claimantId,
      claimantDescription: claimant ? null : NO_CLAIMANT,
      claimedAt: d.claim.claimedAt,
      claimedAtPrecision: d.claim.claimedAtPrecision,
    };
    checkClaimFields(fields, pointer);
    let rows = placements;
    if (rows.length === 0) {
      // A claim needs somewhere it appeared: the fact-check's own page reports it.
      warn(pointer, "No appearance could be placed: the review's own page stands as where the claim appeared");
      const own = await this.place(
        tx,
        { pointer, url: d.url, articleId: null, quote: null, position: null, utf16: null, kind: AppearanceKind.REPORTED_SPEECH },
        d.claim.text,
        warn,
      );
      rows = own ? [own] : [];
    }
    if (rows.length > MAX_APPEARANCES_PER_CLAIM) {
      warn(pointer, `${rows.length} appearances; a claim holds ${MAX_APPEARANCES_PER_CLAIM}, the rest are left out`);
      rows = rows.slice(0, MAX_APPEARANCES_PER_CLAIM);
    }
    const claim = await tx.claim.create({
      data: { ...fields, text: d.claim.text, cue: IMPORTED_CUE, appearances: { create: uniquePlacements(rows).map(appearanceData) } },
      include: { appearances: { select: { id: true } } },
    });
    await indexClaims(tx, [claim.id]);
    return { claimId: claim.id, appearanceIds: claim.appearances.map((a) => a.id) };
  }

  /** Adds the placements a found claim lacks (the same span, or the same page), up to its cap. The caller holds the claim's lock. */
  private async addAppearances(tx: Tx, claimId: string, placements: Placement[], pointer: string, warn: (at: string, message: string) => void) {
    const current = await tx.appearance.findMany({
      where: { claimId },
      select: { articleId: true, start: true, end: true, url: true, article: { select: { url: true } } },
    });
    const known = (p: Placement) =>
      current.some((row) =>
        p.type === "span"
          ? row.articleId === p.articleId && row.start === p.start && row.end === p.end
          : row.url === p.url || (row.article?.url != null && urlVariants(p.url).includes(row.article.url)),
      );
    let missing = uniquePlacements(placements.filter((p) => !known(p)));
    const room = MAX_APPEARANCES_PER_CLAIM - current.length;
    if (missing.length > room) {
      warn(
        pointer,
        `The claim has ${current.length} appearances; ${missing.length - Math.max(0, room)} more would pass its cap of ${MAX_APPEARANCES_PER_CLAIM} and are left out`,
      );
      missing = missing.slice(0, Math.max(0, room));
    }
    const ids: string[] = [];
    for (const placement of missing) ids.push((await tx.appearance.create({ data: { claimId, ...appearanceData(placement) }, select: { id: true } })).id);
    return ids;
  }

  /**
   * The verdict: claimgraph's own (cg:verdict) where the document carries it, counted as the editor's when the
   * mapping would say otherwise; an editor's verdict of an existing review stays; else the mapping's.
   */
  private async verdictFor(
    tx: Tx,
    d: ReviewDescription,
    existing: ReviewRow | null,
    pointer: string,
  ): Promise<{ verdict: Verdict; verdictSetByEditor: boolean }> {
    const mapped = await this.reviews.mappedVerdict(tx, d.rating.alternateName);
    if (d.verdict) return { verdict: d.verdict, verdictSetByEditor: d.verdict !== mapped };
    if (existing?.verdictSetByEditor) return { verdict: existing.verdict, verdictSetByEditor: true };
    if (mapped) return { verdict: mapped, verdictSetByEditor: false };
    throw new UserInputError(
      `No verdict is mapped for the rating "${d.rating.alternateName}": have an admin map it with setVerdictMapping, then import again`,
      at(pointer, "reviewRating", "alternateName"),
    );
  }
}

/**
 * Where an appearance's words are in an article body (UTF-16 offsets), or null: by the TextQuoteSelector (its
 * prefix and suffix pick among repeats; the positions, when given, must agree), by the positions alone, or where
 * the claim's text is. `note` receives what the caller should hear (a disagreement, an ambiguity).
 */
export function anchor(body: string, appearance: AppearanceDescription, claimText: string, note: (message: string) => void) {
  const position = appearance.position ? positionSpan(body, appearance.position.start, appearance.position.end) : null;
  const utf16 = appearance.utf16 && appearance.utf16.end <= body.length ? appearance.utf16 : null;
  const given = utf16 ?? position;
  if (appearance.quote) {
    const match = locateQuote(body, appearance.quote, given?.start);
    if (!match) return null;
    if (!match.contextMatched) note("The selector's prefix or suffix does not match around its words; the closest match is taken");
    if (match.candidates > 1 && !given) note(`The selector's words occur ${match.candidates} times with the same context; the first is taken`);
    const differs = (span: { start: number; end: number } | null) => !span || span.start !== match.start || span.end !== match.end;
    const where = `${match.start}–${match.end} in UTF-16 code units`;
    if (appearance.position && differs(position))
      note(`The TextPositionSelector does not point where the selector's words are (${where}); the words are taken`);
    if (appearance.utf16 && differs(appearance.utf16))
      note(`cg:utf16Start/cg:utf16End do not point where the selector's words are (${where}); the words are taken`);
    return { quote: appearance.quote.exact, start: match.start, end: match.end };
  }
  if (given) {
    if (utf16 && position && (utf16.start !== position.start || utf16.end !== position.end)) {
      note("The TextPositionSelector and cg:utf16Start/cg:utf16End disagree; the UTF-16 offsets are taken");
    }
    const quote = body.slice(given.start, given.end);
    if (quote.length <= MAX_QUOTE_LENGTH && quote.trim()) return { quote, start: given.start, end: given.end };
  }
  const found = occurrencesOf(body, claimText);
  if (found.length === 0) return null;
  if (found.length > 1) note(`The claim's words occur ${found.length} times in the body; the first is taken`);
  return { quote: claimText, start: found[0]!, end: found[0]! + claimText.length };
}

function appearanceData(placement: Placement) {
  return placement.type === "span"
    ? {
        articleId: placement.articleId,
        quote: placement.quote,
        start: placement.start,
        end: placement.end,
        kind: placement.kind,
        status: AppearanceStatus.ANCHORED,
      }
    : { url: placement.url, quote: placement.quote, kind: placement.kind, status: AppearanceStatus.URL_ONLY };
}

/** Placements without repeats: the same span, or the same page. */
function uniquePlacements(placements: Placement[]): Placement[] {
  const seen = new Set<string>();
  return placements.filter((p) => {
    const key = p.type === "span" ? `span ${p.articleId} ${p.start} ${p.end}` : `url ${p.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Equal as stored: dates by instant, everything else by value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

const at = (pointer: string, ...keys: string[]) => pointer + keys.map((key) => `/${key}`).join("");
