import type { Db } from "../db/client.ts";
import type { Appearance as AppearanceRow } from "../generated/prisma/client.ts";
import { groupByParent, inIdOrder } from "../common/connectionLoader.ts";

export type { AppearanceRow };

export class AppearanceService {
  constructor(private readonly db: Db) {}

  async byIds(ids: readonly string[]): Promise<(AppearanceRow | null)[]> {
    return inIdOrder(ids, await this.db.appearance.findMany({ where: { id: { in: [...ids] } } }));
  }

  /** Appearances in each article, in text order. */
  async byArticleIds(ids: readonly string[]): Promise<AppearanceRow[][]> {
    const rows = await this.db.appearance.findMany({
      where: { articleId: { in: [...ids] } },
      orderBy: [{ articleId: "asc" }, { start: "asc" }, { id: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.articleId);
  }

  /** Appearances of each claim, by article then text order. */
  async byClaimIds(ids: readonly string[]): Promise<AppearanceRow[][]> {
    const rows = await this.db.appearance.findMany({
      where: { claimId: { in: [...ids] } },
      orderBy: [{ claimId: "asc" }, { articleId: "asc" }, { start: "asc" }, { id: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.claimId);
  }
}
