import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import type { Context } from "../graphql/context.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { Source } from "../source/source.type.ts";
import { ImportArticleInput, MAX_EXTRACTION_TEXT } from "./extraction.input.ts";
import type { Proposal } from "./extraction.service.ts";
import { ClaimantProposal, ClaimProposal, ImportArticlePayload } from "./extraction.type.ts";

/** Extraction is CPU work: each field, alias by alias, counts as one request more per started 10,000 characters. */
export const EXTRACTION_CHARACTERS_PER_REQUEST = 10_000;
const extractionRequests = (text: string) => Math.max(1, Math.ceil(text.length / EXTRACTION_CHARACTERS_PER_REQUEST));

@Resolver(() => ClaimProposal)
export class ExtractionResolver {
  @Query(() => [ClaimProposal], {
    description: `Proposes the attributed claims in an English text, with exact spans. Writes nothing. Text of at most ${MAX_EXTRACTION_TEXT} UTF-16 code units; costs 1 per 1,000 characters in the query-cost limit, and counts as one request more per started ${EXTRACTION_CHARACTERS_PER_REQUEST} characters in the rate limit.`,
  })
  async extractClaims(
    @Ctx() ctx: Context,
    @Arg("text", () => String, { description: "The article text." }) text: string,
    @Arg("publishedAt", () => GraphQLDateTime, { nullable: true, description: "When it was published; relative dates resolve against it (default: now)." })
    publishedAt?: Date | null,
    @Arg("language", () => String, { nullable: true, description: "BCP 47 tag; only English (`en`) is supported." }) language?: string | null,
  ) {
    await ctx.chargeRateLimit(extractionRequests(text));
    return ctx.services.extraction.propose(text, publishedAt, language);
  }

  @Authorized(ApiKeyRole.EDITOR)
  @Mutation(() => ImportArticlePayload, {
    description: "Creates an article from raw text with the proposed claims it accepts (all by default), in one transaction. Needs editor.",
  })
  async importArticle(
    @Ctx() ctx: Context,
    @Arg("input", () => ImportArticleInput, { description: "The article and which proposals to save." }) input: ImportArticleInput,
  ) {
    await ctx.chargeRateLimit(extractionRequests(input.body));
    return ctx.services.extraction.importArticle(ctx.viewer, input);
  }
}

@Resolver(() => ClaimantProposal)
export class ClaimantProposalResolver {
  @FieldResolver(() => Source, { nullable: true })
  source(@Root() claimant: NonNullable<Proposal["claimant"]>, @Ctx() ctx: Context) {
    return claimant.sourceId ? ctx.loaders.source.byId.load(claimant.sourceId) : null;
  }
}
