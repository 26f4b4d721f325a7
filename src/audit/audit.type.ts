import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { ConnectionType } from "../schema/connection.ts";
import { Node } from "../node/node.ts";

@ObjectType({ description: "An object a mutation touched." })
export class AuditEntity {
  @Field(() => String, { description: "The object's type: Article, Source, Claim or Appearance." })
  entityType: string;

  @Field(() => ID, { description: "The object's global id (it may since have been deleted)." })
  entityId: string;
}

@ObjectType({ implements: Node, description: "One successful mutation: who did what, and when. Refetchable through `node(id:)` by admins." })
export class AuditEvent extends Node {
  @Field(() => GraphQLDateTime, { description: "When the mutation committed." })
  at: Date;

  @Field(() => ID, { nullable: true, description: "The id of the API key that made the change (ApiKey.id)." })
  keyId: string | null;

  @Field(() => String, { description: "The name of that key, as it was then." })
  keyName: string;

  @Field(() => String, { description: "The mutation, e.g. `createArticle`." })
  operation: string;
}

export const AuditEventConnection = ConnectionType(AuditEvent, "AuditEvent", "audit event");
