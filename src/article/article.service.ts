import { assertNotReviewed } from "../review/review.writes.ts";
import type { Db } from "../db/client.ts";
import { Prisma, type Appearance as AppearanceRow, type Article as ArticleRow, type Source as SourceRow } from "../generated/prisma/client.ts";
import { recordAudit, type Actor, type AuditedEntity } from "../audit/audit.service.ts";
import type { Viewer } from "../schema/auth.ts";
import { ConflictError, NotFoundError } from "../shared/errors.ts";
import { expectGlobalId } from "../shared/globalId.ts";
import { inTransaction, lockRows } from "../db/transaction.ts";
import { reanchor } from "../appearance/anchor.ts";
import { createClaimRow } from "../claim/claim.writes.ts";
import { claimsOfArticles, indexArticles, indexClaims, unindex } from "../search/search.index.ts";
import { bylineRows, resolveSourceRef } from "../source/source.writes.ts";
import { prepareList, readPage } from "../db/lists.ts";
import { countSql, linkPairs, nestedPagesSql, readPageSql, type SqlSource } from "../db/listSql.ts";
import { DEFAULT_FILTER_LIMITS, type FilterLimits } from "../db/filters/index.ts";
import { groupByParent, inIdOrder } from "../db/batching.ts";
import { toConnection, type Connection } from "../db/pages.ts";
import type { ArticleListArgs } from "./article.args.ts";
import { ArticleOrderField, type CreateArticleInput, type UpdateArticleInput } from "./article.input.ts";
import { assertArticleCaps, assertArticleSlugFree, assertArticleUrlFree, resolveTranslationTarget } from "./article.writes.ts";
import { ARTICLE_SORT } from "./article.where.ts";
import { isPlainPage, windowPages, type WindowSource } from "../db/windowPages.ts";

// Reads leave the body out: it is the one large column, and most queries ask
// for titles. Article.body loads it by id when a query selects it.
const WITHOUT_BODY = { body: true } as const;

const ARTICLES: SqlSource = { table: "Article", columns: Object.values(Prisma.ArticleScalarFieldEnum).filter((column) => column !== "body") };
const BY_CLAIM: WindowSource = { ...ARTICLES, via: { table: "Appearance", parent: "claimId", child: "articleId" } };

/** (source, article) pairs: the source publishes or wrote the article, or made, channelled or relayed a claim in it. */
const SOURCE_ARTICLES = (ids: string[]) => {
  const parents = Prisma.join(ids);
  const viaClaims = (column: "claimantId" | "channelId" | "reportedById") =>
    Prisma.sql`SELECT c.${Prisma.raw(`"${column}"`)}, a."articleId" FROM "Appearance" a JOIN "Claim" c ON c."id" = a."claimId" WHERE c.${Prisma.raw(`"${column}"`)} IN (${parents})`;
  return Prisma.sql`SELECT "publisherId" AS "parent", "id" AS "child" FROM "Article" WHERE "publisherId" IN (${parents})
    UNION SELECT "sourceId", "articleId" FROM "ArticleAuthor" WHERE "sourceId" IN (${parents})
    UNION ${viaClaims("claimantId")} UNION ${viaClaims("channelId")} UNION ${viaClaims("reportedById")}`;
};

export type { ArticleRow };
/** An article as reads return it: the body only when a write returned it. */
export type ArticleRead = Omit<ArticleRow, "body"> & { body?: string };

export type UpdateArticleResult = { article: ArticleRow; reanchored: AppearanceRow[]; stale: AppearanceRow[] };
export type DeleteArticleResult = { articleId: string; claimIds: string[]; appearanceIds: string[] };

export class ArticleService {
  constructor(
    private readonly db: Db,
    private readonly filterLimits: FilterLimits = DEFAULT_FILTER_LIMITS,
  ) {}

  async byIds(ids: readonly string[]): Promise<(ArticleRead | null)[]> {
    return inIdOrder(ids, await this.db.article.findMany({ where: { id: { in: [...ids] } }, omit: WITHOUT_BODY }));
  }

  /** Bodies by article id, for Article.body; an Error where the article is gone. */
  async bodiesByIds(ids: readonly string[]): Promise<(string | Error)[]> {
    const rows = await this.db.article.findMany({ where: { id: { in: [...ids] } }, select: { id: true, body: true } });
    const bodies = new Map(rows.map((row) => [row.id, row.body]));
    return ids.map((id) => bodies.get(id) ?? new NotFoundError(`Article ${id} was deleted during the request`));
  }

  bySlug(slug: string): Promise<ArticleRead | null> {
    return this.db.article.findUnique({ where: { slug }, omit: WITHOUT_BODY });
  }

  private prepare(args: ArticleListArgs) {
    return prepareList(args, ARTICLE_SORT, ArticleOrderField.PUBLISHED_AT, "Article", this.db.provider, this.filterLimits);
  }

