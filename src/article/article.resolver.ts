import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";

import { edgeInOrder } from "../db/pages.ts";
import { ARTICLE_SORT } from "./article.where.ts";

import type { Context } from "../graphql/context.ts";
import { toGlobalId } from "../shared/globalId.ts";
import { idOrSlug } from "../shared/lookup.ts";
import { AppearanceConnection } from "../appearance/appearance.type.ts";
import { ConnectionArgs } from "../schema/connection.ts";
import { ClaimConnection } from "../claim/claim.type.ts";
import { ClaimListArgs } from "../claim/claim.args.ts";
import { Source } from "../source/source.type.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { ArticleListArgs } from "./article.args.ts";
import { CreateArticleInput, MAX_AUTHORS, MAX_TRANSLATIONS, UpdateArticleInput } from "./article.input.ts";
import { boundedList } from "../schema/complexity.ts";
import { CreateArticlePayload, DeleteArticlePayload, UpdateArticlePayload } from "./article.payload.ts";
import { Article, ArticleConnection } from "./article.type.ts";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: "An article by id or slug (pass exactly one); null when none exists." })
  async article(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { nullable: true, description: "The article's global id." }) id?: string,
    @Arg("slug", () => String, { nullable: true, description: "The article's slug." }) slug?: string,
  ) {
    const key = idOrSlug("Article", id, slug);
    return key.by === "id" ? ctx.loaders.article.byId.load(key.value) : ctx.services.article.bySlug(key.value);
  }

  @Query(() => ArticleConnection, { description: "All articles, filtered and sorted." })
  articles(@Ctx() ctx: Context, @Args(() => ArticleListArgs) args: ArticleListArgs) {
    return ctx.services.article.list(args);
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => CreateArticlePayload, { description: "Creates an article with nested sources, claims and appearances, all or nothing. Needs editor." })
  async createArticle(@Ctx() ctx: Context, @Arg("input", () => CreateArticleInput, { description: "The article." }) input: CreateArticleInput) {
    const article = await ctx.services.article.create(ctx.viewer, input);
    return { article, articleEdge: edgeInOrder(article, ARTICLE_SORT.PUBLISHED_AT) };
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => UpdateArticlePayload, { description: "Changes an article if `version` is current (else CONFLICT). Needs editor." })
  async updateArticle(@Ctx() ctx: Context, @Arg("input", () => UpdateArticleInput, { description: "The changes." }) input: UpdateArticleInput) {
    const { article, reanchored, stale } = await ctx.services.article.update(ctx.viewer, input);
    return { article, reanchoredAppearances: reanchored, staleAppearances: stale };
  }

  @Authorized(ApiKeyRole.ADMIN)
  @Mutation(() => DeleteArticlePayload, {
    description: "Deletes an article with its appearances, and the claims that appeared nowhere else. Needs admin.",
  })
  async deleteArticle(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The article's id." }) id: string) {
    const { articleId, claimIds, appearanceIds } = await ctx.services.article.delete(ctx.viewer, id);
    return {
      deletedArticleId: toGlobalId("Article", articleId),
      deletedClaimIds: claimIds.map((claimId) => toGlobalId("Claim", claimId)),
      deletedAppearanceIds: appearanceIds.map((appearanceId) => toGlobalId("Appearance", appearanceId)),
    };
  }

  @FieldResolver(() => ID, { description: "Global id." })
  id(@Root() article: Article) {
    return toGlobalId("Article", article.id);
  }

  // Reads leave the body out (see ArticleService); writes return it.
  @FieldResolver(() => String)
  body(@Root() article: { id: string; body?: string }, @Ctx() ctx: Context) {
    return article.body ?? ctx.loaders.article.body.load(article.id);
  }

  @FieldResolver(() => Source, { nullable: true, description: "The outlet that published the article." })
  publisher(@Root() article: Article, @Ctx() ctx: Context) {
    return article.publisherId ? ctx.loaders.source.byId.load(article.publisherId) : null;
  }

  @FieldResolver(() => [Source], { description: `The article's authors, in byline order (at most ${MAX_AUTHORS}).`, complexity: boundedList(MAX_AUTHORS) })
  authors(@Root() article: Article, @Ctx() ctx: Context) {
    return ctx.loaders.article.authors.load(article.id);
  }

  @FieldResolver(() => Article, { nullable: true, description: "The original, when this article is a translation." })
  translationOf(@Root() article: Article, @Ctx() ctx: Context) {
    return article.translationOfId ? ctx.loaders.article.byId.load(article.translationOfId) : null;
  }

  @FieldResolver(() => [Article], { description: `Translations of this article (at most ${MAX_TRANSLATIONS}).`, complexity: boundedList(MAX_TRANSLATIONS) })
  translations(@Root() article: Article, @Ctx() ctx: Context) {
    return ctx.loaders.article.translations.load(article.id);
  }

  @FieldResolver(() => ClaimConnection, { description: "Claims that appear in the article." })
  claims(@Root() article: Article, @Ctx() ctx: Context, @Args(() => ClaimListArgs) args: ClaimListArgs) {
    return ctx.loaders.claim.byArticle.load({ parentId: article.id, args });
  }

  @FieldResolver(() => AppearanceConnection, { description: "Every claim span in the article, in text order (start offset, then id)." })
  appearances(@Root() article: Article, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return ctx.loaders.appearance.byArticle.load({ parentId: article.id, args });
  }
}
