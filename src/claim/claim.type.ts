import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { DatePrecision } from "../generated/prisma/enums.ts";
import { Node } from "../node/node.ts";
import { ConnectionType } from "../schema/connection.ts";

export { DatePrecision };

registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How precisely a date is known; finer parts of the value are not meaningful.",
  valuesConfig: {
    YEAR: { description: "Only the year is known." },
    MONTH: { description: "The year and month are known." },
    DAY: { description: "The calendar day is known." },
    MINUTE: { description: "The time is known to the minute." },
  },
});

@ObjectType({ implements: Node, description: "One attributed statement: who said what, when, through which channel, as reported by whom." })
export class Claim extends Node {
  @Field(() => String, { description: "The statement as a standalone sentence a reader understands without the article." })
  text: string;

  @Field(() => String, { nullable: true, description: 'Who made the claim when no source is named, e.g. "several media outlets".' })
  claimantDescription: string | null;

  @Field(() => String, { description: "Lemma of the attribution verb: state, post, report, accuse, announce…" })
  cue: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the statement was made (not when it was published), in UTC." })
  claimedAt: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: "How precisely `claimedAt` is known." })
  claimedAtPrecision: DatePrecision | null;

  @Field(() => GraphQLDateTime, { description: "When this record was created." })
  createdAt: Date;

  @Field(() => GraphQLDateTime, { description: "When this record was last changed." })
  updatedAt: Date;

  claimantId: string | null;
  channelId: string | null;
  reportedById: string | null;
}

export const ClaimConnection = ConnectionType(Claim, "Claim", "claim");
