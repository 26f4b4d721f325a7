import DataLoader from "dataloader";

import { createConnectionLoader, createGroupedLoader } from "../db/batching.ts";
import type { Viewer } from "../schema/auth.ts";
import type { ReviewListArgs } from "./review.input.ts";
import type { ReviewService } from "./review.service.ts";
import type { TrackRecordReviewsKey, TrackRecordWindow } from "./review.trackRecord.ts";

/** Per-request batching for reviews, as the request's viewer may see them. */
export function createReviewLoaders(service: ReviewService, viewer: Viewer) {
  return {
    byId: new DataLoader((ids: readonly string[]) => service.byIds(ids, viewer)),
    authors: new DataLoader((ids: readonly string[]) => service.authorsByReviewIds(ids)),
    claimReview: new DataLoader((ids: readonly string[]) => service.claimReviews(ids)),
    byClaim: createConnectionLoader((ids: string[], args: ReviewListArgs) => service.pagesBy("claimId", ids, args, viewer)),
    byReviewer: createConnectionLoader((ids: string[], args: ReviewListArgs) => service.pagesBy("reviewerId", ids, args, viewer)),
    // Source.trackRecord and TrackRecord.reviews: every claimant asked alike in one statement. Published reviews only, whoever asks.
    trackRecord: createGroupedLoader((ids: string[], window: TrackRecordWindow) => service.trackRecords(ids, window)),
    trackRecordReviews: createConnectionLoader((ids: string[], key: TrackRecordReviewsKey) => service.trackRecordReviewPages(ids, key)),
  };
}
