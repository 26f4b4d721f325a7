import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime, GraphQLURL } from "graphql-scalars";

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
    URL_ONLY: {
      description:
        "Known only by the URL of the page the claim appeared on (`url`), as an imported ClaimReview gave it: no article in claimgraph, no span. `quote` holds the words when the import was given them.",
    },
  },
});

@ObjectType({
  implements: Node,
  description:
    "Where a claim appears: an exact span of an article's body, or (status URL_ONLY) a page known only by its URL, as an imported ClaimReview gave it.",
})
export class Appearance extends Node {
  @Field(() => String, {
    nullable: true,
    description: "The exact text of the span in the article. For a URL_ONLY appearance, the words on the page when the import was given them, else null.",
  })
  quote: string | null;

  @Field(() => Int, { nullable: true, description: "Start offset into `article.body`, in UTF-16 code units (inclusive); null for URL_ONLY." })
  start: number | null;

  @Field(() => Int, { nullable: true, description: "End offset into `article.body`, in UTF-16 code units (exclusive); null for URL_ONLY." })
  end: number | null;

  @Field(() => GraphQLURL, {
    nullable: true,
    description: "The page the claim appeared on, for a URL_ONLY appearance; null for a span of an article (its `article.url` says where that is).",
  })
  url: string | null;

  @Field(() => AppearanceKind, { description: "How the article presents the claim here." })
  kind: AppearanceKind;

  @Field(() => AppearanceStatus, { description: "Whether the span still matches the body." })
  status: AppearanceStatus;

  @Field(() => GraphQLDateTime, { description: "When this record was created." })
  createdAt: Date;

  articleId: string | null;
  claimId: string;
}

export const AppearanceConnection = ConnectionType(Appearance, "Appearance", "appearance");
