import { ArrayMaxSize, ArrayMinSize, ValidateNested } from "class-validator";
import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { DateTimeFilter, IDFilter, NullableStringFilter, StringFilter } from "../schema/filters.ts";
import { OrderInput } from "../schema/order.ts";
import { IsSaneDate, IsText } from "../schema/validators.ts";
import { AppearanceSpanInput, ClaimAppearanceInput } from "../appearance/appearance.input.ts";
import { ArticleFilter } from "../article/article.input.ts";
import { SourceFilter, SourceRef } from "../source/source.input.ts";
import { DatePrecision } from "./claim.type.ts";

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

export const MAX_APPEARANCES_PER_CLAIM = 20;

// Fields every claim input shares; the concrete inputs below add where it
// appears. type-graphql only inherits fields from a decorated class.
@InputType("ClaimFieldsInput", { description: "The fields every new claim has." })
class ClaimFieldsInput {
  @Field(() => String, { description: "The statement as a standalone sentence." })
  @IsText(5_000)
  text: string;

  @Field(() => String, { description: "Lemma of the attribution verb: state, post, report…" })
  @IsText(60)
  cue: string;

  @Field(() => SourceRef, { nullable: true, description: "Who made it. Give this or `claimantDescription`." })
  @ValidateNested()
  claimant?: SourceRef | null;

  @Field(() => String, { nullable: true, description: 'Who made it, when unnamed, e.g. "several media outlets".' })
  @IsText(300)
  claimantDescription?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the statement was made (with `claimedAtPrecision`)." })
  @IsSaneDate()
  claimedAt?: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: "How precisely `claimedAt` is known." })
  claimedAtPrecision?: DatePrecision | null;

  @Field(() => SourceRef, { nullable: true, description: "What it was made through." })
  @ValidateNested()
  channel?: SourceRef | null;

  @Field(() => SourceRef, { nullable: true, description: "Who relayed it." })
  @ValidateNested()
  reportedBy?: SourceRef | null;
}

@InputType({ description: "A claim written with its article: appearances are spans of that article's body." })
export class NewClaimInput extends ClaimFieldsInput {
  @Field(() => [AppearanceSpanInput], { description: `Where it appears (1 to ${MAX_APPEARANCES_PER_CLAIM}).` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_APPEARANCES_PER_CLAIM)
  @ValidateNested({ each: true })
  appearances: AppearanceSpanInput[];
}

@InputType({ description: "A claim in existing articles." })
export class CreateClaimInput extends ClaimFieldsInput {
  @Field(() => [ClaimAppearanceInput], { description: `Where it appears (1 to ${MAX_APPEARANCES_PER_CLAIM}).` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_APPEARANCES_PER_CLAIM)
  @ValidateNested({ each: true })
  appearances: ClaimAppearanceInput[];
}

@InputType({ description: "Changes to a claim. Omitted fields stay as they are; null clears an optional field." })
export class UpdateClaimInput {
  @Field(() => ID, { description: "The claim to change." })
  id: string;

  @Field(() => String, { nullable: true, description: "New text." })
  @IsText(5_000)
  text?: string | null;

  @Field(() => String, { nullable: true, description: "New cue." })
  @IsText(60)
  cue?: string | null;

  @Field(() => SourceRef, { nullable: true, description: "Claimant; null clears it (then a claimantDescription must remain)." })
  @ValidateNested()
  claimant?: SourceRef | null;

  @Field(() => String, { nullable: true, description: "Unnamed claimant; null clears it." })
  @IsText(300)
  claimantDescription?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When it was made; null clears it and its precision." })
  @IsSaneDate()
  claimedAt?: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: "Precision of claimedAt." })
  claimedAtPrecision?: DatePrecision | null;

  @Field(() => SourceRef, { nullable: true, description: "Channel; null clears it." })
  @ValidateNested()
  channel?: SourceRef | null;

  @Field(() => SourceRef, { nullable: true, description: "Reporter; null clears it." })
  @ValidateNested()
  reportedBy?: SourceRef | null;
}
