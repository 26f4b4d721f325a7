import { Args, Ctx, Field, Float, Int, ObjectType } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { TrackRecordReviewsArgs } from "./review.input.ts";
import { FALSE_VERDICTS, trackRecordReviewsRequest, type TrackRecordWindow } from "./review.trackRecord.ts";
import { ReviewConnection, Verdict } from "./review.type.ts";

// A claimant's track record (Source.trackRecord): counts computed in SQL by
// review.trackRecord.ts, and the reviews behind them as a connection.

@ObjectType({ description: "How many reviewed claims got one verdict." })
export class VerdictCount {
  @Field(() => Verdict, { description: "The verdict." })
  verdict: Verdict;

  @Field(() => Int, { description: "Claims whose latest published review gave it." })
  count: number;
}

@ObjectType({ description: "The counts of one period." })
export class TrackRecordSlice {
  @Field(() => String, { nullable: true, description: "The period, e.g. 2025-06, 2025-Q2 or 2025; null for reviews without a date." })
  period: string | null;

  @Field(() => Int, { description: "Claims counted in this period." })
  reviewedClaims: number;

  @Field(() => [VerdictCount], { description: "Per verdict, most frequent first (then in scale order)." })
  verdicts: VerdictCount[];
}

@ObjectType({ description: "How a claimant's reviewed claims were judged: each claim once, under its latest published review." })
export class TrackRecord {
  @Field(() => Int, { description: "Claims with at least one published review in the window." })
  reviewedClaims: number;

  @Field(() => Float, {
    nullable: true,
    description: `The share of reviewedClaims judged ${FALSE_VERDICTS.join(" or ")} (0 to 1); null when none was reviewed. \`sources(orderBy: { field: FALSE_SHARE })\` sorts by it, over all time.`,
  })
  falseShare: number | null;

  @Field(() => [VerdictCount], { description: "Per verdict, over the whole window." })
  verdicts: VerdictCount[];

  @Field(() => [TrackRecordSlice], { description: "Per period, oldest first (undated reviews last)." })
  periods: TrackRecordSlice[];

  /** Whose record this is, and the window it was asked for: what `reviews` reads. */
  claimantId: string;
  window: TrackRecordWindow;

  @Field(() => ReviewConnection, {
    description:
      "The reviews behind the counts, so anyone can check them: for each claim counted, the latest published review that put it there. " +
      "Their totalCount is reviewedClaims; narrowed to a verdict or a period, it is that count.",
  })
  reviews(@Args(() => TrackRecordReviewsArgs) args: TrackRecordReviewsArgs, @Ctx() ctx: Context) {
    const key = { window: this.window, args: { ...args } };
    // Checked here, so that a bad argument fails this field alone rather than the batch it would join.
    trackRecordReviewsRequest(key);
    return ctx.loaders.review.trackRecordReviews.load({ parentId: this.claimantId, args: key });
  }
}
