import { Field, InputType, registerEnumType } from "type-graphql";

import { IDFilter, NullableStringFilter, StringFilter } from "../common/filters.ts";
import { OrderInput } from "../common/order.ts";
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

  @Field(() => StringFilter, { nullable: true, description: "Any alias, e.g. `{ equals: \"Xinhua\" }`." })
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
}

registerEnumType(SourceOrderField, {
  name: "SourceOrderField",
  description: "Fields sources can be sorted by.",
  valuesConfig: {
    NAME: { description: "Display name." },
    SLUG: { description: "Slug." },
    CREATED_AT: { description: "When the record was created." },
  },
});

export const SourceOrder = OrderInput(SourceOrderField, "Source", "sources");
export type SourceOrder = InstanceType<typeof SourceOrder>;
