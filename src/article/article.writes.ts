import type { Article as ArticleRow } from "../generated/prisma/client.ts";
import { NotFoundError, UserInputError } from "../common/errors.ts";
import { expectGlobalId } from "../common/globalId.ts";
import type { Tx } from "../common/transaction.ts";
import type { ArticleRef } from "./article.input.ts";

/** Resolves an ArticleRef inside the caller's transaction; errors name `path`. */
export async function resolveArticleRef(tx: Tx, ref: ArticleRef, path: string): Promise<ArticleRow> {
  if ((ref.id == null) === (ref.slug == null)) throw new UserInputError(`"${path}" needs exactly one of id or slug`, path);
  const article =
    ref.id != null
      ? await tx.article.findUnique({ where: { id: expectGlobalId(ref.id, "Article", `${path}.id`) } })
      : await tx.article.findUnique({ where: { slug: ref.slug! } });
  if (!article) throw new NotFoundError(`No article with ${ref.id != null ? `id "${ref.id}"` : `slug "${ref.slug}"`}`, `${path}.${ref.id != null ? "id" : "slug"}`);
  return article;
}

export async function assertArticleSlugFree(tx: Tx, slug: string, field: string) {
  if (await tx.article.findUnique({ where: { slug } })) throw new UserInputError(`The slug "${slug}" is taken`, field);
}

export async function assertArticleUrlFree(tx: Tx, url: string, field: string) {
  if (await tx.article.findUnique({ where: { url } })) throw new UserInputError(`Another article already has the url "${url}"`, field);
}
