import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";

import { edgeInOrder } from "../db/pages.ts";
import { CLAIM_SORT } from "./claim.where.ts";

import type { Context } from "../graphql/context.ts";
import { expectGlobalId, toGlobalId } from "../shared/globalId.ts";
import { Appearance } from "../appearance/appearance.type.ts";
import { ArticleConnection } from "../article/article.type.ts";
import { ArticleListArgs } from "../article/article.args.ts";
import { Source } from "../source/source.type.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { AddAppearanceInput } from "../appearance/appearance.input.ts";
import { ClaimListArgs } from "./claim.args.ts";
import { CreateClaimInput, MAX_APPEARANCES_PER_CLAIM, UpdateClaimInput } from "./claim.input.ts";
import { boundedList } from "../schema/complexity.ts";
import { AppearancePayload, ClaimPayload, DeleteClaimPayload, RemoveAppearancePayload } from "./claim.payload.ts";
import { Claim, ClaimConnection } from "./claim.type.ts";

import { ReviewListArgs } from "../review/review.input.ts";
import { ReviewConnection } from "../review/review.type.ts";

@Resolver(() => Claim)
export class ClaimResolver {
  @Query(() => Claim, { nullable: true, description: "A claim by id; null when none exists." })
  claim(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The claim's global id." }) id: string) {
    return ctx.loaders.claim.byId.load(expectGlobalId(id, "Claim", "id"));
  }

  @Query(() => ClaimConnection, { description: "All claims, filtered and sorted." })
  claims(@Ctx() ctx: Context, @Args(() => ClaimListArgs) args: ClaimListArgs) {
    return ctx.services.claim.list(args);
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => ClaimPayload, { description: "Creates a claim that appears in existing articles. Needs editor." })
  async createClaim(@Ctx() ctx: Context, @Arg("input", () => CreateClaimInput, { description: "The claim." }) input: CreateClaimInput) {
    return claimPayload(await ctx.services.claim.create(ctx.viewer, input));
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => ClaimPayload, { description: "Changes a claim. Needs editor." })
  async updateClaim(@Ctx() ctx: Context, @Arg("input", () => UpdateClaimInput, { description: "The changes." }) input: UpdateClaimInput) {
    return claimPayload(await ctx.services.claim.update(ctx.viewer, input));
  }

  @Authorized(ApiKeyRole.ADMIN)
  @Mutation(() => DeleteClaimPayload, { description: "Deletes a claim and its appearances. Needs admin." })
  async deleteClaim(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The claim's id." }) id: string) {
    const { claimId, appearanceIds } = await ctx.services.claim.delete(ctx.viewer, id);
    return { deletedClaimId: toGlobalId("Claim", claimId), deletedAppearanceIds: appearanceIds.map((a) => toGlobalId("Appearance", a)) };
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => AppearancePayload, { description: "Adds a span where an existing claim appears. Needs editor." })
  async addAppearance(@Ctx() ctx: Context, @Arg("input", () => AddAppearanceInput, { description: "The span." }) input: AddAppearanceInput) {
    return { appearance: await ctx.services.claim.addAppearance(ctx.viewer, input) };
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => RemoveAppearancePayload, { description: "Removes one span of a claim; the last one cannot go (delete the claim). Needs editor." })
  async removeAppearance(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The appearance's id." }) id: string) {
    const appearance = await ctx.services.claim.removeAppearance(ctx.viewer, id);
    return { removedAppearanceId: toGlobalId("Appearance", appearance.id), claim: await ctx.loaders.claim.byId.load(appearance.claimId) };
  }

  @FieldResolver(() => ID, { description: "Global id." })
  id(@Root() claim: Claim) {
    return toGlobalId("Claim", claim.id);
  }

  @FieldResolver(() => Source, { nullable: true, description: "Who made the claim; null when unnamed (see `claimantDescription`)." })
  claimant(@Root() claim: Claim, @Ctx() ctx: Context) {
    return claim.claimantId ? ctx.loaders.source.byId.load(claim.claimantId) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "What the claim was made through, e.g. CNBC for an interview, Truth Social for a post." })
  channel(@Root() claim: Claim, @Ctx() ctx: Context) {
    return claim.channelId ? ctx.loaders.source.byId.load(claim.channelId) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Who relayed the claim, e.g. Bloomberg in "Bloomberg reported that…".' })
  reportedBy(@Root() claim: Claim, @Ctx() ctx: Context) {
    return claim.reportedById ? ctx.loaders.source.byId.load(claim.reportedById) : null;
  }

  @FieldResolver(() => [Appearance], {
    description: `Every span where the claim appears, by article then position (at most ${MAX_APPEARANCES_PER_CLAIM}).`,
    complexity: boundedList(MAX_APPEARANCES_PER_CLAIM),
  })
  appearances(@Root() claim: Claim, @Ctx() ctx: Context) {
    return ctx.loaders.appearance.byClaim.load(claim.id);
  }

  @FieldResolver(() => ReviewConnection, { description: "Fact-checkers' reviews of this claim (drafts only for editors)." })
  reviews(@Root() claim: Claim, @Ctx() ctx: Context, @Args(() => ReviewListArgs) args: ReviewListArgs) {
    return ctx.loaders.review.byClaim.load({ parentId: claim.id, args });
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles the claim appears in." })
  articles(@Root() claim: Claim, @Ctx() ctx: Context, @Args(() => ArticleListArgs) args: ArticleListArgs) {
    return ctx.loaders.article.byClaim.load({ parentId: claim.id, args });
  }
}

/** A written claim, and its edge in `claims`' default order. */
const claimPayload = <T extends { id: string }>(claim: T) => ({ claim, claimEdge: edgeInOrder(claim, CLAIM_SORT.CLAIMED_AT) });
