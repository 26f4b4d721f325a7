import { ArgsType, Field } from "type-graphql";

import { ConnectionArgs } from "../schema/connection.ts";
import { ArticleFilter, ArticleOrder } from "./article.input.ts";

@ArgsType()
export class ArticleListArgs extends ConnectionArgs {
  @Field(() => ArticleFilter, { nullable: true, description: "Only articles that match." })
  filter?: ArticleFilter | null;

  @Field(() => ArticleOrder, { nullable: true, description: "Sort order (default: publishedAt ascending, undated last)." })
  orderBy?: ArticleOrder | null;
}
