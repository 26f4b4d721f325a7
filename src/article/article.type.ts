import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLURL } from "graphql-scalars";

import { Node } from "../node/node.ts";
import { ConnectionType } from "../schema/connection.ts";

@ObjectType({ implements: Node, description: "A published article, its exact text, and the claims that appear in it." })
export class Article extends Node {
  @Field(() => String, { description: "Unique, URL-safe name." })
  slug: string;

  @Field(() => String, { description: "Headline." })
  title: string;

  @Field(() => String, { nullable: true, description: "Short summary written for claimgraph." })
  summary: string | null;

  @Field(() => String, {
    description: "The text exactly as published. Appearance offsets index into it in UTF-16 code units (JavaScript string indices).",
  })
  body: string;

  @Field(() => GraphQLURL, { nullable: true, description: "Where the article was published." })
  url: string | null;

  @Field(() => String, { nullable: true, description: "BCP 47 language tag of `body`, e.g. `en`." })
  language: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When the article was published." })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Where the text came from, when it is not simply `url`." })
  origin: string | null;

  @Field(() => Int, { description: "Goes up by one with every update; pass it back to updateArticle." })
  version: number;

  @Field(() => GraphQLDateTime, { description: "When this record was created." })
  createdAt: Date;

  @Field(() => GraphQLDateTime, { description: "When this record was last changed." })
  updatedAt: Date;

  publisherId: string | null;
  translationOfId: string | null;
}

export const ArticleConnection = ConnectionType(Article, "Article", "article");
