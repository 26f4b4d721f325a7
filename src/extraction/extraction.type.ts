import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { AppearanceKind } from "../appearance/appearance.type.ts";
import { Article } from "../article/article.type.ts";
import { DatePrecision } from "../claim/claim.type.ts";
import { Source, SourceKind } from "../source/source.type.ts";

export enum CueKind {
  SPEECH = "SPEECH",
  THOUGHT_OR_STANCE = "THOUGHT_OR_STANCE",
  EVIDENCE = "EVIDENCE",
}

registerEnumType(CueKind, {
  name: "CueKind",
  description: "What an attribution's cue says about its source: that it spoke, that it thinks or stands for something, or that it shows something.",
  valuesConfig: {
    SPEECH: { description: 'Said, wrote, posted, asked, called for: "said", "according to", "PARK:", "the mayor\'s pledge".' },
    THOUGHT_OR_STANCE: { description: 'Believes, wants, plans, backs, opposes, is eager to, appears: "plans to close", "is confident that".' },
    EVIDENCE: { description: 'What a document or data shows: "polls show", "a study found", "the records show".' },
  },
});

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
  @Field(() => TextSpan, {
    nullable: true,
    description: 'Who made the claim, as written (a pronoun stays a pronoun); null when the text names no source ("it was reported that").',
  })
  claimant: TextSpan | null;

  @Field(() => TextSpan, { description: 'The attribution verb or phrase ("said", "is eager", "according to", "pledge", the colon of "PARK: …").' })
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

  @Field(() => String, { description: "Lemma of the cue, e.g. `state`, `point out`, `according to`, `be eager`, `pledge`, `:`." })
  cue: string;

  @Field(() => CueKind, { description: "Whether the cue reports speech, a thought or stance, or evidence; a caller that wants speech only keeps SPEECH." })
  cueKind: CueKind;

  @Field(() => Int, {
    nullable: true,
    description:
      'For an attribution inside another\'s content ("The mayor said she still believed the plan would work": the belief), the `index` of that outer proposal; null otherwise.',
  })
  outerIndex: number | null;

  @Field(() => ClaimantProposal, {
    nullable: true,
    description: 'Who made the claim; null when the text names no source ("it was reported that …", "X is said to …"). Breaking: was non-null.',
  })
  claimant: ClaimantProposal | null;

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

export enum ProposalPart {
  CLAIMANT = "CLAIMANT",
  CHANNEL = "CHANNEL",
  REPORTED_BY = "REPORTED_BY",
}

registerEnumType(ProposalPart, {
  name: "ProposalPart",
  description: "Which name of a proposal: its claimant, channel or reporter.",
  valuesConfig: {
    CLAIMANT: { description: "Who made the claim." },
    CHANNEL: { description: "What the claim was made through." },
    REPORTED_BY: { description: "Who relayed the claim." },
  },
});

@ObjectType({ description: "A name in a proposal that several existing sources go by." })
export class AmbiguousName {
  @Field(() => Int, { description: "The proposal's index." })
  index: number;

  @Field(() => ProposalPart, { description: "Whose name it is." })
  part: ProposalPart;

  @Field(() => String, { description: "The name as the proposal gives it." })
  name: string;

  @Field(() => [Source], { description: "The sources that go by it, by name." })
  sources: Source[];
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

  @Field(() => [AmbiguousName], {
    description:
      "Claimant, channel and reporter names of saved proposals that match several existing sources: each was left unconnected (a claimant is kept as claimantDescription) instead of failing the import.",
  })
  ambiguous: AmbiguousName[];
}

@ObjectType({ description: "The result of importArticle." })
export class ImportArticlePayload {
  @Field(() => Article, { description: "The new article, with its claims." })
  article: Article;

  @Field(() => ExtractionReport, { description: "What was proposed and what was saved." })
  report: ExtractionReport;
}
