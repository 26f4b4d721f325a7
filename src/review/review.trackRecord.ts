import type { Db } from "../db/client.ts";
import type { Provider } from "../db/databaseUrl.ts";
import { andSql, columnOf } from "../db/filters/index.ts";
import { EARLIEST_DATE, LATEST_DATE } from "../db/filters/scope.ts";
import { sortOf } from "../db/lists.ts";
import { keysetSql, orderSql } from "../db/listSql.ts";
import { pagesByParent, parsePage, untagRows, type Connection, type PageRequest } from "../db/pages.ts";
import { Prisma, type Review as ReviewRow } from "../generated/prisma/client.ts";
import { ReviewStatus, Verdict } from "../generated/prisma/enums.ts";
import { UserInputError } from "../shared/errors.ts";
import { expectGlobalId } from "../shared/globalId.ts";
import { ReviewOrderField, type TrackRecordReviewsArgs } from "./review.input.ts";
import { TrackRecordPeriod } from "./review.type.ts";
import { REVIEW_SORT } from "./review.where.ts";

// A claimant's track record in SQL: each of its claims counts once, under its
// latest published review (by datePublished, undated last, then id). The
// counts, the reviews behind them (TrackRecord.reviews) and the claimants'
// records that Query.sources sorts by all read that one definition.

type Sql = Prisma.Sql;

/** What a track record covers: Source.trackRecord's arguments, with the source ids decoded. */
export type TrackRecordWindow = {
  period: TrackRecordPeriod;
  from: Date | null;
  to: Date | null;
  channelId: string | null;
  reportedById: string | null;
};

export type VerdictCountData = { verdict: Verdict; count: number };

/** A track record's counts, and what TrackRecord.reviews needs to read the reviews behind them. */
export type TrackRecordData = {
  claimantId: string;
  window: TrackRecordWindow;
  reviewedClaims: number;
  falseShare: number | null;
  verdicts: VerdictCountData[];
  periods: { period: string | null; reviewedClaims: number; verdicts: VerdictCountData[] }[];
};

/** The verdicts whose share Query.sources(orderBy: FALSE_SHARE) sorts by. */
export const FALSE_VERDICTS: readonly Verdict[] = [Verdict.FALSE, Verdict.MOSTLY_FALSE];

const SCALE = Object.values(Verdict);
const REVIEW_COLUMNS = Object.values(Prisma.ReviewScalarFieldEnum);

const storable = (date: Date) => date.getTime() >= EARLIEST_DATE && date.getTime() <= LATEST_DATE;

/** Source.trackRecord's arguments as a window; BAD_USER_INPUT on a bad id or an unstorable date. */
export function trackRecordWindow(args: {
  period: TrackRecordPeriod;
  from?: Date | null;
  to?: Date | null;
  channel?: string | null;
  reportedBy?: string | null;
}): TrackRecordWindow {
  for (const name of ["from", "to"] as const) {
    const date = args[name];
    if (date != null && !storable(date)) throw new UserInputError(`"${name}" must be between the years 1 and 9999`, name);
  }
  return {
    period: args.period,
    from: args.from ?? null,
    to: args.to ?? null,
    channelId: args.channel == null ? null : expectGlobalId(args.channel, "Source", "channel"),
    reportedById: args.reportedBy == null ? null : expectGlobalId(args.reportedBy, "Source", "reportedBy"),
  };
}

/**
 * Every claim of the claimants (alias "c") joined with its latest published review in the window (alias
 * "latest", a whole Review row). One index lookup per claim: the claims by the index on Claim(claimantId, …),
 * the latest review of each by the index on Review(claimId, datePublished, id). Never a pass over all reviews.
 */
