import type { Db } from "../db/client.ts";
import { Prisma, type Review as ReviewRow, type Source as SourceRow } from "../generated/prisma/client.ts";
import { ApiKeyRole, ReviewStatus, Verdict } from "../generated/prisma/enums.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { hasRole, type Viewer } from "../schema/auth.ts";
import { ConflictError, NotFoundError, UserInputError } from "../shared/errors.ts";
import { expectGlobalId } from "../shared/globalId.ts";
import { inTransaction, lockRows, type Tx } from "../db/transaction.ts";
import { bylineRows, resolveSourceRef } from "../source/source.writes.ts";
import { sortOf, type PreparedList } from "../db/lists.ts";
import { countSql, nestedPagesSql, readPageSql, type SqlSource } from "../db/listSql.ts";
import { andSql, columnOf } from "../db/filters/index.ts";
import { groupByParent, inIdOrder } from "../db/batching.ts";
import { keysetWhere, orderByFor, parsePage, toConnection, type Connection } from "../db/pages.ts";
import { BCP47 } from "../schema/validators.ts";
import { FilterScope, storableDate } from "../db/filters/scope.ts";
import {
  ReviewOrderField,
  VERDICT_COUNT,
  type CreateReviewInput,
  type RatingInput,
  type ReviewFilter,
  type ReviewListArgs,
  type UpdateReviewInput,
} from "./review.input.ts";
import { DEFAULT_VERDICTS, normalizeRating } from "./review.verdicts.ts";
import { REVIEW_SORT } from "./review.where.ts";
import { trackRecordReviewPages, trackRecords, type TrackRecordReviewsKey, type TrackRecordWindow } from "./review.trackRecord.ts";
import { claimReviewDocument, loadClaimReviews, type JsonLd } from "./review.claimReview.ts";

export type { ReviewRow };

/** As long as a rating's alternateName may be. */
const MAX_RATING_LENGTH = 200;

const REVIEWS: SqlSource = { table: "Review", columns: Object.values(Prisma.ReviewScalarFieldEnum) };
const PUBLIC_STATUSES: ReviewStatus[] = [ReviewStatus.PUBLISHED, ReviewStatus.RETRACTED];

/** Statuses the viewer may see: drafts only for editors and admins. */
function visibleStatuses(viewer: Viewer): ReviewStatus[] | undefined {
  return hasRole(viewer, ApiKeyRole.EDITOR) ? undefined : PUBLIC_STATUSES;
}

/** A rating's numbers must sit on its own scale. */
function checkRating(rating: RatingInput, path: string) {
  const { ratingValue, bestRating, worstRating } = rating;
  if (ratingValue == null) return;
  if (bestRating == null || worstRating == null) {
    throw new UserInputError(`"${path}.ratingValue" needs bestRating and worstRating, the ends of its scale`, `${path}.ratingValue`);
  }
  const [low, high] = worstRating <= bestRating ? [worstRating, bestRating] : [bestRating, worstRating];
  if (low === high) throw new UserInputError(`"${path}.bestRating" and worstRating must differ`, `${path}.bestRating`);
  if (ratingValue < low || ratingValue > high) {
    throw new UserInputError(`"${path}.ratingValue" ${ratingValue} is outside its scale (${worstRating} to ${bestRating})`, `${path}.ratingValue`);
  }
}

export class ReviewService {
  constructor(private readonly db: Db) {}

  /** The verdict the mapping gives these words: an admin's entry first, then the shipped default. */
  async mappedVerdict(tx: Tx | Db, words: string): Promise<Verdict | undefined> {
    const rating = normalizeRating(words);
    const edited = await tx.verdictMapping.findUnique({ where: { rating } });
    return edited?.verdict ?? DEFAULT_VERDICTS.get(rating);
  }

  private async verdictFor(tx: Tx, input: { verdict?: Verdict | null; rating: RatingInput }, path: string) {
    if (input.verdict) return { verdict: input.verdict, verdictSetByEditor: true };
    const verdict = await this.mappedVerdict(tx, input.rating.alternateName);
    if (!verdict) {
      throw new UserInputError(
        `No verdict is mapped for the rating "${input.rating.alternateName}": pass \`verdict\`, or have an admin map it with setVerdictMapping`,
        `${path}rating.alternateName`,
      );
    }
    return { verdict, verdictSetByEditor: false };
  }

