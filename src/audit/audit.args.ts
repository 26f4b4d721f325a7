import { ArgsType, Field } from "type-graphql";

import { ConnectionArgs } from "../schema/connection.ts";
import { AuditEventFilter } from "./audit.input.ts";

@ArgsType()
export class AuditEventListArgs extends ConnectionArgs {
  @Field(() => AuditEventFilter, { nullable: true, description: "Only events that match. Newest first." })
  filter?: AuditEventFilter | null;

  // Audit events always sort newest first; there is no orderBy.
  orderBy?: null;
}
