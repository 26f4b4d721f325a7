import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { Appearance } from "../appearance/appearance.type.ts";
import { Claim } from "../claim/claim.type.ts";
import { UserInputError } from "../shared/errors.ts";
import { Source } from "../source/source.type.ts";
import { DocumentError, parseClaimReviews, MAX_IMPORT_ITEMS } from "./review.import.ts";
import { ClaimReviewDocumentFormat, ClaimReviewImportItem, ImportClaimReviewsInput, ImportClaimReviewsPayload, toImportItem } from "./review.importTypes.ts";
import { Review } from "./review.type.ts";

/** An import counts as one request more per started this many ClaimReviews, as extraction counts per 10,000 characters. */
export const IMPORT_ITEMS_PER_REQUEST = 10;

@Resolver(() => ClaimReviewImportItem)
export class ClaimReviewImportResolver {
  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => ImportClaimReviewsPayload, {
    description:
      "Imports fact-checks published as ClaimReview JSON-LD (or Google Fact Check Tools' JSON): reviewers, authors and claimants matched to sources by sameAs, name or alias (or created), " +
      "each appearance anchored in the claimgraph article at its URL (or kept by its URL), the claim found or created. Each ClaimReview is written in its own transaction and reported in `items`: " +
      `idempotent by the review's url. At most ${MAX_IMPORT_ITEMS} ClaimReviews a call; counts as one request more per started ${IMPORT_ITEMS_PER_REQUEST} in the rate limit. Needs editor.`,
  })
  async importClaimReviews(
    @Ctx() ctx: Context,
    @Arg("input", () => ImportClaimReviewsInput, { description: "The document, and how to take it." }) input: ImportClaimReviewsInput,
  ): Promise<ImportClaimReviewsPayload> {
    let parsed: ReturnType<typeof parseClaimReviews>;
    try {
      parsed = parseClaimReviews(input.document);
    } catch (error) {
      if (error instanceof DocumentError) {
        throw new UserInputError(error.message, "input.document", error.limit === undefined ? {} : { limit: error.limit });
      }
      throw error;
    }
    await ctx.chargeRateLimit(Math.ceil(parsed.items.length / IMPORT_ITEMS_PER_REQUEST));
    const result = await ctx.services.claimReviewImport.importItems(ctx.viewer, parsed.format, parsed.items, { status: input.status });
    return { ...result, format: result.format as ClaimReviewDocumentFormat, items: result.items.map(toImportItem) };
  }

  @FieldResolver(() => Review, { nullable: true, description: "The review created, updated or found; null on ERROR." })
  review(@Root() item: ClaimReviewImportItem, @Ctx() ctx: Context) {
    return item.reviewId ? ctx.loaders.review.byId.load(item.reviewId) : null;
  }

  @FieldResolver(() => Claim, { nullable: true, description: "The claim it reviews: found or created; null on ERROR." })
  claim(@Root() item: ClaimReviewImportItem, @Ctx() ctx: Context) {
    return item.claimId ? ctx.loaders.claim.byId.load(item.claimId) : null;
  }

  @FieldResolver(() => [Appearance], { description: "The appearances the import wrote: those of a new claim, or those it added to a found one." })
  async appearances(@Root() item: ClaimReviewImportItem, @Ctx() ctx: Context) {
    return (await ctx.loaders.appearance.byId.loadMany(item.appearanceIds)).filter((row) => row && !(row instanceof Error));
  }

  @FieldResolver(() => [Source], { description: "The sources the import created (reviewer, authors, claimant, affiliation)." })
  async createdSources(@Root() item: ClaimReviewImportItem, @Ctx() ctx: Context) {
    return (await ctx.loaders.source.byId.loadMany(item.createdSourceIds)).filter((row) => row && !(row instanceof Error));
  }
}
