import type { Article as ArticleRow } from "../generated/prisma/client.ts";
import { NotFoundError, UserInputError } from "../shared/errors.ts";
import { expectGlobalId } from "../shared/globalId.ts";
import { lockRows, type Tx } from "../db/transaction.ts";
import { MAX_APPEARANCES_PER_CLAIM, type NewClaimInput } from "../claim/claim.input.ts";
import { MAX_AUTHORS, MAX_BODY_LENGTH, MAX_CLAIMS_PER_ARTICLE, MAX_TRANSLATIONS, type ArticleRef } from "./article.input.ts";

/**
 * The size caps of an article write, checked in the service so that every path
 * (createArticle, importArticle, the import CLI) holds them. Lengths are UTF-16
 * code units, the unit of appearance offsets.
 */
export function assertArticleCaps(input: { body: string; claims?: NewClaimInput[] | null; authors?: unknown[] | null }, bodyField = "body") {
  const cap = (count: number, limit: number, field: string, what: string) => {
    if (count > limit) throw new UserInputError(`"${field}" has ${count} ${what}; the limit is ${limit}`, field, { limit });
  };
  cap(input.body.length, MAX_BODY_LENGTH, bodyField, "UTF-16 code units");
  cap(input.claims?.length ?? 0, MAX_CLAIMS_PER_ARTICLE, "claims", "claims");
  cap(input.authors?.length ?? 0, MAX_AUTHORS, "authors", "authors");
  for (const [i, claim] of (input.claims ?? []).entries()) cap(claim.appearances.length, MAX_APPEARANCES_PER_CLAIM, `claims[${i}].appearances`, "appearances");
}

/**
 * Resolves the article a span is placed in, share-locked and read again after
 * the lock: the span is computed from the body as it stays until commit, not
 * from one an updateArticle is replacing meanwhile.
 */
export async function resolveArticleForSpans(tx: Tx, ref: ArticleRef, path: string): Promise<ArticleRow> {
  const found = await resolveArticleRef(tx, ref, path);
  await lockRows(tx, "Article", [found.id], "share");
  const article = await tx.article.findUnique({ where: { id: found.id } });
  if (!article) throw new NotFoundError(`The article "${path}" names was deleted meanwhile`, path);
  return article;
}

/** Resolves the original an article translates, locked so that the translation cap holds under concurrent writes. */
export async function resolveTranslationTarget(tx: Tx, ref: ArticleRef, path: string, translationId?: string): Promise<string> {
  const original = await resolveArticleRef(tx, ref, path);
  await lockRows(tx, "Article", [original.id]);
  const others = await tx.article.count({ where: { translationOfId: original.id, ...(translationId ? { id: { not: translationId } } : {}) } });
  if (others >= MAX_TRANSLATIONS) {
    throw new UserInputError(`The article already has ${others} translations; the limit is ${MAX_TRANSLATIONS}`, path, { limit: MAX_TRANSLATIONS });
  }
  return original.id;
}

/** Resolves an ArticleRef inside the caller's transaction; errors name `path`. */
export async function resolveArticleRef(tx: Tx, ref: ArticleRef, path: string): Promise<ArticleRow> {
  if ((ref.id == null) === (ref.slug == null)) throw new UserInputError(`"${path}" needs exactly one of id or slug`, path);
  const article =
    ref.id != null
      ? await tx.article.findUnique({ where: { id: expectGlobalId(ref.id, "Article", `${path}.id`) } })
      : await tx.article.findUnique({ where: { slug: ref.slug! } });
  if (!article)
    throw new NotFoundError(`No article with ${ref.id != null ? `id "${ref.id}"` : `slug "${ref.slug}"`}`, `${path}.${ref.id != null ? "id" : "slug"}`);
  return article;
}

export async function assertArticleSlugFree(tx: Tx, slug: string, field: string) {
  if (await tx.article.findUnique({ where: { slug } })) throw new UserInputError(`The slug "${slug}" is taken`, field);
}

export async function assertArticleUrlFree(tx: Tx, url: string, field: string) {
  if (await tx.article.findUnique({ where: { url } })) throw new UserInputError(`Another article already has the url "${url}"`, field);
}
