import { ArgsType, Field } from "type-graphql";

import { ConnectionArgs } from "../schema/connection.ts";
import { ClaimFilter, ClaimOrder } from "./claim.input.ts";

@ArgsType()
export class ClaimListArgs extends ConnectionArgs {
  @Field(() => ClaimFilter, { nullable: true, description: "Only claims that match." })
  filter?: ClaimFilter | null;

  @Field(() => ClaimOrder, { nullable: true, description: "Sort order (default: claimedAt ascending, undated last)." })
  orderBy?: ClaimOrder | null;
}
