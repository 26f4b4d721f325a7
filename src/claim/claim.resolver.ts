import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";

import type { Context } from "../context.ts";
import { expectGlobalId, toGlobalId } from "../common/globalId.ts";
import { Appearance } from "../appearance/appearance.type.ts";
import { ArticleConnection } from "../article/article.type.ts";
import { ArticleListArgs } from "../article/article.args.ts";
import { Source } from "../source/source.type.ts";
import { ClaimListArgs } from "./claim.args.ts";
import { Claim, ClaimConnection } from "./claim.type.ts";

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

  @FieldResolver(() => [Appearance], { description: "Every span where the claim appears, by article then position." })
  appearances(@Root() claim: Claim, @Ctx() ctx: Context) {
    return ctx.loaders.appearance.byClaim.load(claim.id);
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles the claim appears in." })
  articles(@Root() claim: Claim, @Ctx() ctx: Context, @Args(() => ArticleListArgs) args: ArticleListArgs) {
    return ctx.loaders.article.byClaim.load({ parentId: claim.id, args });
  }
}
