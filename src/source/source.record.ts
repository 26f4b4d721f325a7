import { Prisma } from "../generated/prisma/client.ts";
import type { Provider } from "../db/databaseUrl.ts";
import type { SortColumn } from "../db/pages.ts";
import { claimantRecordsSql } from "../review/review.trackRecord.ts";
import { UserInputError } from "../shared/errors.ts";
import { DEFAULT_MIN_REVIEWED, MIN_REVIEWED, SourceOrderField, type SourceOrder } from "./source.input.ts";

// Sorting sources by their track record (Query.sources only): by how many of
// their claims were reviewed, or by the share judged false. Both keys are
// computed per request from the reviews (review.trackRecord.ts), so a page
// reads from a derived table of claimants with their keys, which the resolvers
// (SourceService.list) and the planner (plan.tables.ts) page through alike.

export type RecordOrderField = SourceOrderField.REVIEWED_CLAIMS | SourceOrderField.FALSE_SHARE;

/** The computed sort keys, as columns of recordRowsSql's rows. Integers, so that they make keyset cursors. */
export const SOURCE_RECORD_SORT: Record<RecordOrderField, SortColumn> = {
  REVIEWED_CLAIMS: { key: "REVIEWED_CLAIMS", column: "reviewedClaims", type: "number", nullable: false },
  FALSE_SHARE: { key: "FALSE_SHARE", column: "falseShare", type: "number", nullable: false },
};

const isRecordField = (field: SourceOrderField): field is RecordOrderField => Object.hasOwn(SOURCE_RECORD_SORT, field);

/**
 * Checks a source order where it is used (`sources`, or `members`, which has no track-record order) and
 * returns the minimum number of reviewed claims for a track-record order, undefined for any other.
 * BAD_USER_INPUT names `orderBy.minReviewed` or `orderBy.field`.
 */
export function recordOrder(orderBy: SourceOrder | null | undefined, where: "sources" | "members"): number | undefined {
  if (!orderBy) return undefined;
  const { field, minReviewed } = orderBy;
  if (!isRecordField(field)) {
    if (minReviewed != null) {
      throw new UserInputError(`"orderBy.minReviewed" goes with REVIEWED_CLAIMS or FALSE_SHARE, not ${field}`, "orderBy.minReviewed");
    }
    return undefined;
  }
  if (where !== "sources") throw new UserInputError(`"orderBy.field" ${field} sorts Query.sources only`, "orderBy.field");
  if (minReviewed != null && minReviewed < MIN_REVIEWED) {
    throw new UserInputError(`"orderBy.minReviewed" must be at least ${MIN_REVIEWED}, got ${minReviewed}`, "orderBy.minReviewed", { limit: MIN_REVIEWED });
  }
  return minReviewed ?? DEFAULT_MIN_REVIEWED;
}

/**
 * Sources with their track-record keys: every column of Source plus "reviewedClaims" and "falseShare", one row
 * per claimant with at least `minReviewed` reviewed claims. Read as a table (`FROM (…) AS "alias"`), so that
 * the filter, the cursor and the order apply to it as to "Source".
 */
export function recordRowsSql(provider: Provider, minReviewed: number): Prisma.Sql {
  return Prisma.sql`SELECT "rs".*, "rk"."reviewedClaims" AS "reviewedClaims", "rk"."falseShare" AS "falseShare"
    FROM "Source" AS "rs" JOIN (${claimantRecordsSql(provider, minReviewed)}) AS "rk" ON "rk"."claimantId" = "rs"."id"`;
}
