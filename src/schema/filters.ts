import { Field, ID, InputType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { MAX_IN_LIST } from "../db/filters/index.ts";

// Filter input types every entity's filter is built from. They compile to SQL
// in src/db/filters/.

export { MAX_FILTER_DEPTH, MAX_IN_LIST } from "../db/filters/index.ts";

@InputType({ description: "Conditions on a text field. All given conditions must hold." })
export class StringFilter {
  @Field(() => String, { nullable: true, description: "Exactly this text (case-sensitive)." })
  equals?: string;

  @Field(() => [String], { nullable: true, description: `One of these texts (case-sensitive, at most ${MAX_IN_LIST}).` })
  in?: string[];

  @Field(() => String, { nullable: true, description: "Contains this text (case-insensitive)." })
  contains?: string;

  @Field(() => String, { nullable: true, description: "Starts with this text (case-insensitive)." })
  startsWith?: string;

  @Field(() => String, { nullable: true, description: "Ends with this text (case-insensitive)." })
  endsWith?: string;
}

@InputType({ description: "Conditions on an optional text field." })
export class NullableStringFilter extends StringFilter {
  @Field(() => Boolean, { nullable: true, description: "True: the field is empty; false: it has a value." })
  isNull?: boolean;
}

@InputType({ description: "Conditions on an optional date-time field. All given conditions must hold." })
export class DateTimeFilter {
  @Field(() => GraphQLDateTime, { nullable: true, description: "Exactly this instant." })
  equals?: Date;

  @Field(() => [GraphQLDateTime], { nullable: true, description: `One of these instants (at most ${MAX_IN_LIST}).` })
  in?: Date[];

  @Field(() => GraphQLDateTime, { nullable: true, description: "Later than this instant." })
  gt?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "This instant or later." })
  gte?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "Earlier than this instant." })
  lt?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "This instant or earlier." })
  lte?: Date;

  @Field(() => Boolean, { nullable: true, description: "True: the field is empty; false: it has a value." })
  isNull?: boolean;
}

@InputType({ description: "Conditions on an id (global ids, as returned by `id` fields)." })
export class IDFilter {
  @Field(() => ID, { nullable: true, description: "Exactly this id." })
  equals?: string;

  @Field(() => [ID], { nullable: true, description: `One of these ids (at most ${MAX_IN_LIST}).` })
  in?: string[];
}
