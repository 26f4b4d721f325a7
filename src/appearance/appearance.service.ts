import type { Db } from "../db/client.ts";
import { Prisma, type Appearance as AppearanceRow } from "../generated/prisma/client.ts";
import { groupByParent, inIdOrder } from "../db/batching.ts";
import { keysetWhere, orderByFor, pagesByParent, parsePage, type Connection, type SortColumn } from "../db/pages.ts";
import { type ConnectionArgs } from "../schema/connection.ts";
import { windowPages, type WindowSource } from "../db/windowPages.ts";

export type { AppearanceRow };

/** `Article.appearances` is read in text order: by start offset, then id. */
export const APPEARANCE_TEXT_ORDER: SortColumn = { key: "TEXT_ORDER", column: "start", type: "number", nullable: false };

const BY_ARTICLE: WindowSource = { table: "Appearance", columns: Object.values(Prisma.AppearanceScalarFieldEnum), via: { column: "articleId" } };

export class AppearanceService {
  constructor(private readonly db: Db) {}

  async byIds(ids: readonly string[]): Promise<(AppearanceRow | null)[]> {
    return inIdOrder(ids, await this.db.appearance.findMany({ where: { id: { in: [...ids] } } }));
  }

  /**
   * `Article.appearances`: a page of each article's spans in text order. First
   * pages of many articles take one statement; a page after a cursor reads only
   * that article's next rows.
   */
  async pagesByArticle(parentIds: string[], args: ConnectionArgs): Promise<Map<string, Connection<AppearanceRow>>> {
    const page = parsePage(args, APPEARANCE_TEXT_ORDER, "asc");
    if (!page.cursor) return windowPages<AppearanceRow>(this.db, BY_ARTICLE, parentIds, page);
    const orderBy = orderByFor(page, this.db.provider);
    const rows = (
      await Promise.all(
        parentIds.map((articleId) => this.db.appearance.findMany({ where: { articleId, ...keysetWhere(page) }, orderBy, take: page.limit + 1 })),
      )
    ).flat();
    return pagesByParent(
      parentIds,
      rows,
      // Read by articleId: every row has one.
      (row) => [row.articleId!],
      page,
      async () => {
        const counts = await this.db.appearance.groupBy({ by: ["articleId"], where: { articleId: { in: parentIds } }, _count: { _all: true } });
        return new Map(counts.map((c) => [c.articleId!, c._count._all]));
      },
    );
  }

  /**
   * Appearances of each claim, by article then text order, those known only by URL last on either backend (at most
   * MAX_APPEARANCES_PER_CLAIM each, enforced on writes).
   */
  async byClaimIds(ids: readonly string[]): Promise<AppearanceRow[][]> {
    const rows = await this.db.appearance.findMany({
      where: { claimId: { in: [...ids] } },
      orderBy: [{ claimId: "asc" }, { articleId: { sort: "asc", nulls: "last" } }, { start: "asc" }, { id: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.claimId);
  }
}
