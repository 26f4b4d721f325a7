import { Field, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime, GraphQLURL } from "graphql-scalars";

import { SourceKind } from "../generated/prisma/enums.ts";
import { Node } from "../node/node.ts";
import { ConnectionType } from "../schema/connection.ts";

export { SourceKind };

registerEnumType(SourceKind, {
  name: "SourceKind",
  description: "What kind of source this is.",
  valuesConfig: {
    NEWS_AGENCY: { description: "A wire service, e.g. Xinhua, Reuters." },
    NEWS_OUTLET: { description: "A newspaper, broadcaster or news site, e.g. Bloomberg, CNBC." },
    SOCIAL_PLATFORM: { description: "A social media platform, e.g. Truth Social." },
    GOVERNMENT_BODY: { description: "A government, ministry or agency." },
    ORGANIZATION: { description: "Any other organization." },
    PERSON: { description: "A named person." },
  },
});

@ObjectType({
  implements: Node,
  description: "Anyone or anything a claim comes from or passes through: people, outlets, agencies, platforms, governments.",
})
export class Source extends Node {
  @Field(() => String, { description: "Unique, URL-safe name, e.g. `xinhua`." })
  slug: string;

  @Field(() => String, { description: "Display name." })
  name: string;

  @Field(() => SourceKind, { description: "What kind of source this is." })
  kind: SourceKind;

  @Field(() => String, { nullable: true, description: 'Role or title, e.g. "US Trade Representative".' })
  role: string | null;

  @Field(() => String, { nullable: true, description: "Short description." })
  description: string | null;

  @Field(() => GraphQLURL, { nullable: true, description: "Home page." })
  url: string | null;

  @Field(() => GraphQLDateTime, { description: "When this record was created." })
  createdAt: Date;

  @Field(() => GraphQLDateTime, { description: "When this record was last changed." })
  updatedAt: Date;

  affiliationId: string | null;
}

export const SourceConnection = ConnectionType(Source, "Source", "source");
