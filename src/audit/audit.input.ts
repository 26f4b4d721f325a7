import { Field, ID, InputType } from "type-graphql";

import { DateTimeFilter, StringFilter } from "../schema/filters.ts";

@InputType({ description: "Conditions on audit events. All given conditions must hold." })
export class AuditEventFilter {
  @Field(() => StringFilter, { nullable: true, description: "The mutation name." })
  operation?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: "The key's id." })
  keyId?: StringFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: "When it happened." })
  at?: DateTimeFilter;

  @Field(() => ID, { nullable: true, description: "Only events that touched this object (a global id)." })
  entityId?: string;
}
