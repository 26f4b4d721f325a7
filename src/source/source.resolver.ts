import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { toGlobalId } from "../shared/globalId.ts";
import { idOrSlug } from "../shared/lookup.ts";
import { ArticleConnection } from "../article/article.type.ts";
import { ArticleListArgs } from "../article/article.args.ts";
import { ClaimConnection } from "../claim/claim.type.ts";
import { ClaimListArgs } from "../claim/claim.args.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { SourceListArgs } from "./source.args.ts";
import { recordOrder } from "./source.record.ts";
import { CreateSourceInput, MAX_ALIASES, UpdateSourceInput } from "./source.input.ts";
import { boundedList } from "../schema/complexity.ts";
import { MergeSourcesPayload, SourcePayload } from "./source.payload.ts";
import { Source, SourceConnection } from "./source.type.ts";

import { ReviewListArgs } from "../review/review.input.ts";
import { ReviewConnection, TrackRecordPeriod } from "../review/review.type.ts";
import { TrackRecord } from "../review/review.trackRecord.type.ts";
import { trackRecordWindow } from "../review/review.trackRecord.ts";
import { GraphQLDateTime } from "graphql-scalars";

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: "A source by id or slug (pass exactly one); null when none exists." })
  async source(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { nullable: true, description: "The source's global id." }) id?: string,
    @Arg("slug", () => String, { nullable: true, description: "The source's slug." }) slug?: string,
  ) {
    const key = idOrSlug("Source", id, slug);
    return key.by === "id" ? ctx.loaders.source.byId.load(key.value) : ctx.services.source.bySlug(key.value);
  }

  @Query(() => SourceConnection, { description: "All sources, filtered and sorted." })
  sources(@Ctx() ctx: Context, @Args(() => SourceListArgs) args: SourceListArgs) {
    return ctx.services.source.list(args);
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => SourcePayload, { description: "Creates a source. Needs editor." })
  async createSource(@Ctx() ctx: Context, @Arg("input", () => CreateSourceInput, { description: "The source." }) input: CreateSourceInput) {
    return { source: await ctx.services.source.create(ctx.viewer, input) };
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => SourcePayload, { description: "Changes a source. Needs editor." })
  async updateSource(@Ctx() ctx: Context, @Arg("input", () => UpdateSourceInput, { description: "The changes." }) input: UpdateSourceInput) {
    return { source: await ctx.services.source.update(ctx.viewer, input) };
  }

  @Authorized(ApiKeyRole.ADMIN)
  @Mutation(() => MergeSourcesPayload, {
    description: "Merges one source into another: references move over, names become aliases, the old id keeps resolving. Needs admin.",
  })
  async mergeSources(
    @Ctx() ctx: Context,
    @Arg("from", () => ID, { description: "The source that goes away." }) from: string,
    @Arg("into", () => ID, { description: "The source that stays." }) into: string,
  ) {
    const { source, mergedId } = await ctx.services.source.merge(ctx.viewer, from, into);
    return { source, mergedSourceId: toGlobalId("Source", mergedId) };
  }

  @FieldResolver(() => ID, { description: "Global id." })
  id(@Root() source: Source) {
    return toGlobalId("Source", source.id);
  }

  @FieldResolver(() => [String], {
    description: `Other names the source goes by, e.g. "Xinhua" for Xinhua News Agency; the name and at most ${MAX_ALIASES} others.`,
    complexity: boundedList(MAX_ALIASES + 1),
  })
  aliases(@Root() source: Source, @Ctx() ctx: Context) {
    return ctx.loaders.source.aliases.load(source.id);
  }

  @FieldResolver(() => Source, { nullable: true, description: "The source this one belongs to, e.g. a minister's government." })
  affiliation(@Root() source: Source, @Ctx() ctx: Context) {
    return source.affiliationId ? ctx.loaders.source.byId.load(source.affiliationId) : null;
  }

  @FieldResolver(() => SourceConnection, { description: "Sources affiliated with this one." })
  members(@Root() source: Source, @Ctx() ctx: Context, @Args(() => SourceListArgs) args: SourceListArgs) {
    // Checked before it joins a batch: a track-record order (Query.sources only) fails this field alone.
    recordOrder(args.orderBy, "members");
    return ctx.loaders.source.members.load({ parentId: source.id, args });
  }

  @FieldResolver(() => ClaimConnection, { description: "Claims this source made (as claimant)." })
  claims(@Root() source: Source, @Ctx() ctx: Context, @Args(() => ClaimListArgs) args: ClaimListArgs) {
    return ctx.loaders.claim.byClaimant.load({ parentId: source.id, args });
  }

  @FieldResolver(() => ClaimConnection, { description: "Claims made through this source, e.g. posts on a platform or interviews on a channel." })
  channelClaims(@Root() source: Source, @Ctx() ctx: Context, @Args(() => ClaimListArgs) args: ClaimListArgs) {
    return ctx.loaders.claim.byChannel.load({ parentId: source.id, args });
  }

  @FieldResolver(() => ClaimConnection, { description: 'Claims this source relayed ("Bloomberg reported that…").' })
  reportedClaims(@Root() source: Source, @Ctx() ctx: Context, @Args(() => ClaimListArgs) args: ClaimListArgs) {
    return ctx.loaders.claim.byReporter.load({ parentId: source.id, args });
  }

  @FieldResolver(() => TrackRecord, {
    description: "How this source's reviewed claims were judged: each claim once, under its latest published review, counted per verdict and per period.",
  })
  trackRecord(
    @Root() source: Source,
    @Ctx() ctx: Context,
    @Arg("period", () => TrackRecordPeriod, { defaultValue: TrackRecordPeriod.YEAR, description: "How to group the counts in time." })
    period: TrackRecordPeriod,
    @Arg("from", () => GraphQLDateTime, { nullable: true, description: "Only reviews published at or after this instant." }) from?: Date | null,
    @Arg("to", () => GraphQLDateTime, { nullable: true, description: "Only reviews published before this instant." }) to?: Date | null,
    @Arg("channel", () => ID, { nullable: true, description: "Only claims made through this source." }) channel?: string | null,
    @Arg("reportedBy", () => ID, { nullable: true, description: "Only claims relayed by this source." }) reportedBy?: string | null,
  ) {
    // Checked before it joins a batch: a bad id fails this field alone.
    const window = trackRecordWindow({ period, from, to, channel, reportedBy });
    return ctx.loaders.review.trackRecord.load({ parentId: source.id, args: window });
  }

  @FieldResolver(() => ReviewConnection, { description: "Reviews this source wrote, as a fact-checking organisation (drafts only for editors)." })
  reviewsWritten(@Root() source: Source, @Ctx() ctx: Context, @Args(() => ReviewListArgs) args: ReviewListArgs) {
    return ctx.loaders.review.byReviewer.load({ parentId: source.id, args });
  }

  @FieldResolver(() => ArticleConnection, {
    description: "Articles this source takes part in: as publisher, author, or claimant, channel or reporter of a claim in them.",
  })
  articles(@Root() source: Source, @Ctx() ctx: Context, @Args(() => ArticleListArgs) args: ArticleListArgs) {
    return ctx.loaders.article.bySource.load({ parentId: source.id, args });
  }
}
