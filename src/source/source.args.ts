import { ArgsType, Field } from "type-graphql";

import { ConnectionArgs } from "../schema/connection.ts";
import { SourceFilter, SourceOrder } from "./source.input.ts";

@ArgsType()
export class SourceListArgs extends ConnectionArgs {
  @Field(() => SourceFilter, { nullable: true, description: "Only sources that match." })
  filter?: SourceFilter | null;

  @Field(() => SourceOrder, { nullable: true, description: "Sort order (default: name ascending)." })
  orderBy?: SourceOrder | null;
}
