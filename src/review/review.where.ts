import type { SortColumn } from "../db/pages.ts";
import { ReviewOrderField } from "./review.input.ts";

/** What review connections sort by: `reviews`, `Claim.reviews`, `Source.reviewsWritten` and `TrackRecord.reviews`. */
export const REVIEW_SORT: Record<ReviewOrderField, SortColumn> = {
  DATE_PUBLISHED: { key: "DATE_PUBLISHED", column: "datePublished", type: "date", nullable: true },
  CREATED_AT: { key: "CREATED_AT", column: "createdAt", type: "date", nullable: false },
};