  async create(viewer: Viewer, input: CreateReviewInput): Promise<ReviewRow> {
    checkRating(input.rating, "rating");
    const claimId = expectGlobalId(input.claim, "Claim", "claim");
    return inTransaction(this.db, async (tx) => {
      // Locked, as deleteClaim locks it: a claim being deleted cannot gain a review.
      if (!(await lockRows(tx, "Claim", [claimId])).has(claimId)) throw new NotFoundError(`No claim with id "${input.claim}"`, "claim");
      if (input.url && (await tx.review.findUnique({ where: { url: input.url }, select: { id: true } }))) {
        throw new ConflictError(`A review with url "${input.url}" exists already`, { field: "url" });
      }
      const reviewerId = await resolveSourceRef(tx, input.reviewer, "reviewer");
      const authors = await bylineRows(tx, input.authors ?? []);
      const review = await tx.review.create({
        data: {
          claimId,
          reviewerId,
          ...ratingColumns(input.rating),
          ...(await this.verdictFor(tx, input, "")),
          url: input.url ?? null,
          headline: input.headline ?? null,
          datePublished: input.datePublished ?? null,
          language: input.language ?? null,
          authors: { create: authors },
        },
      });
      await recordAudit(tx, viewer, "createReview", [
        { type: "Review", id: review.id },
        { type: "Claim", id: claimId },
      ]);
      return review;
    });
  }

  async update(viewer: Viewer, input: UpdateReviewInput): Promise<ReviewRow> {
    if (input.rating) checkRating(input.rating, "rating");
    const id = expectGlobalId(input.id, "Review", "id");
    return inTransaction(this.db, async (tx) => {
      const current = await tx.review.findUnique({ where: { id } });
      if (!current) throw new NotFoundError(`No review with id "${input.id}"`, "id");
      if (input.url && input.url !== current.url && (await tx.review.findUnique({ where: { url: input.url }, select: { id: true } }))) {
        throw new ConflictError(`A review with url "${input.url}" exists already`, { field: "url" });
      }
      const data: Prisma.ReviewUncheckedUpdateManyInput = { version: { increment: 1 } };
      if (input.reviewer) data.reviewerId = await resolveSourceRef(tx, input.reviewer, "reviewer");
      if (input.rating) Object.assign(data, ratingColumns(input.rating));
      if (input.verdict) Object.assign(data, { verdict: input.verdict, verdictSetByEditor: true });
      else if (input.rating && !current.verdictSetByEditor) Object.assign(data, await this.verdictFor(tx, { rating: input.rating }, ""));
      for (const field of ["url", "headline", "datePublished", "language"] as const) {
        if (input[field] !== undefined) Object.assign(data, { [field]: input[field] });
      }
      // The version check and the write are one statement: of two concurrent updates from one version, one wins.
      const { count } = await tx.review.updateMany({ where: { id, version: input.version }, data });
      if (count === 0) {
        // Read again: a concurrent update may have moved it since `current` was read.
        const now = (await tx.review.findUnique({ where: { id }, select: { version: true } }))?.version ?? current.version;
        throw new ConflictError(`Review "${input.id}" is at version ${now}, not ${input.version}; read it again`, { field: "version" });
      }
      if (input.authors) {
        await tx.reviewAuthor.deleteMany({ where: { reviewId: id } });
        await tx.reviewAuthor.createMany({ data: (await bylineRows(tx, input.authors)).map((row) => ({ ...row, reviewId: id })) });
      }
      await recordAudit(tx, viewer, "updateReview", [{ type: "Review", id }]);
      return tx.review.findUniqueOrThrow({ where: { id } });
    });
  }

  /** Deletes a review (with its byline); returns its id. A published one is better retracted: it stays on record. */
  async delete(viewer: Viewer, globalId: string): Promise<string> {
    const id = expectGlobalId(globalId, "Review", "id");
    return inTransaction(this.db, async (tx) => {
      const { count } = await tx.review.deleteMany({ where: { id } });
      if (count === 0) throw new NotFoundError(`No review with id "${globalId}"`, "id");
      await recordAudit(tx, viewer, "deleteReview", [{ type: "Review", id }]);
      return id;
    });
  }