  /** `articles`: with a filter through SQL (one statement, or two for a nullable sort), else through Prisma. */
  async list(args: ArticleListArgs): Promise<Connection<ArticleRead>> {
    const list = this.prepare(args);
    if (list.filter) {
      const rows = await readPageSql<ArticleRead>(this.db, ARTICLES, list);
      return toConnection(rows, list.page, () => countSql(this.db, ARTICLES.table, list.filter));
    }
    const rows = await readPage(list, this.db.provider, (where, orderBy, take) => this.db.article.findMany({ where, orderBy, take, omit: WITHOUT_BODY }));
    return toConnection(rows, list.page, () => this.db.article.count());
  }

  /** Authors of each article, in byline order. */
  async authorsByArticleIds(ids: readonly string[]): Promise<SourceRow[][]> {
    const rows = await this.db.articleAuthor.findMany({
      where: { articleId: { in: [...ids] } },
      orderBy: [{ articleId: "asc" }, { position: "asc" }],
      include: { source: true },
    });
    return groupByParent(ids, rows, (row) => row.articleId).map((group) => group.map((row) => row.source));
  }

  /** Translations of each article. */
  async translationsByArticleIds(ids: readonly string[]): Promise<ArticleRead[][]> {
    const rows = await this.db.article.findMany({
      where: { translationOfId: { in: [...ids] } },
      omit: WITHOUT_BODY,
      orderBy: [{ language: "asc" }, { id: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.translationOfId!);
  }

  /** `Claim.articles`: articles each parent claim appears in. */
  async pagesByClaim(parentIds: string[], args: ArticleListArgs) {
    const list = this.prepare(args);
    if (isPlainPage(list)) return windowPages<ArticleRead>(this.db, BY_CLAIM, parentIds, list.page);
    return nestedPagesSql<ArticleRead>(this.db, ARTICLES, { pairs: linkPairs("Appearance", "claimId", "articleId") }, parentIds, list);
  }

  /**
   * `Source.articles`: articles a source takes part in, as publisher, author,
   * or as claimant, channel or reporter of a claim that appears in them.
   */
  pagesBySource(parentIds: string[], args: ArticleListArgs) {
    return nestedPagesSql<ArticleRead>(this.db, ARTICLES, { pairs: SOURCE_ARTICLES }, parentIds, this.prepare(args));
  }

  /** Creates an article with its sources, claims and appearances in one transaction. */
  async create(viewer: Actor, input: CreateArticleInput): Promise<ArticleRow> {
    assertArticleCaps(input);
    return inTransaction(this.db, async (tx) => {
      await assertArticleSlugFree(tx, input.slug, "slug");
      const url = input.url == null ? null : String(input.url);
      if (url) await assertArticleUrlFree(tx, url, "url");
      const article = await tx.article.create({
        data: {
          slug: input.slug,
          title: input.title.trim(),
          body: input.body,
          summary: input.summary ?? null,
          url,
          language: input.language ?? null,
          publishedAt: input.publishedAt ?? null,
          origin: input.origin ?? null,
          publisherId: input.publisher ? await resolveSourceRef(tx, input.publisher, "publisher") : null,
          translationOfId: input.translationOf ? await resolveTranslationTarget(tx, input.translationOf, "translationOf") : null,
          authors: { create: await bylineRows(tx, input.authors ?? []) },
        },
      });
      const touched: AuditedEntity[] = [{ type: "Article", id: article.id }];
      for (const [i, claimInput] of (input.claims ?? []).entries()) {
        const path = `claims[${i}]`;
        const placements = claimInput.appearances.map((span, j) => ({ articleId: article.id, body: article.body, span, path: `${path}.appearances[${j}]` }));
        const { claim, appearanceIds } = await createClaimRow(tx, claimInput, placements, path);
        touched.push({ type: "Claim", id: claim.id }, ...appearanceIds.map((id) => ({ type: "Appearance" as const, id })));
      }
      await indexArticles(tx, [article.id]);
      await recordAudit(tx, viewer, "createArticle", touched);
      return article;
    });
  }

  /**
   * Updates an article if `version` is still current (else CONFLICT). A new
   * body re-anchors every appearance by its quote, at the occurrence nearest
   * its old place; quotes no longer found become STALE, and are reported.
   */
  async update(viewer: Viewer, input: UpdateArticleInput): Promise<UpdateArticleResult> {
    if (input.body != null) assertArticleCaps({ body: input.body, authors: input.authors });
    return inTransaction(this.db, async (tx) => {
      const id = expectGlobalId(input.id, "Article", "id");
      // Before reading the body: span writers share-lock the article, so none places a span in the old body meanwhile.
      await lockRows(tx, "Article", [id]);
      const current = await tx.article.findUnique({ where: { id } });
      if (!current) throw new NotFoundError(`No article with id "${input.id}"`, "id");
      if (current.version !== input.version) {
        throw new ConflictError(`The article is at version ${current.version}, not ${input.version}: read it again and reapply your change`, {
          field: "version",
          currentVersion: current.version,
        });
      }
      const data: Prisma.ArticleUncheckedUpdateInput = { version: { increment: 1 } };
      if (input.slug != null && input.slug !== current.slug) {
        await assertArticleSlugFree(tx, input.slug, "slug");
        data.slug = input.slug;
      }
      if (input.title != null) data.title = input.title.trim();
      if (input.body != null) data.body = input.body;
      for (const key of ["summary", "language", "publishedAt", "origin"] as const) if (input[key] !== undefined) data[key] = input[key];
      if (input.url !== undefined) {
        const url = input.url === null ? null : String(input.url);
        if (url && url !== current.url) await assertArticleUrlFree(tx, url, "url");
        data.url = url;
      }
      if (input.publisher !== undefined) data.publisherId = input.publisher === null ? null : await resolveSourceRef(tx, input.publisher, "publisher");
      if (input.translationOf !== undefined) {
        data.translationOfId = input.translationOf === null ? null : await resolveTranslationTarget(tx, input.translationOf, "translationOf", id);
        if (data.translationOfId === id) throw new ConflictError("An article cannot be a translation of itself", { field: "translationOf" });
      }
      if (input.authors != null) {
        await tx.articleAuthor.deleteMany({ where: { articleId: id } });
        data.authors = { create: await bylineRows(tx, input.authors) };
      }
      // The version check again, atomically: a writer that slipped in since our read loses here.
      const { count } = await tx.article.updateMany({ where: { id, version: input.version }, data: { version: { increment: 1 } } });
      if (count === 0) throw new ConflictError("The article changed while this update ran; read it again", { field: "version" });
      delete data.version;
      const article = await tx.article.update({ where: { id }, data });
      await indexArticles(tx, [id]);
      // Claims are stemmed in the language of the article they first appeared in: this one's may have changed.
      if (input.language !== undefined && input.language !== current.language) await indexClaims(tx, await claimsOfArticles(tx, [id]));

      const reanchored: AppearanceRow[] = [];
      const stale: AppearanceRow[] = [];
      if (input.body != null && input.body !== current.body) {
        for (const appearance of await tx.appearance.findMany({ where: { articleId: id }, orderBy: { start: "asc" } })) {
          // An article's appearances always have their words and offsets; only URL_ONLY ones lack them.
          if (appearance.quote === null || appearance.start === null) continue;
          const span = reanchor(article.body, appearance.quote, appearance.start);
          if (span) {
            const moved = span.start !== appearance.start || appearance.status !== "ANCHORED";
            const row = moved ? await tx.appearance.update({ where: { id: appearance.id }, data: { ...span, status: "ANCHORED" } }) : appearance;
            if (moved) reanchored.push(row);
          } else {
            stale.push(appearance.status === "STALE" ? appearance : await tx.appearance.update({ where: { id: appearance.id }, data: { status: "STALE" } }));
          }
        }
      }
      await recordAudit(tx, viewer, "updateArticle", [
        { type: "Article", id },
        ...[...reanchored, ...stale].map((a) => ({ type: "Appearance" as const, id: a.id })),
      ]);
      return { article, reanchored, stale };
    });
  }

  /**
   * Deletes an article and its appearances. A claim whose last appearance was
   * in this article is deleted too; claims that also appear elsewhere stay.
   */
  async delete(viewer: Viewer, globalId: string): Promise<DeleteArticleResult> {
    return inTransaction(this.db, async (tx) => {
      const id = expectGlobalId(globalId, "Article", "id");
      // Locking the article first stops new spans from being added to it; locking its claims stops them from
      // gaining a span elsewhere while we decide which of them appear nowhere else.
      await lockRows(tx, "Article", [id]);
      const article = await tx.article.findUnique({ where: { id }, include: { appearances: { select: { id: true, claimId: true } } } });
      if (!article) throw new NotFoundError(`No article with id "${globalId}"`, "id");
      const claimIds = [...new Set(article.appearances.map((a) => a.claimId))];
      await lockRows(tx, "Claim", claimIds);
      const orphaned = (
        await tx.claim.findMany({
          // Spelled out for SQL's NULL: a URL_ONLY appearance (no article) is an appearance elsewhere, and keeps its claim.
          where: { id: { in: claimIds }, appearances: { none: { OR: [{ articleId: null }, { articleId: { not: id } }] } } },
          select: { id: true },
        })
      ).map((c) => c.id);
      await assertNotReviewed(tx, orphaned, "id");
      // Its translations lose their link (the foreign key sets it null): they are changed, so they are named too.
      const translations = await tx.article.findMany({ where: { translationOfId: id }, select: { id: true } });
      await tx.claim.deleteMany({ where: { id: { in: orphaned } } });
      await tx.article.delete({ where: { id } });
      await unindex(tx, "Claim", orphaned);
      await unindex(tx, "Article", [id]);
      const appearanceIds = article.appearances.map((a) => a.id);
      await recordAudit(tx, viewer, "deleteArticle", [
        { type: "Article", id },
        ...translations.map((translation) => ({ type: "Article" as const, id: translation.id })),
        ...orphaned.map((claimId) => ({ type: "Claim" as const, id: claimId })),
        ...appearanceIds.map((appearanceId) => ({ type: "Appearance" as const, id: appearanceId })),
      ]);
      return { articleId: id, claimIds: orphaned, appearanceIds };
    });
  }
}
