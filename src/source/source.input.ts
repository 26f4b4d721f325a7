import { ArrayMaxSize, IsUrl, Length, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";

import { IDFilter, NullableStringFilter, StringFilter } from "../schema/filters.ts";
import { OrderDirection } from "../schema/order.ts";
import { IsSlug, IsText } from "../schema/validators.ts";
import { SourceKind } from "./source.type.ts";

@InputType({ description: "Conditions on a source kind." })
export class SourceKindFilter {
  @Field(() => SourceKind, { nullable: true, description: "Exactly this kind." })
  equals?: SourceKind;

  @Field(() => [SourceKind], { nullable: true, description: "One of these kinds." })
  in?: SourceKind[];
}

@InputType({ description: "Conditions on sources. All given conditions must hold." })
export class SourceFilter {
  @Field(() => IDFilter, { nullable: true, description: "The source's id." })
  id?: IDFilter;

  @Field(() => StringFilter, { nullable: true, description: "The slug." })
  slug?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: "The display name." })
  name?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Any alias, e.g. `{ equals: "Xinhua" }`.' })
  alias?: StringFilter;

  @Field(() => SourceKindFilter, { nullable: true, description: "The kind." })
  kind?: SourceKindFilter;

  @Field(() => NullableStringFilter, { nullable: true, description: "The role." })
  role?: NullableStringFilter;

  @Field(() => SourceFilter, { nullable: true, description: "The source it is affiliated with." })
  affiliation?: SourceFilter;

  @Field(() => [SourceFilter], { nullable: true, description: "All of these hold." })
  AND?: SourceFilter[];

  @Field(() => [SourceFilter], { nullable: true, description: "At least one of these holds." })
  OR?: SourceFilter[];

  @Field(() => SourceFilter, { nullable: true, description: "This does not hold." })
  NOT?: SourceFilter;
}

export enum SourceOrderField {
  NAME = "NAME",
  SLUG = "SLUG",
  CREATED_AT = "CREATED_AT",
  REVIEWED_CLAIMS = "REVIEWED_CLAIMS",
  FALSE_SHARE = "FALSE_SHARE",
}

/** The least `minReviewed` a track-record order takes, and its default. */
export const MIN_REVIEWED = 1;
export const DEFAULT_MIN_REVIEWED = 3;

registerEnumType(SourceOrderField, {
  name: "SourceOrderField",
  description: "Fields sources can be sorted by.",
  valuesConfig: {
    NAME: { description: "Display name." },
    SLUG: { description: "Slug." },
    CREATED_AT: { description: "When the record was created." },
    REVIEWED_CLAIMS: {
      description: `How many of its claims have a published review (its track record's reviewedClaims, over all time). Lists only claimants with at least \`minReviewed\` (default ${DEFAULT_MIN_REVIEWED}); \`sources\` only.`,
    },
    FALSE_SHARE: {
      description: `The share of its reviewed claims whose latest published review says FALSE or MOSTLY_FALSE (its track record's falseShare, over all time). Lists only claimants with at least \`minReviewed\` reviewed claims (default ${DEFAULT_MIN_REVIEWED}), so that one review does not top the list; \`sources\` only.`,
    },
  },
});

@InputType("SourceOrder", { description: "Sort order for sources; ties are broken by id." })
export class SourceOrder {
  @Field(() => SourceOrderField, { description: "The field to sort by." })
  field: SourceOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "The direction." })
  direction: OrderDirection;

  @Field(() => Int, {
    nullable: true,
    description: `With REVIEWED_CLAIMS or FALSE_SHARE: list only claimants with at least this many reviewed claims (${MIN_REVIEWED} or more; default ${DEFAULT_MIN_REVIEWED}). Refused with any other field.`,
  })
  minReviewed?: number | null;
}

export const MAX_ALIASES = 50;

@InputType({
  description:
    "Points at a source by exactly one of `id`, `slug` or `alias`. An alias is matched case-insensitively against every source's aliases (which include its name); when none matches, a source is created from the alias (as its name) and `kind`.",
})
export class SourceRef {
  @Field(() => ID, { nullable: true, description: "An existing source's id." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "An existing source's slug." })
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'A name the source goes by, e.g. "Xinhua".' })
  @IsText(200)
  alias?: string | null;

  @Field(() => SourceKind, { nullable: true, description: "Kind of the source to create when the alias matches none (required then)." })
  kind?: SourceKind | null;

  @Field(() => String, { nullable: true, description: 'Role of the source to create, e.g. "US Trade Representative".' })
  @IsText(200)
  role?: string | null;
}

@InputType({ description: "A new source." })
export class CreateSourceInput {
  @Field(() => String, { description: "Display name." })
  @IsText(200)
  name: string;

  @Field(() => SourceKind, { description: "What kind of source it is." })
  kind: SourceKind;

  @Field(() => String, { nullable: true, description: "Unique slug; derived from the name when omitted." })
  @IsSlug()
  slug?: string | null;

  @Field(() => [String], { nullable: true, description: `Other names (the name is always an alias too), at most ${MAX_ALIASES}.` })
  @ArrayMaxSize(MAX_ALIASES)
  @Length(1, 200, { each: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: "Role or title." })
  @IsText(200)
  role?: string | null;

  @Field(() => String, { nullable: true, description: "Short description." })
  @IsText(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Home page (http or https)." })
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, { message: "$property must be an http(s) URL" })
  url?: string | null;

  @Field(() => SourceRef, { nullable: true, description: "The source this one belongs to." })
  @ValidateNested()
  affiliation?: SourceRef | null;
}

@InputType({ description: "Changes to a source. Omitted fields stay as they are; null clears an optional field." })
export class UpdateSourceInput {
  @Field(() => ID, { description: "The source to change." })
  id: string;

  @Field(() => String, { nullable: true, description: "New display name (kept as an alias)." })
  @IsText(200)
  name?: string | null;

  @Field(() => SourceKind, { nullable: true, description: "New kind." })
  kind?: SourceKind | null;

  @Field(() => String, { nullable: true, description: "New slug; the old one stops resolving." })
  @IsSlug()
  slug?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces the aliases (the name is always kept as one)." })
  @ArrayMaxSize(MAX_ALIASES)
  @Length(1, 200, { each: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: "Role or title; null clears it." })
  @IsText(200)
  role?: string | null;

  @Field(() => String, { nullable: true, description: "Description; null clears it." })
  @IsText(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Home page; null clears it." })
  @IsUrl({ protocols: ["http", "https"], require_protocol: true }, { message: "$property must be an http(s) URL" })
  url?: string | null;

  @Field(() => SourceRef, { nullable: true, description: "The source this one belongs to; null clears it. Cycles are refused." })
  @ValidateNested()
  affiliation?: SourceRef | null;
}