function latestReviews(provider: Provider, window: TrackRecordWindow, claimantIds: string[]): { from: Sql; where: Sql } {
  const review = (name: string) => columnOf("r", name);
  const claim = (name: string) => columnOf("c", name);
  const inWindow = andSql(
    Prisma.sql`${review("claimId")} = ${claim("id")}`,
    Prisma.sql`${review("status")} = ${ReviewStatus.PUBLISHED}`,
    window.from == null ? undefined : Prisma.sql`${review("datePublished")} >= ${window.from}`,
    window.to == null ? undefined : Prisma.sql`${review("datePublished")} < ${window.to}`,
  );
  const latest = (columns: Sql) =>
    Prisma.sql`SELECT ${columns} FROM "Review" AS "r" WHERE ${inWindow} ORDER BY ${review("datePublished")} DESC NULLS LAST, ${review("id")} DESC LIMIT 1`;
  // PostgreSQL would hash-join a subquery's id against every review; LATERAL keeps it a lookup per claim.
  const from =
    provider === "postgresql"
      ? Prisma.sql`"Claim" AS "c" CROSS JOIN LATERAL (${latest(Prisma.sql`"r".*`)}) AS "latest"`
      : Prisma.sql`"Claim" AS "c" JOIN "Review" AS "latest" ON "latest"."id" = (SELECT "id" FROM (${latest(review("id"))}))`;
  const where = andSql(
    claimantIds.length === 1 ? Prisma.sql`${claim("claimantId")} = ${claimantIds[0]}` : Prisma.sql`${claim("claimantId")} IN (${Prisma.join(claimantIds)})`,
    window.channelId == null ? undefined : Prisma.sql`${claim("channelId")} = ${window.channelId}`,
    window.reportedById == null ? undefined : Prisma.sql`${claim("reportedById")} = ${window.reportedById}`,
  )!;
  return { from, where };
}

/** The period label of a date column, the same text on both backends. */
function periodSql(provider: Provider, column: Sql, period: TrackRecordPeriod): Sql {
  if (provider === "postgresql") {
    const format = { MONTH: "YYYY-MM", QUARTER: 'YYYY-"Q"Q', YEAR: "YYYY" }[period];
    return Prisma.sql`to_char(${column}, ${format})`;
  }
  if (period === "MONTH") return Prisma.sql`strftime('%Y-%m', ${column})`;
  if (period === "YEAR") return Prisma.sql`strftime('%Y', ${column})`;
  return Prisma.sql`strftime('%Y', ${column}) || '-Q' || ((CAST(strftime('%m', ${column}) AS INTEGER) + 2) / 3)`;
}

const byCount = (a: VerdictCountData, b: VerdictCountData) => b.count - a.count || SCALE.indexOf(a.verdict) - SCALE.indexOf(b.verdict);

/**
 * The track records of many claimants over one window, in one statement: how each one's reviewed claims were
 * judged, per verdict and per period of the latest review's datePublished. Every claimant asked gets a record.
 */
export async function trackRecords(db: Db, claimantIds: string[], window: TrackRecordWindow): Promise<Map<string, TrackRecordData>> {
  const { from, where } = latestReviews(db.provider, window, claimantIds);
  const rows = await db.reader().$queryRaw<{ claimant: string; verdict: Verdict; period: string | null; n: number | bigint }[]>(Prisma.sql`
    SELECT "c"."claimantId" AS "claimant", "latest"."verdict" AS "verdict", ${periodSql(db.provider, Prisma.sql`"latest"."datePublished"`, window.period)} AS "period", COUNT(*) AS "n"
    FROM ${from}
    WHERE ${where}
    GROUP BY 1, 2, 3`);
  const byClaimant = new Map(claimantIds.map((id) => [id, new Map<string | null, Map<Verdict, number>>()]));
  for (const { claimant, verdict, period, n } of rows) {
    const periods = byClaimant.get(claimant)!;
    const slice = periods.get(period) ?? new Map<Verdict, number>();
    slice.set(verdict, (slice.get(verdict) ?? 0) + Number(n));
    periods.set(period, slice);
  }
  const counts = (map: Map<Verdict, number>) => [...map].map(([verdict, count]) => ({ verdict, count })).sort(byCount);
  const sum = (map: Map<Verdict, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  const records = new Map<string, TrackRecordData>();
  for (const [claimantId, periods] of byClaimant) {
    const total = new Map<Verdict, number>();
    for (const slice of periods.values()) for (const [verdict, count] of slice) total.set(verdict, (total.get(verdict) ?? 0) + count);
    const reviewedClaims = sum(total);
    const falseClaims = FALSE_VERDICTS.reduce((n, verdict) => n + (total.get(verdict) ?? 0), 0);
    records.set(claimantId, {
      claimantId,
      window,
      reviewedClaims,
      falseShare: reviewedClaims ? falseClaims / reviewedClaims : null,
      verdicts: counts(total),
      periods: [...periods]
        .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
        .map(([period, slice]) => ({ period, reviewedClaims: sum(slice), verdicts: counts(slice) })),
    });
  }
  return records;
}

// Period labels as periodSql writes them, and the UTC months each spans.
const PERIOD_LABEL: Record<TrackRecordPeriod, { pattern: RegExp; example: string; months: number }> = {
  YEAR: { pattern: /^(\d{4})$/, example: "a year such as 2025", months: 12 },
  QUARTER: { pattern: /^(\d{4})-Q([1-4])$/, example: "a quarter such as 2025-Q3", months: 3 },
  MONTH: { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, example: "a month such as 2025-06", months: 1 },
};

/** The first instant of a UTC month (years below 100 included, which Date.UTC would take for 19xx). */
function monthStart(year: number, month: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 1);
  return date;
}

