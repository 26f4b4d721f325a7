import { Field, ID, ObjectType } from "type-graphql";

import { Appearance } from "../appearance/appearance.type.ts";
import { Article, ArticleConnection } from "./article.type.ts";

@ObjectType({ description: "The result of createArticle." })
export class CreateArticlePayload {
  @Field(() => Article, { description: "The new article, with its claims." })
  article: Article;

  @Field(() => ArticleConnection.Edge, {
    description: "The article as an edge of `articles` in its default order (publishedAt, oldest first), for clients to insert into a cached list.",
  })
  articleEdge: InstanceType<typeof ArticleConnection.Edge>;
}

@ObjectType({ description: "The result of updateArticle." })
export class UpdateArticlePayload {
  @Field(() => Article, { description: "The article as it is now (its `version` went up by one)." })
  article: Article;

  @Field(() => [Appearance], { description: "Appearances whose span moved, or which were found again, after a body edit." })
  reanchoredAppearances: Appearance[];

  @Field(() => [Appearance], { description: "Appearances whose quote is no longer in the body: now STALE, kept with their old offsets." })
  staleAppearances: Appearance[];
}

@ObjectType({ description: "What deleteArticle removed." })
export class DeleteArticlePayload {
  @Field(() => ID, { description: "The deleted article." })
  deletedArticleId: string;

  @Field(() => [ID], { description: "Claims deleted because their last appearance was in this article." })
  deletedClaimIds: string[];

  @Field(() => [ID], { description: "Every appearance that was in the article." })
  deletedAppearanceIds: string[];
}
