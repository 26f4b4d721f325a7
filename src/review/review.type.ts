import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime, GraphQLURL } from "graphql-scalars";

import { ReviewStatus, Verdict } from "../generated/prisma/enums.ts";
import { Node } from "../node/node.ts";
import { ConnectionType } from "../schema/connection.ts";

export { ReviewStatus, Verdict };

registerEnumType(Verdict, {
  name: "Verdict",
  description: "claimgraph's normalised verdict scale, so that reviews from different fact-checkers compare.",
  valuesConfig: {
    TRUE: { description: "Accurate." },
    MOSTLY_TRUE: { description: "Accurate, with minor problems." },
    MIXED: { description: "Partly accurate, partly not." },
    MOSTLY_FALSE: { description: "Mostly inaccurate." },
    FALSE: { description: "Inaccurate." },
    MISLEADING: { description: "True in its parts, misleading as a whole (missing context, cherry-picked)." },
    UNPROVEN: { description: "No evidence either way." },
    SATIRE: { description: "Satire taken as fact." },
    OUTDATED: { description: "True once, no longer." },
  },
});

registerEnumType(ReviewStatus, {
  name: "ReviewStatus",
  description: "Where a review is in its life. Anonymous callers and reader keys see PUBLISHED and RETRACTED reviews; editors see drafts too.",
  valuesConfig: {
    DRAFT: { description: "Being written; seen by editors only." },
    PUBLISHED: { description: "Published." },
    RETRACTED: { description: "Withdrawn by the fact-checker; kept, and shown as retracted." },
  },
});

@ObjectType({ description: "A rating as the fact-checker published it (schema.org Rating)." })
export class Rating {
  @Field(() => Int, { nullable: true, description: "The rating on the fact-checker's own numeric scale." })
  ratingValue: number | null;

  @Field(() => Int, { nullable: true, description: "The best value of that scale." })
  bestRating: number | null;

  @Field(() => Int, { nullable: true, description: "The worst value of that scale." })
  worstRating: number | null;

  @Field(() => String, { description: 'The verdict in words, as published, e.g. "Mostly false".' })
  alternateName: string;

  @Field(() => String, { nullable: true, description: "Why the claim got this rating." })
  ratingExplanation: string | null;
}

@ObjectType({ implements: Node, description: "A fact-checker's review of one claim (schema.org ClaimReview)." })
export class Review extends Node {
  @Field(() => Verdict, { description: "The verdict on claimgraph's scale: set by the editor, or mapped from the rating's words." })
  verdict: Verdict;

  @Field(() => Boolean, { description: "True when an editor set `verdict`; false when it was mapped from `rating.alternateName`." })
  verdictSetByEditor: boolean;

  @Field(() => GraphQLURL, { nullable: true, description: "Where the review is published." })
  url: string | null;

  @Field(() => String, { nullable: true, description: "The review's headline." })
  headline: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the review was published." })
  datePublished: Date | null;

  @Field(() => String, { nullable: true, description: "BCP 47 language tag of the review." })
  language: string | null;

  @Field(() => ReviewStatus, { description: "DRAFT, PUBLISHED or RETRACTED." })
  status: ReviewStatus;

  @Field(() => Int, { description: "Goes up by one with every change; pass it back to updateReview." })
  version: number;

  @Field(() => GraphQLDateTime, { description: "When this record was created." })
  createdAt: Date;

  @Field(() => GraphQLDateTime, { description: "When this record was last changed." })
  updatedAt: Date;

  claimId: string;
  reviewerId: string;
  ratingValue: number | null;
  bestRating: number | null;
  worstRating: number | null;
  alternateName: string;
  ratingExplanation: string | null;
}

export const ReviewConnection = ConnectionType(Review, "Review", "review");

@ObjectType({ description: "How a textual rating maps to a verdict." })
export class VerdictMappingEntry {
  @Field(() => String, { description: "The rating's words, lower-cased, spaces collapsed." })
  rating: string;

  @Field(() => Verdict, { description: "The verdict it maps to." })
  verdict: Verdict;

  @Field(() => Boolean, { description: "True when an admin set or changed this entry; false for a shipped default." })
  edited: boolean;
}

// How a track record groups its counts; the track record's own types are in review.trackRecord.type.ts.

export enum TrackRecordPeriod {
  MONTH = "MONTH",
  QUARTER = "QUARTER",
  YEAR = "YEAR",
}

registerEnumType(TrackRecordPeriod, {
  name: "TrackRecordPeriod",
  description: "How a track record groups its counts in time, by the review's datePublished (UTC).",
  valuesConfig: { MONTH: { description: "e.g. 2025-06" }, QUARTER: { description: "e.g. 2025-Q2" }, YEAR: { description: "e.g. 2025" } },
});
