import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { ApiKeyRole } from "../generated/prisma/enums.ts";

export { ApiKeyRole };

registerEnumType(ApiKeyRole, {
  name: "ApiKeyRole",
  description: "What a key may do. Each role includes the ones above it.",
  valuesConfig: {
    READER: { description: "Read (only needed when reads require a key)." },
    EDITOR: { description: "Create and update articles, sources, claims and appearances." },
    ADMIN: { description: "Delete, merge sources, manage keys and read the audit trail." },
  },
});

@ObjectType({ description: "An API key. The key itself is shown only once, when it is created." })
export class ApiKey {
  @Field(() => ID, { description: "The key's id (used to revoke it, and in audit events' keyId). Not a Node id." })
  id: string;

  @Field(() => String, { description: "Who or what the key is for." })
  name: string;

  @Field(() => ApiKeyRole, { description: "What the key may do." })
  role: ApiKeyRole;

  @Field(() => String, { description: "The first characters of the key, to tell keys apart." })
  prefix: string;

  @Field(() => GraphQLDateTime, { description: "When the key was created." })
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the key was revoked; revoked keys are refused." })
  revokedAt: Date | null;
}

@ObjectType({ description: "A newly created key, with its secret." })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { description: "The stored key record." })
  apiKey: ApiKey;

  @Field(() => String, { description: "The secret to send as `Authorization: Bearer <key>`. It is not stored and cannot be shown again." })
  key: string;
}
