import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";

import { MAX_IMPORT_ITEMS } from "./review.import.ts";
import type { ItemOutcome } from "./review.importService.ts";
import { ReviewStatus } from "./review.type.ts";

// The GraphQL face of ClaimReview in (issue 15): importClaimReviews's input and payload.

export enum ClaimReviewImportStatus {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
  ERROR = "ERROR",
}

registerEnumType(ClaimReviewImportStatus, {
  name: "ClaimReviewImportStatus",
  description: "What an import did with one ClaimReview. Reviews are known by their url: importing the same document again leaves every one UNCHANGED.",
  valuesConfig: {
    CREATED: { description: "A new review was written (with its claim, appearances and sources where they were new)." },
    UPDATED: {
      description:
        "A review with this url existed, and the document changed it (rating, verdict, reviewer, authors, headline, date, language or status) or added appearances to its claim.",
    },
    UNCHANGED: { description: "A review with this url existed and the document says nothing new: nothing was written." },
    ERROR: { description: "Nothing was written for this ClaimReview; `errors` says why. The others were imported all the same." },
  },
});

export enum ClaimReviewDocumentFormat {
  JSON_LD = "JSON_LD",
  HTML = "HTML",
  FACT_CHECK_TOOLS = "FACT_CHECK_TOOLS",
}

registerEnumType(ClaimReviewDocumentFormat, {
  name: "ClaimReviewDocumentFormat",
  description: "How the imported document was read.",
  valuesConfig: {
    JSON_LD: { description: "schema.org JSON-LD: a ClaimReview, a list or @graph of them, or a DataFeed." },
    HTML: { description: 'An HTML page: its <script type="application/ld+json"> blocks.' },
    FACT_CHECK_TOOLS: { description: "The JSON of Google Fact Check Tools' claims:search (`{ claims: [...] }`)." },
  },
});

@InputType({ description: "ClaimReviews to import." })
export class ImportClaimReviewsInput {
  @Field(() => GraphQLJSON, {
    description:
      "The document: ClaimReview JSON-LD (one object, a list, an @graph, or a DataFeed), or the JSON of Google Fact Check Tools' claims:search; " +
      `or text holding either, or an HTML page with <script type="application/ld+json"> blocks. At most ${MAX_IMPORT_ITEMS} ClaimReviews.`,
  })
  document: unknown;

  @Field(() => ReviewStatus, {
    nullable: true,
    description:
      "The status of a new review whose document does not say (creativeWorkStatus); PUBLISHED when left out. An existing review keeps its status unless the document states one.",
  })
  status?: ReviewStatus | null;
}

@ObjectType({ description: "A problem with one ClaimReview, and where in the document it is." })
export class ClaimReviewImportProblem {
  @Field(() => String, {
    description:
      'JSON pointer (RFC 6901) into the document (into its script block, for an HTML page), e.g. "/dataFeedElement/2/item/reviewRating/ratingValue".',
  })
  pointer: string;

  @Field(() => String, { description: "What is wrong, or what was done about it." })
  message: string;
}

@ObjectType({ description: "What became of one ClaimReview of the document." })
export class ClaimReviewImportItem {
  @Field(() => Int, { description: "Its place among the document's ClaimReviews, from 0." })
  index: number;

  @Field(() => Int, { nullable: true, description: 'For an HTML page: which <script type="application/ld+json"> block it is in, from 0.' })
  script: number | null;

  @Field(() => String, { description: 'JSON pointer to the ClaimReview in the document (or its script block); "" for the root.' })
  pointer: string;

  @Field(() => ClaimReviewImportStatus, { description: "CREATED, UPDATED, UNCHANGED or ERROR." })
  status: ClaimReviewImportStatus;

  @Field(() => String, { nullable: true, description: "The review's url, as the document gives it (when it could be read)." })
  url: string | null;

  @Field(() => Boolean, { description: "True when the import created the claim; false when it found it (or on ERROR)." })
  claimCreated: boolean;

  @Field(() => [ClaimReviewImportProblem], { description: "Why nothing was written (status ERROR)." })
  errors: ClaimReviewImportProblem[];

  @Field(() => [ClaimReviewImportProblem], {
    description: "What was read otherwise than the document asked, e.g. an appearance kept by its URL because its words are not in the article.",
  })
  warnings: ClaimReviewImportProblem[];

  reviewId: string | null;
  claimId: string | null;
  appearanceIds: string[];
  createdSourceIds: string[];
}

@ObjectType({ description: "The result of importClaimReviews: every ClaimReview found, in document order." })
export class ImportClaimReviewsPayload {
  @Field(() => ClaimReviewDocumentFormat, { description: "How the document was read." })
  format: ClaimReviewDocumentFormat;

  @Field(() => Int, { description: "Reviews created." })
  created: number;

  @Field(() => Int, { description: "Reviews updated." })
  updated: number;

  @Field(() => Int, { description: "Reviews already there as the document has them." })
  unchanged: number;

  @Field(() => Int, { description: "ClaimReviews refused (status ERROR)." })
  failed: number;

  @Field(() => [ClaimReviewImportItem], { description: "One per ClaimReview, in document order." })
  items: ClaimReviewImportItem[];
}

/** An outcome as the GraphQL item type carries it. */
export const toImportItem = (outcome: ItemOutcome): ClaimReviewImportItem => ({
  ...outcome,
  status: outcome.status as ClaimReviewImportStatus,
});