/** The instants a period label covers, [from, to); `to` is null past the last storable year. */
export function periodRange(period: TrackRecordPeriod, label: string, field = "period"): { from: Date; to: Date | null } {
  const { pattern, example, months } = PERIOD_LABEL[period];
  const match = pattern.exec(label);
  const year = Number(match?.[1]);
  if (!match || year < 1) {
    throw new UserInputError(`"${field}" must be ${example}: this track record groups by ${period}`, field, { period });
  }
  const part = Number(match[2] ?? 1);
  const first = period === "QUARTER" ? (part - 1) * 3 : period === "MONTH" ? part - 1 : 0;
  const to = monthStart(year, first + months);
  return { from: monthStart(year, first), to: storable(to) ? to : null };
}

/** TrackRecord.reviews for one claimant: the record's window and the field's own arguments. */
export type TrackRecordReviewsKey = { window: TrackRecordWindow; args: TrackRecordReviewsArgs };

type ReviewsRequest = { page: PageRequest; only: (alias: string) => Sql | undefined };

/** Checks TrackRecord.reviews' arguments (BAD_USER_INPUT naming the argument) and compiles them. */
export function trackRecordReviewsRequest({ window, args }: TrackRecordReviewsKey): ReviewsRequest {
  const { sort, direction } = sortOf(REVIEW_SORT, args.orderBy, ReviewOrderField.DATE_PUBLISHED);
  const page = parsePage(args, sort, direction);
  if (args.undated === true && args.period != null) {
    throw new UserInputError(`"undated" cannot be true with "period": undated reviews have no period`, "undated");
  }
  const range = args.period == null ? undefined : periodRange(window.period, args.period);
  const { verdict, undated } = args;
  return {
    page,
    only: (alias) => {
      const date = columnOf(alias, "datePublished");
      return andSql(
        verdict == null ? undefined : Prisma.sql`${columnOf(alias, "verdict")} = ${verdict}`,
        range === undefined ? undefined : Prisma.sql`${date} >= ${range.from}`,
        range?.to == null ? undefined : Prisma.sql`${date} < ${range.to}`,
        undated === true ? Prisma.sql`${date} IS NULL` : undated === false ? Prisma.sql`${date} IS NOT NULL` : undefined,
      );
    },
  };
}

/**
 * TrackRecord.reviews for many claimants with the same arguments, in one statement: each claimant's latest
 * published reviews (one per claim, as its counts take them), narrowed to a verdict or a period, ranked per
 * claimant in the page's order with `limit + 1` kept. totalCount is one more statement for the batch, if selected.
 */
