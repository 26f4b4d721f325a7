import { Field, ID, ObjectType } from "type-graphql";

import { Source } from "./source.type.ts";

@ObjectType({ description: "The result of createSource or updateSource." })
export class SourcePayload {
  @Field(() => Source, { description: "The source as it is now." })
  source: Source;
}

@ObjectType({ description: "The result of mergeSources." })
export class MergeSourcesPayload {
  @Field(() => Source, { description: "The surviving source, with everything that pointed at the merged one." })
  source: Source;

  @Field(() => ID, { description: "The merged source's id; it now resolves to `source`." })
  mergedSourceId: string;
}