  /** Moves a review to `to` from one of `from`, in one statement, so that concurrent moves cannot both apply. */
  async move(viewer: Viewer, globalId: string, from: ReviewStatus[], to: ReviewStatus, operation: string): Promise<ReviewRow> {
    const id = expectGlobalId(globalId, "Review", "id");
    return inTransaction(this.db, async (tx) => {
      const { count } = await tx.review.updateMany({ where: { id, status: { in: from } }, data: { status: to, version: { increment: 1 } } });
      if (count === 0) {
        const current = await tx.review.findUnique({ where: { id }, select: { status: true } });
        if (!current) throw new NotFoundError(`No review with id "${globalId}"`, "id");
        throw new ConflictError(`Review "${globalId}" is ${current.status}; ${operation} needs it ${from.join(" or ")}`, {
          field: "id",
          status: current.status,
        });
      }
      await recordAudit(tx, viewer, operation, [{ type: "Review", id }]);
      return tx.review.findUniqueOrThrow({ where: { id } });
    });
  }

  /** Reviews by id, as the viewer may see them: a draft is null for anonymous callers and readers. */
  async byIds(ids: readonly string[], viewer: Viewer): Promise<(ReviewRow | null)[]> {
    const statuses = visibleStatuses(viewer);
    const rows = await this.db.review.findMany({ where: { id: { in: [...ids] }, ...(statuses ? { status: { in: statuses } } : {}) } });
    return inIdOrder(ids, rows);
  }

  /** `Review.claimReview`: each review's ClaimReview JSON-LD, whatever its status (the caller could see the review); null when gone. */
  async claimReviews(ids: readonly string[]): Promise<(JsonLd | null)[]> {
    return (await loadClaimReviews(this.db, ids)).map((row) => row && claimReviewDocument(row));
  }

  /** Authors of each review, in byline order. */
  async authorsByReviewIds(ids: readonly string[]): Promise<SourceRow[][]> {
    const rows = await this.db.reviewAuthor.findMany({
      where: { reviewId: { in: [...ids] } },
      orderBy: [{ reviewId: "asc" }, { position: "asc" }],
      include: { source: true },
    });
    return groupByParent(ids, rows, (row) => row.reviewId).map((group) => group.map((row) => row.source));
  }

  private prepare(args: ReviewListArgs, viewer: Viewer): PreparedList {
    const { sort, direction } = sortOf(REVIEW_SORT, args.orderBy, ReviewOrderField.DATE_PUBLISHED);
    const page = parsePage(args, sort, direction);
    return { page, filter: reviewCondition(args.filter, viewer), pageWhere: keysetWhere(page), orderBy: orderByFor(page, this.db.provider) };
  }

  /** `reviews`: one statement for the page, one more for totalCount when selected. */
  async list(args: ReviewListArgs, viewer: Viewer): Promise<Connection<ReviewRow>> {
    const list = this.prepare(args, viewer);
    const rows = await readPageSql<ReviewRow>(this.db, REVIEWS, list);
    return toConnection(rows, list.page, () => countSql(this.db, REVIEWS.table, list.filter));
  }

  /** `Claim.reviews` (by claimId) and `Source.reviewsWritten` (by reviewerId): every parent's page in one statement. */
  pagesBy(column: "claimId" | "reviewerId", parentIds: string[], args: ReviewListArgs, viewer: Viewer) {
    return nestedPagesSql<ReviewRow>(this.db, REVIEWS, { column }, parentIds, this.prepare(args, viewer));
  }

  /** `Source.trackRecord` of many claimants over one window: one statement (review.trackRecord.ts). */
  trackRecords(claimantIds: string[], window: TrackRecordWindow) {
    return trackRecords(this.db, claimantIds, window);
  }

  /** `TrackRecord.reviews` of many claimants asked alike: one statement, one more for totalCount (review.trackRecord.ts). */
  trackRecordReviewPages(claimantIds: string[], key: TrackRecordReviewsKey) {
    return trackRecordReviewPages(this.db, claimantIds, key);
  }

