import { Field, InputType, registerEnumType } from "type-graphql";

import { DateTimeFilter, IDFilter, NullableStringFilter, StringFilter } from "../common/filters.ts";
import { OrderInput } from "../common/order.ts";
import { ArticleFilter } from "../article/article.input.ts";
import { SourceFilter } from "../source/source.input.ts";

@InputType({ description: "Conditions on claims. All given conditions must hold." })
export class ClaimFilter {
  @Field(() => IDFilter, { nullable: true, description: "The claim's id." })
  id?: IDFilter;

  @Field(() => StringFilter, { nullable: true, description: "The claim's standalone text." })
  text?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: 'The attribution verb lemma, e.g. `{ in: ["state", "post"] }`.' })
  cue?: StringFilter;

  @Field(() => NullableStringFilter, { nullable: true, description: "The description of an unnamed claimant." })
  claimantDescription?: NullableStringFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: "When the statement was made." })
  claimedAt?: DateTimeFilter;

  @Field(() => SourceFilter, { nullable: true, description: "The claimant matches (claims without one never match)." })
  claimant?: SourceFilter;

  @Field(() => SourceFilter, { nullable: true, description: "The channel matches." })
  channel?: SourceFilter;

  @Field(() => SourceFilter, { nullable: true, description: "The reporting source matches." })
  reportedBy?: SourceFilter;

  @Field(() => ArticleFilter, { nullable: true, description: "The claim appears in an article that matches." })
  article?: ArticleFilter;

  @Field(() => [ClaimFilter], { nullable: true, description: "All of these hold." })
  AND?: ClaimFilter[];

  @Field(() => [ClaimFilter], { nullable: true, description: "At least one of these holds." })
  OR?: ClaimFilter[];

  @Field(() => ClaimFilter, { nullable: true, description: "This does not hold." })
  NOT?: ClaimFilter;
}

export enum ClaimOrderField {
  CLAIMED_AT = "CLAIMED_AT",
  CREATED_AT = "CREATED_AT",
}

registerEnumType(ClaimOrderField, {
  name: "ClaimOrderField",
  description: "Fields claims can be sorted by.",
  valuesConfig: {
    CLAIMED_AT: { description: "When the statement was made; claims with no date sort last." },
    CREATED_AT: { description: "When the record was created." },
  },
});

export const ClaimOrder = OrderInput(ClaimOrderField, "Claim", "claims");
export type ClaimOrder = InstanceType<typeof ClaimOrder>;
