import { Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { toGlobalId } from "../shared/globalId.ts";
import { Article } from "../article/article.type.ts";
import { Claim } from "../claim/claim.type.ts";
import { Appearance } from "./appearance.type.ts";

@Resolver(() => Appearance)
export class AppearanceResolver {
  @FieldResolver(() => ID, { description: "Global id." })
  id(@Root() appearance: Appearance) {
    return toGlobalId("Appearance", appearance.id);
  }

  @FieldResolver(() => Article, { nullable: true, description: "The article the span is in; null for a URL_ONLY appearance (see `url`)." })
  async article(@Root() appearance: Appearance, @Ctx() ctx: Context) {
    return appearance.articleId === null ? null : ctx.loaders.article.byId.load(appearance.articleId);
  }

  @FieldResolver(() => Claim, { description: "The claim the span states." })
  async claim(@Root() appearance: Appearance, @Ctx() ctx: Context) {
    return ctx.loaders.claim.byId.load(appearance.claimId);
  }
}
