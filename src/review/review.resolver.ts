import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";

import type { Context } from "../graphql/context.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { Claim } from "../claim/claim.type.ts";
import { MAX_APPEARANCES_PER_CLAIM } from "../claim/claim.input.ts";
import { boundedList } from "../schema/complexity.ts";
import { expectGlobalId, toGlobalId } from "../shared/globalId.ts";
import { Source } from "../source/source.type.ts";
import { CreateReviewInput, MAX_REVIEW_AUTHORS, ReviewListArgs, UpdateReviewInput } from "./review.input.ts";
import { ReviewStatus } from "./review.type.ts";
import { Rating, Review, ReviewConnection, Verdict, VerdictMappingEntry } from "./review.type.ts";

@Resolver(() => Review)
export class ReviewResolver {
  @Query(() => Review, { nullable: true, description: "A review by id; null when none exists or it is a draft the caller may not see." })
  review(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The review's global id." }) id: string) {
    return ctx.loaders.review.byId.load(expectGlobalId(id, "Review", "id"));
  }

  @Query(() => ReviewConnection, { description: "Reviews, filtered and sorted; drafts only for editors." })
  reviews(@Ctx() ctx: Context, @Args(() => ReviewListArgs) args: ReviewListArgs) {
    return ctx.services.review.list(args, ctx.viewer);
  }

  @Query(() => [VerdictMappingEntry], { description: "How textual ratings map to verdicts: the shipped defaults and admins' entries." })
  verdictMappings(@Ctx() ctx: Context) {
    return ctx.services.review.mappings();
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => Review, { description: "Writes a review of a claim, as a draft. Needs editor." })
  createReview(@Ctx() ctx: Context, @Arg("input", () => CreateReviewInput, { description: "The review." }) input: CreateReviewInput) {
    return ctx.services.review.create(ctx.viewer, input);
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => Review, { description: "Changes a review if `version` is current (else CONFLICT). Needs editor." })
  updateReview(@Ctx() ctx: Context, @Arg("input", () => UpdateReviewInput, { description: "The changes." }) input: UpdateReviewInput) {
    return ctx.services.review.update(ctx.viewer, input);
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => Review, { description: "Publishes a draft (or a retracted review again). Needs editor." })
  publishReview(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The review's id." }) id: string) {
    return ctx.services.review.move(ctx.viewer, id, [ReviewStatus.DRAFT, ReviewStatus.RETRACTED], ReviewStatus.PUBLISHED, "publishReview");
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => Review, { description: "Retracts a published review; it stays visible, marked RETRACTED. Needs editor." })
  retractReview(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The review's id." }) id: string) {
    return ctx.services.review.move(ctx.viewer, id, [ReviewStatus.PUBLISHED], ReviewStatus.RETRACTED, "retractReview");
  }

  @Authorized(ApiKeyRole.ADMIN)
  @Mutation(() => ID, { description: "Deletes a review; returns its id. Retracting keeps a published one on record instead. Needs admin." })
  async deleteReview(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The review's id." }) id: string) {
    return toGlobalId("Review", await ctx.services.review.delete(ctx.viewer, id));
  }

  @Authorized(ApiKeyRole.ADMIN)
  @Mutation(() => VerdictMappingEntry, { description: "Maps a textual rating to a verdict for reviews written from now on. Needs admin." })
  setVerdictMapping(
    @Ctx() ctx: Context,
    @Arg("rating", () => String, { description: 'The rating\'s words, e.g. "Pants on fire"; case and spacing do not matter.' }) rating: string,
    @Arg("verdict", () => Verdict, { description: "The verdict." }) verdict: Verdict,
  ) {
    return ctx.services.review.setMapping(ctx.viewer, rating, verdict);
  }

  @FieldResolver(() => ID, { description: "Global id." })
  id(@Root() review: Review) {
    return toGlobalId("Review", review.id);
  }

  @FieldResolver(() => Rating, { description: "The rating as the fact-checker published it." })
  rating(@Root() review: Review): Rating {
    const { ratingValue, bestRating, worstRating, alternateName, ratingExplanation } = review;
    return { ratingValue, bestRating, worstRating, alternateName, ratingExplanation };
  }

  @FieldResolver(() => Claim, { nullable: true, description: "The claim reviewed." })
  claim(@Root() review: Review, @Ctx() ctx: Context) {
    return ctx.loaders.claim.byId.load(review.claimId);
  }

  @FieldResolver(() => Source, { nullable: true, description: "The fact-checking organisation." })
  reviewer(@Root() review: Review, @Ctx() ctx: Context) {
    return ctx.loaders.source.byId.load(review.reviewerId);
  }

  @FieldResolver(() => [Source], {
    description: `The people who wrote it, in byline order (at most ${MAX_REVIEW_AUTHORS}).`,
    complexity: boundedList(MAX_REVIEW_AUTHORS),
  })
  authors(@Root() review: Review, @Ctx() ctx: Context) {
    return ctx.loaders.review.authors.load(review.id);
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "The review as schema.org ClaimReview JSON-LD (Google's fact-check profile), with every appearance of the claim as a W3C Web Annotation " +
      "TextQuoteSelector and TextPositionSelector; the same document as `GET /claimreview/<id>.jsonld`, which serves published and retracted reviews only.",
    // The document holds the claim, its appearances and the review's authors: priced as that selection would be.
    complexity: 1 + MAX_APPEARANCES_PER_CLAIM + MAX_REVIEW_AUTHORS,
  })
  claimReview(@Root() review: Review, @Ctx() ctx: Context) {
    return ctx.loaders.review.claimReview.load(review.id);
  }
}
