import type { Prisma } from "../generated/prisma/client.ts";
import { allOf, dateTimeWhere, idWhere, logicalWhere, textWhere, whereOf } from "../db/filters/prisma.ts";
import { FilterScope } from "../db/filters/index.ts";
import type { SortColumn } from "../db/pages.ts";
import { claimWhere } from "../claim/claim.where.ts";
import { sourceWhere } from "../source/source.where.ts";
import type { ArticleFilter, ArticleOrderField } from "./article.input.ts";

export const ARTICLE_SORT: Record<ArticleOrderField, SortColumn> = {
  PUBLISHED_AT: { key: "PUBLISHED_AT", column: "publishedAt", type: "date", nullable: true },
  TITLE: { key: "TITLE", column: "title", type: "string", nullable: false },
  CREATED_AT: { key: "CREATED_AT", column: "createdAt", type: "date", nullable: false },
};

/** Translates an ArticleFilter into a Prisma where; throws BAD_USER_INPUT naming the input path. */
export function articleWhere(filter: ArticleFilter | undefined | null, scope: FilterScope): Prisma.ArticleWhereInput | undefined {
  if (!filter) return undefined;
  return allOf<Prisma.ArticleWhereInput>(
    textWhere("slug", filter.slug, scope.at("slug")),
    textWhere("title", filter.title, scope.at("title")),
    textWhere("language", filter.language, scope.at("language")),
    whereOf({
      id: idWhere(filter.id, "Article", scope.at("id")),
      publishedAt: dateTimeWhere(filter.publishedAt, scope.at("publishedAt")),
      publisher: filter.publisher ? { is: sourceWhere(filter.publisher, scope.nest("publisher")) ?? {} } : undefined,
      authors: filter.author ? { some: { source: sourceWhere(filter.author, scope.nest("author")) ?? {} } } : undefined,
      appearances: filter.claim ? { some: { claim: claimWhere(filter.claim, scope.nest("claim")) ?? {} } } : undefined,
    }),
    logicalWhere(filter, scope, articleWhere),
  );
}
