import { Field, Float, Int, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { AppearanceKind } from "../appearance/appearance.type.ts";
import { Article } from "../article/article.type.ts";
import { DatePrecision } from "../claim/claim.type.ts";
import { Source, SourceKind } from "../source/source.type.ts";

@ObjectType({ description: "A span of the input text, in UTF-16 code units (JavaScript string indices)." })
export class TextSpan {
  @Field(() => Int, { description: "Start offset (inclusive)." })
  start: number;

  @Field(() => Int, { description: "End offset (exclusive)." })
  end: number;

  @Field(() => String, { description: "The text between start and end." })
  text: string;
}

@ObjectType({ description: "Where each part of an attribution is in the text." })
export class ClaimProposalSpans {
  @Field(() => TextSpan, { nullable: true, description: "Who made the claim, as written (a pronoun stays a pronoun)." })
  claimant: TextSpan | null;

  @Field(() => TextSpan, { description: "The attribution verb or phrase." })
  cue: TextSpan;

  @Field(() => TextSpan, { description: "What was claimed (without the quotation marks of a direct quote)." })
  content: TextSpan;

  @Field(() => TextSpan, { nullable: true, description: 'The medium, e.g. "in an interview with CNBC".' })
  channel: TextSpan | null;

  @Field(() => TextSpan, { nullable: true, description: 'When it was said, e.g. "on May 30th".' })
  date: TextSpan | null;

  @Field(() => TextSpan, { nullable: true, description: 'Who reports it, e.g. "Bloomberg" in "Bloomberg reported that …".' })
  reportedBy: TextSpan | null;
}

@ObjectType({ description: "Who a proposal says made the claim." })
export class ClaimantProposal {
  @Field(() => String, { nullable: true, description: "The name, after pronouns and short names are resolved; null for an unnamed group." })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'A role given in apposition, e.g. "US Trade Representative".' })
  role: string | null;

  @Field(() => SourceKind, { description: "The kind of source the name looks like." })
  kind: SourceKind;

  @Field(() => Source, { nullable: true, description: "The existing source whose name or alias matches, when exactly one does." })
  source: Source | null;
}

@ObjectType({ description: "One attribution found in the text: a claim an editor can accept." })
export class ClaimProposal {
  @Field(() => Int, { description: "Position in the list; importArticle's `accept` refers to it." })
  index: number;

  @Field(() => AppearanceKind, { description: "Direct quote, reported speech or assertion." })
  kind: AppearanceKind;

  @Field(() => Float, { description: "How sure the rules are, from 0 to 1." })
  confidence: number;

  @Field(() => String, { description: "The claim's text (the content)." })
  text: string;

  @Field(() => String, { description: "Lemma of the cue, e.g. `state`, `point out`, `according to`." })
  cue: string;

  @Field(() => ClaimantProposal, { description: "Who made the claim." })
  claimant: ClaimantProposal;

  @Field(() => String, { nullable: true, description: "The outlet or platform named in the channel phrase." })
  channel: string | null;

  @Field(() => String, { nullable: true, description: "Who reports the claim." })
  reportedBy: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When it was said, resolved against the publication date." })
  claimedAt: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: "How precisely claimedAt is known." })
  claimedAtPrecision: DatePrecision | null;

  @Field(() => ClaimProposalSpans, { description: "Where each part is in the text." })
  spans: ClaimProposalSpans;
}

@ObjectType({ description: "What importArticle did with the proposals." })
export class ExtractionReport {
  @Field(() => Int, { description: "Attributions the extractor proposed." })
  proposed: number;

  @Field(() => [Int], { description: "Indexes of the proposals saved as claims." })
  saved: number[];

  @Field(() => [Int], { description: "Indexes of proposals not saved because the caller did not accept them." })
  notAccepted: number[];

  @Field(() => [Source], { description: "Sources created for claimants, channels and reporters that matched no existing name." })
  createdSources: Source[];
}

@ObjectType({ description: "The result of importArticle." })
export class ImportArticlePayload {
  @Field(() => Article, { description: "The new article, with its claims." })
  article: Article;

  @Field(() => ExtractionReport, { description: "What was proposed and what was saved." })
  report: ExtractionReport;
}
