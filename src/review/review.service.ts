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
import { keysetWhere, orderByFor, parsePage, toConnection, type Connection, type SortColumn } from "../db/pages.ts";
import { TrackRecordPeriod, type TrackRecord, type VerdictCount } from "./review.type.ts";
import type { Provider } from "../db/databaseUrl.ts";
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
import { claimReviewDocument, loadClaimReviews, type JsonLd } from "./review.claimReview.ts";

export type { ReviewRow };

/** As long as a rating's alternateName may be. */
const MAX_RATING_LENGTH = 200;

export const REVIEW_SORT: Record<ReviewOrderField, SortColumn> = {
  DATE_PUBLISHED: { key: "DATE_PUBLISHED", column: "datePublished", type: "date", nullable: true },
  CREATED_AT: { key: "CREATED_AT", column: "createdAt", type: "date", nullable: false },
};

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

  /** `Source.trackRecord`; `channel` and `reportedBy` are global ids. */
  trackRecord(
    claimantId: string,
    args: { period: TrackRecordPeriod; from?: Date | null; to?: Date | null; channel?: string | null; reportedBy?: string | null },
  ): Promise<TrackRecord> {
    const { period, from, to, channel, reportedBy } = args;
    return trackRecord(this.db, {
      claimantId,
      period,
      from,
      to,
      channelId: channel == null ? null : expectGlobalId(channel, "Source", "channel"),
      reportedById: reportedBy == null ? null : expectGlobalId(reportedBy, "Source", "reportedBy"),
    });
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

export type TrackRecordQuery = {
  claimantId: string;
  from?: Date | null;
  to?: Date | null;
  channelId?: string | null;
  reportedById?: string | null;
  period: TrackRecordPeriod;
};

const SCALE = Object.values(Verdict);

/** The period label of a date column, the same text on both backends. */
function periodSql(provider: Provider, column: Prisma.Sql, period: TrackRecordPeriod): Prisma.Sql {
  if (provider === "postgresql") {
    const format = { MONTH: "YYYY-MM", QUARTER: 'YYYY-"Q"Q', YEAR: "YYYY" }[period];
    return Prisma.sql`to_char(${column}, ${format})`;
  }
  if (period === "MONTH") return Prisma.sql`strftime('%Y-%m', ${column})`;
  if (period === "YEAR") return Prisma.sql`strftime('%Y', ${column})`;
  return Prisma.sql`strftime('%Y', ${column}) || '-Q' || ((CAST(strftime('%m', ${column}) AS INTEGER) + 2) / 3)`;
}

const byCount = (a: VerdictCount, b: VerdictCount) => b.count - a.count || SCALE.indexOf(a.verdict) - SCALE.indexOf(b.verdict);

/**
 * A claimant's track record: how its reviewed claims were judged. Each claim counts once, under its latest
 * published review (within from/to), in the period of that review's datePublished. One statement.
 */
export async function trackRecord(db: Db, query: TrackRecordQuery): Promise<TrackRecord> {
  const review = (name: string) => columnOf("r", name);
  const claim = (name: string) => columnOf("c", name);
  // The latest published review of each claim, by the index on Review(claimId, datePublished, id): one lookup per
  // claim of the claimant (by the index on Claim(claimantId, …)), never a pass over all reviews.
  const inWindow = andSql(
    Prisma.sql`${review("claimId")} = ${claim("id")}`,
    Prisma.sql`${review("status")} = ${ReviewStatus.PUBLISHED}`,
    query.from == null ? undefined : Prisma.sql`${review("datePublished")} >= ${query.from}`,
    query.to == null ? undefined : Prisma.sql`${review("datePublished")} < ${query.to}`,
  );
  const claims = andSql(
    Prisma.sql`${claim("claimantId")} = ${query.claimantId}`,
    query.channelId == null ? undefined : Prisma.sql`${claim("channelId")} = ${query.channelId}`,
    query.reportedById == null ? undefined : Prisma.sql`${claim("reportedById")} = ${query.reportedById}`,
  );
  const latest = Prisma.sql`SELECT ${review("id")}, ${review("verdict")}, ${review("datePublished")} FROM "Review" AS "r" WHERE ${inWindow}
    ORDER BY ${review("datePublished")} DESC NULLS LAST, ${review("id")} DESC LIMIT 1`;
  // PostgreSQL would hash-join a subquery's id against every review; LATERAL keeps it a lookup per claim.
  const latestReview =
    db.provider === "postgresql"
      ? Prisma.sql`CROSS JOIN LATERAL (${latest}) AS "latest"`
      : Prisma.sql`JOIN "Review" AS "latest" ON "latest"."id" = (SELECT "id" FROM (${latest}))`;
  const rows = await db.reader().$queryRaw<{ verdict: Verdict; period: string | null; n: number | bigint }[]>(Prisma.sql`
    SELECT "latest"."verdict" AS "verdict", ${periodSql(db.provider, Prisma.sql`"latest"."datePublished"`, query.period)} AS "period", COUNT(*) AS "n"
    FROM "Claim" AS "c" ${latestReview}
    WHERE ${claims}
    GROUP BY 1, 2`);
  const total = new Map<Verdict, number>();
  const periods = new Map<string | null, Map<Verdict, number>>();
  for (const { verdict, period, n } of rows) {
    const count = Number(n);
    total.set(verdict, (total.get(verdict) ?? 0) + count);
    const slice = periods.get(period) ?? new Map<Verdict, number>();
    slice.set(verdict, (slice.get(verdict) ?? 0) + count);
    periods.set(period, slice);
  }
  const counts = (map: Map<Verdict, number>) => [...map].map(([verdict, count]) => ({ verdict, count })).sort(byCount);
  const sum = (map: Map<Verdict, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  return {
    reviewedClaims: sum(total),
    verdicts: counts(total),
    periods: [...periods]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
      .map(([period, slice]) => ({ period, reviewedClaims: sum(slice), verdicts: counts(slice) })),
  };
}
