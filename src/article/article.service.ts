import type { Db } from "../db/client.ts";
import type { Article as ArticleRow, Prisma, Source as SourceRow } from "../generated/prisma/client.ts";
import { nestedPages, prepareList } from "../common/args.ts";
import { groupByParent, inIdOrder } from "../common/connectionLoader.ts";
import { toConnection, type Connection } from "../common/pagination.ts";
import type { ArticleListArgs } from "./article.args.ts";
import { ArticleOrderField } from "./article.input.ts";
import { ARTICLE_SORT, articleWhere } from "./article.where.ts";

export type { ArticleRow };

export class ArticleService {
  constructor(private readonly db: Db) {}

  async byIds(ids: readonly string[]): Promise<(ArticleRow | null)[]> {
    return inIdOrder(ids, await this.db.article.findMany({ where: { id: { in: [...ids] } } }));
  }

  bySlug(slug: string): Promise<ArticleRow | null> {
    return this.db.article.findUnique({ where: { slug } });
  }

  private prepare(args: ArticleListArgs) {
    return prepareList(args, ARTICLE_SORT, ArticleOrderField.PUBLISHED_AT, articleWhere);
  }

  async list(args: ArticleListArgs): Promise<Connection<ArticleRow>> {
    const { page, where, pageWhere, orderBy } = this.prepare(args);
    const rows = await this.db.article.findMany({ where: pageWhere, orderBy, take: page.limit + 1 });
    return toConnection(rows, page, () => this.db.article.count({ where }));
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
  async translationsByArticleIds(ids: readonly string[]): Promise<ArticleRow[][]> {
    const rows = await this.db.article.findMany({
      where: { translationOfId: { in: [...ids] } },
      orderBy: [{ language: "asc" }, { id: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.translationOfId!);
  }

  /** `Claim.articles`: articles each parent claim appears in. */
  pagesByClaim(parentIds: string[], args: ArticleListArgs) {
    const inClaims = { claimId: { in: parentIds } };
    return nestedPages({
      parentIds,
      list: this.prepare(args),
      inParents: { appearances: { some: inClaims } } as Prisma.ArticleWhereInput,
      read: (where, orderBy) =>
        this.db.article.findMany({ where, orderBy, include: { appearances: { where: inClaims, select: { claimId: true } } } }),
      readLinks: (where) => this.db.article.findMany({ where, select: { appearances: { where: inClaims, select: { claimId: true } } } }),
      parentsOf: (row) => row.appearances.map((a) => a.claimId),
    });
  }

  /**
   * `Source.articles`: articles a source takes part in, as publisher, author,
   * or as claimant, channel or reporter of a claim that appears in them.
   */
  pagesBySource(parentIds: string[], args: ArticleListArgs) {
    const ids = { in: parentIds };
    const inClaims: Prisma.ClaimWhereInput = { OR: [{ claimantId: ids }, { channelId: ids }, { reportedById: ids }] };
    const relations = {
      authors: { where: { sourceId: ids }, select: { sourceId: true } },
      appearances: { where: { claim: inClaims }, select: { claim: { select: { claimantId: true, channelId: true, reportedById: true } } } },
    } as const;
    const wanted = new Set(parentIds);
    return nestedPages({
      parentIds,
      list: this.prepare(args),
      inParents: { OR: [{ publisherId: ids }, { authors: { some: { sourceId: ids } } }, { appearances: { some: { claim: inClaims } } }] },
      read: (where, orderBy) => this.db.article.findMany({ where, orderBy, include: relations }),
      readLinks: (where) => this.db.article.findMany({ where, select: { publisherId: true, ...relations } }),
      parentsOf: (row) =>
        [
          row.publisherId,
          ...row.authors.map((a) => a.sourceId),
          ...row.appearances.flatMap(({ claim }) => [claim.claimantId, claim.channelId, claim.reportedById]),
        ].filter((id, i, all): id is string => id !== null && wanted.has(id) && all.indexOf(id) === i),
    });
  }
}
