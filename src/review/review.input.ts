import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { GraphQLDateTime, GraphQLURL } from "graphql-scalars";
import { ArrayMaxSize, IsInt, ValidateNested } from "class-validator";

import { ConnectionArgs } from "../schema/connection.ts";
import { OrderInput } from "../schema/order.ts";
import { IsLanguageTag, IsSaneDate, IsText } from "../schema/validators.ts";
import { SourceRef } from "../source/source.input.ts";
import { Verdict } from "./review.type.ts";

export const MAX_REVIEW_AUTHORS = 20;
/** The most verdicts a filter lists: there are nine. */
export const VERDICT_COUNT = Object.keys(Verdict).length;

@InputType({ description: "A rating as the fact-checker published it." })
export class RatingInput {
  @Field(() => Int, { nullable: true, description: "On the fact-checker's numeric scale; needs bestRating and worstRating." })
  @IsInt()
  ratingValue?: number | null;

  @Field(() => Int, { nullable: true, description: "The best value of the scale." })
  @IsInt()
  bestRating?: number | null;

  @Field(() => Int, { nullable: true, description: "The worst value of the scale." })
  @IsInt()
  worstRating?: number | null;

  @Field(() => String, { description: 'The verdict in words, as published, e.g. "Mostly false".' })
  @IsText(200)
  alternateName: string;

  @Field(() => String, { nullable: true, description: "Why the claim got this rating." })
  @IsText(5000)
  ratingExplanation?: string | null;
}

@InputType({ description: "A new review of a claim. It starts as a draft; publishReview publishes it." })
export class CreateReviewInput {
  @Field(() => ID, { description: "The claim reviewed." })
  claim: string;

  @Field(() => SourceRef, { description: "The fact-checking organisation." })
  @ValidateNested()
  reviewer: SourceRef;

  @Field(() => [SourceRef], { nullable: true, description: `The people who wrote it, in byline order (at most ${MAX_REVIEW_AUTHORS}).` })
  @ArrayMaxSize(MAX_REVIEW_AUTHORS)
  @ValidateNested({ each: true })
  authors?: SourceRef[] | null;

  @Field(() => RatingInput, { description: "The rating as published." })
  @ValidateNested()
  rating: RatingInput;

  @Field(() => Verdict, { nullable: true, description: "The verdict on claimgraph's scale; mapped from `rating.alternateName` when left out." })
  verdict?: Verdict | null;

  @Field(() => GraphQLURL, { nullable: true, description: "Where the review is published (unique)." })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "The review's headline." })
  @IsText(500)
  headline?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the review was published." })
  @IsSaneDate()
  datePublished?: Date | null;

  @Field(() => String, { nullable: true, description: "BCP 47 language tag, e.g. `en`." })
  @IsLanguageTag()
  language?: string | null;
}

@InputType({ description: "Changes to a review; fields left out stay as they are." })
export class UpdateReviewInput {
  @Field(() => ID, { description: "The review." })
  id: string;

  @Field(() => Int, { description: "The review's current version; a stale one gets CONFLICT." })
  @IsInt()
  version: number;

  @Field(() => SourceRef, { nullable: true, description: "The fact-checking organisation." })
  @ValidateNested()
  reviewer?: SourceRef | null;

  @Field(() => [SourceRef], { nullable: true, description: "The authors, replacing the old list." })
  @ArrayMaxSize(MAX_REVIEW_AUTHORS)
  @ValidateNested({ each: true })
  authors?: SourceRef[] | null;

  @Field(() => RatingInput, { nullable: true, description: "The rating, replacing the old one." })
  @ValidateNested()
  rating?: RatingInput | null;

  @Field(() => Verdict, {
    nullable: true,
    description: "The verdict; with a new rating and no verdict, the verdict is mapped again (unless an editor had set it).",
  })
  verdict?: Verdict | null;

  @Field(() => GraphQLURL, { nullable: true, description: "Where the review is published." })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "The review's headline." })
  @IsText(500)
  headline?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the review was published." })
  @IsSaneDate()
  datePublished?: Date | null;

  @Field(() => String, { nullable: true, description: "BCP 47 language tag." })
  @IsLanguageTag()
  language?: string | null;
}

export enum ReviewOrderField {
  DATE_PUBLISHED = "DATE_PUBLISHED",
  CREATED_AT = "CREATED_AT",
}

registerEnumType(ReviewOrderField, {
  name: "ReviewOrderField",
  description: "What reviews can be sorted by.",
  valuesConfig: { DATE_PUBLISHED: { description: "When published; undated reviews last." }, CREATED_AT: { description: "When recorded." } },
});

export const ReviewOrder = OrderInput(ReviewOrderField, "Review", "reviews");
export type ReviewOrder = InstanceType<typeof ReviewOrder>;

// Checked where the filter becomes SQL (reviewFilterSql), so that the planner and the resolvers refuse alike.
@InputType({ description: "Conditions on reviews; all given conditions must hold." })
export class ReviewFilter {
  @Field(() => [Verdict], { nullable: true, description: `One of these verdicts (at most ${VERDICT_COUNT}).` })
  verdict?: Verdict[] | null;

  @Field(() => ID, { nullable: true, description: "Written by this fact-checker (a Source id)." })
  reviewer?: string | null;

  @Field(() => ID, { nullable: true, description: "Of a claim made by this claimant (a Source id)." })
  claimant?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "Published at or after this instant." })
  from?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "Published before this instant." })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: "In this language (BCP 47 tag, exact)." })
  language?: string | null;
}

@ArgsType()
export class ReviewListArgs extends ConnectionArgs {
  @Field(() => ReviewFilter, { nullable: true, description: "Only reviews that match." })
  filter?: ReviewFilter | null;

  @Field(() => ReviewOrder, { nullable: true, description: "Sort order (default: datePublished ascending, undated last)." })
  orderBy?: ReviewOrder | null;
}

/** `TrackRecord.reviews`: the reviews its counts stand on, narrowed to one verdict and/or one period. Checked in review.trackRecord.ts. */
@ArgsType()
export class TrackRecordReviewsArgs extends ConnectionArgs {
  @Field(() => Verdict, { nullable: true, description: "Only claims whose latest published review gave this verdict (the reviews behind `verdicts`)." })
  verdict?: Verdict | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only the period with this label, as `periods.period` spells it for the track record's grouping: `2025` by YEAR, `2025-Q3` by QUARTER, `2025-06` by MONTH.",
  })
  period?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only undated reviews (the period whose label is null); false: only dated ones. Cannot be true with `period`.",
  })
  undated?: boolean | null;

  @Field(() => ReviewOrder, { nullable: true, description: "Sort order (default: datePublished ascending, undated last)." })
  orderBy?: ReviewOrder | null;
}
