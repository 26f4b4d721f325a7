import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { AppearanceKind, AppearanceStatus } from "../generated/prisma/enums.ts";
import { Node } from "../node/node.ts";
import { ConnectionType } from "../schema/connection.ts";

export { AppearanceKind, AppearanceStatus };

registerEnumType(AppearanceKind, {
  name: "AppearanceKind",
  description: "How the article presents the claim.",
  valuesConfig: {
    DIRECT_QUOTE: { description: "The claimant's own words, in quotation marks." },
    REPORTED_SPEECH: { description: "A paraphrase attributed to the claimant." },
    ASSERTION: { description: "The article states the claimant's position without a speech verb." },
  },
});

registerEnumType(AppearanceStatus, {
  name: "AppearanceStatus",
  description: "Whether the span still matches the article body.",
  valuesConfig: {
    ANCHORED: { description: "`article.body` sliced from `start` to `end` equals `quote`." },
    STALE: { description: "The body changed and the quote could not be found again; `start`/`end` are the old offsets." },
  },
});

@ObjectType({ implements: Node, description: "Where a claim appears in an article: an exact span of the body." })
export class Appearance extends Node {
  @Field(() => String, { description: "The exact text of the span in the article." })
  quote: string;

  @Field(() => Int, { description: "Start offset into `article.body`, in UTF-16 code units (inclusive)." })
  start: number;

  @Field(() => Int, { description: "End offset into `article.body`, in UTF-16 code units (exclusive)." })
  end: number;

  @Field(() => AppearanceKind, { description: "How the article presents the claim here." })
  kind: AppearanceKind;

  @Field(() => AppearanceStatus, { description: "Whether the span still matches the body." })
  status: AppearanceStatus;

  @Field(() => GraphQLDateTime, { description: "When this record was created." })
  createdAt: Date;

  articleId: string;
  claimId: string;
}

export const AppearanceConnection = ConnectionType(Appearance, "Appearance", "appearance");