export async function trackRecordReviewPages(db: Db, claimantIds: string[], key: TrackRecordReviewsKey): Promise<Map<string, Connection<ReviewRow>>> {
  if (claimantIds.length === 0) return new Map();
  const { page, only } = trackRecordReviewsRequest(key);
  const { from, where } = latestReviews(db.provider, key.window, claimantIds);
  const within = andSql(where, only("latest"))!;
  const columns = Prisma.join(REVIEW_COLUMNS.map((column) => columnOf("latest", column)));
  type Raw = ReviewRow & { __parent: string; __rank: unknown };
  const raw = await db.reader().$queryRaw<Raw[]>(Prisma.sql`SELECT * FROM (
    SELECT ${columns}, "c"."claimantId" AS "__parent", ROW_NUMBER() OVER (PARTITION BY "c"."claimantId" ORDER BY ${orderSql(page, "latest", true)}) AS "__rank"
    FROM ${from} WHERE ${andSql(within, keysetSql(page, "latest"))}
  ) AS "p" WHERE "p"."__rank" <= ${page.limit + 1} ORDER BY "p"."__parent", "p"."__rank"`);
  const { rows, parentsOf } = untagRows<ReviewRow>(raw);
  return pagesByParent(claimantIds, rows, parentsOf, page, async () => {
    const counts = await db
      .reader()
      .$queryRaw<{ parent: string; n: number | bigint }[]>(
        Prisma.sql`SELECT "c"."claimantId" AS "parent", COUNT(*) AS "n" FROM ${from} WHERE ${within} GROUP BY "c"."claimantId"`,
      );
    return new Map(counts.map(({ parent, n }) => [parent, Number(n)]));
  });
}

/** How finely FALSE_SHARE is kept as an integer sort key: parts per billion, exact for claimants with under 31,000 reviewed claims. */
export const SHARE_SCALE = 1_000_000_000;

/**
 * Every claimant's record over all time, as rows of ("claimantId", "reviewedClaims", "falseShare"), for claimants
 * with at least `minReviewed` reviewed claims: the latest published review of every reviewed claim, counted per
 * claimant. "falseShare" is the FALSE_VERDICTS share in parts per SHARE_SCALE (an integer, so that it makes a
 * keyset cursor). This reads every published review once: it serves a sort over all claimants, not one record.
 */
export function claimantRecordsSql(provider: Provider, minReviewed: number): Sql {
  return Prisma.sql`SELECT "rc"."claimantId" AS "claimantId", COUNT(*) AS "reviewedClaims",
      SUM(CASE WHEN "rl"."verdict" IN (${Prisma.join(FALSE_VERDICTS)}) THEN 1 ELSE 0 END) * ${Prisma.raw(String(SHARE_SCALE))} / COUNT(*) AS "falseShare"
    FROM (${latestPerClaimSql(provider)}) AS "rl"
    JOIN "Claim" AS "rc" ON "rc"."id" = "rl"."claimId"
    WHERE "rc"."claimantId" IS NOT NULL
    GROUP BY "rc"."claimantId"
    HAVING COUNT(*) >= ${minReviewed}`;
}

/**
 * ("claimId", "verdict") of the latest published review of every reviewed claim, the one latestReviews picks
 * (datePublished descending, undated last, then id descending), in one pass over the index on
 * Review(claimId, datePublished, id). SQLite reads the index in its own order, where undated reviews come first
 * and the latest is each claim's last row; PostgreSQL sorts once for DISTINCT ON, which also gives its planner a
 * fair count of the rows (a filter on ROW_NUMBER() = 1 it takes for a handful, and then joins them in a loop).
 */
function latestPerClaimSql(provider: Provider): Sql {
  const published = Prisma.sql`"rr"."status" = ${ReviewStatus.PUBLISHED}`;
  if (provider === "postgresql") {
    return Prisma.sql`SELECT DISTINCT ON ("rr"."claimId") "rr"."claimId" AS "claimId", "rr"."verdict" AS "verdict"
      FROM "Review" AS "rr" WHERE ${published}
      ORDER BY "rr"."claimId", "rr"."datePublished" DESC NULLS LAST, "rr"."id" DESC`;
  }
  return Prisma.sql`SELECT "claimId", "verdict" FROM (
      SELECT "rr"."claimId" AS "claimId", "rr"."verdict" AS "verdict",
        LEAD("rr"."claimId") OVER (ORDER BY "rr"."claimId", "rr"."datePublished", "rr"."id") AS "next"
      FROM "Review" AS "rr" WHERE ${published}
    ) AS "ordered" WHERE "next" IS NOT "claimId"`;
}