  /** The verdict mapping: every shipped default and admin entry, by rating. */
  async mappings(): Promise<{ rating: string; verdict: Verdict; edited: boolean }[]> {
    const edited = await this.db.verdictMapping.findMany();
    const merged = new Map([...DEFAULT_VERDICTS].map(([rating, verdict]) => [rating, { rating, verdict, edited: false }]));
    for (const row of edited) merged.set(row.rating, { rating: row.rating, verdict: row.verdict, edited: true });
    return [...merged.values()].sort((a, b) => (a.rating < b.rating ? -1 : a.rating > b.rating ? 1 : 0));
  }

  /** Maps the words of a rating to a verdict, for reviews written from now on (existing reviews keep theirs). */
  async setMapping(viewer: Viewer, words: string, verdict: Verdict) {
    const rating = normalizeRating(words);
    if (!rating) throw new UserInputError(`"rating" must not be blank`, "rating");
    if (rating.length > MAX_RATING_LENGTH) {
      throw new UserInputError(`"rating" is ${rating.length} characters long; the limit is ${MAX_RATING_LENGTH}`, "rating", { limit: MAX_RATING_LENGTH });
    }
    return inTransaction(this.db, async (tx) => {
      await tx.verdictMapping.upsert({ where: { rating }, create: { rating, verdict }, update: { verdict } });
      await recordAudit(tx, viewer, "setVerdictMapping", []);
      return { rating, verdict, edited: true };
    });
  }
}

function ratingColumns(rating: RatingInput) {
  return {
    ratingValue: rating.ratingValue ?? null,
    bestRating: rating.bestRating ?? null,
    worstRating: rating.worstRating ?? null,
    alternateName: rating.alternateName,
    ratingExplanation: rating.ratingExplanation ?? null,
  };
}

/** The review filter and the viewer's visibility as one parameterised condition on "Review". */
function reviewCondition(filter: ReviewFilter | null | undefined, viewer: Viewer): Prisma.Sql | undefined {
  return andSql(reviewsVisible(viewer, "Review"), reviewFilterSql(filter, "Review"));
}

/** The reviews `viewer` may see, as a condition on the review row at `alias`; undefined when it sees every one. */
export function reviewsVisible(viewer: Viewer, alias: string): Prisma.Sql | undefined {
  const statuses = visibleStatuses(viewer);
  return statuses ? Prisma.sql`${columnOf(alias, "status")} IN (${Prisma.join(statuses)})` : undefined;
}

/** A ReviewFilter as a parameterised condition on the review row at `alias`; throws BAD_USER_INPUT on a bad id. */
export function reviewFilterSql(filter: ReviewFilter | null | undefined, alias: string): Prisma.Sql | undefined {
  const column = (name: string) => columnOf(alias, name);
  if (filter?.verdict && filter.verdict.length > VERDICT_COUNT) {
    throw new UserInputError(`"filter.verdict" lists ${filter.verdict.length} verdicts; there are ${VERDICT_COUNT}`, "filter.verdict", {
      limit: VERDICT_COUNT,
    });
  }
  if (filter?.language != null && !BCP47.test(filter.language)) {
    throw new UserInputError(`"filter.language" must be a BCP 47 language tag, e.g. \`en\``, "filter.language");
  }
  const scope = new FilterScope("filter");
  const from = storableDate(filter?.from, scope, "from");
  const to = storableDate(filter?.to, scope, "to");
  const reviewer = filter?.reviewer == null ? undefined : expectGlobalId(filter.reviewer, "Source", "filter.reviewer");
  const claimant = filter?.claimant == null ? undefined : expectGlobalId(filter.claimant, "Source", "filter.claimant");
  return andSql(
    filter?.verdict == null ? undefined : filter.verdict.length ? Prisma.sql`${column("verdict")} IN (${Prisma.join(filter.verdict)})` : Prisma.sql`1=0`,
    reviewer === undefined ? undefined : Prisma.sql`${column("reviewerId")} = ${reviewer}`,
    claimant === undefined ? undefined : Prisma.sql`${column("claimId")} IN (SELECT c."id" FROM "Claim" AS c WHERE c."claimantId" = ${claimant})`,
    from === undefined ? undefined : Prisma.sql`${column("datePublished")} >= ${from}`,
    to === undefined ? undefined : Prisma.sql`${column("datePublished")} < ${to}`,
    filter?.language == null ? undefined : Prisma.sql`${column("language")} = ${filter.language}`,
  );
}
