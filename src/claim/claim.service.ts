import type { Db } from "../db/client.ts";
import type { Claim as ClaimRow, Prisma } from "../generated/prisma/client.ts";
import { nestedPages, prepareList } from "../common/args.ts";
import { toConnection, type Connection } from "../common/pagination.ts";
import type { ClaimListArgs } from "./claim.args.ts";
import { ClaimOrderField } from "./claim.input.ts";
import { CLAIM_SORT, claimWhere } from "./claim.where.ts";
import { inIdOrder } from "../common/connectionLoader.ts";

export type { ClaimRow };

/** The Source columns a claim points at; each is a `Source.<field>` connection. */
export type ClaimSourceColumn = "claimantId" | "channelId" | "reportedById";

export class ClaimService {
  constructor(private readonly db: Db) {}

  async byIds(ids: readonly string[]): Promise<(ClaimRow | null)[]> {
    return inIdOrder(ids, await this.db.claim.findMany({ where: { id: { in: [...ids] } } }));
  }

  private prepare(args: ClaimListArgs) {
    return prepareList(args, CLAIM_SORT, ClaimOrderField.CLAIMED_AT, claimWhere);
  }

  async list(args: ClaimListArgs): Promise<Connection<ClaimRow>> {
    const { page, where, pageWhere, orderBy } = this.prepare(args);
    const rows = await this.db.claim.findMany({ where: pageWhere, orderBy, take: page.limit + 1 });
    return toConnection(rows, page, () => this.db.claim.count({ where }));
  }

  /** `Source.claims`, `Source.channelClaims`, `Source.reportedClaims`: claims pointing at each parent source. */
  pagesBySource(column: ClaimSourceColumn, parentIds: string[], args: ClaimListArgs) {
    return nestedPages({
      parentIds,
      list: this.prepare(args),
      inParents: { [column]: { in: parentIds } } as Prisma.ClaimWhereInput,
      read: (where, orderBy) => this.db.claim.findMany({ where, orderBy }),
      readLinks: (where) => this.db.claim.findMany({ where, select: { [column]: true } as Record<ClaimSourceColumn, boolean> }),
      parentsOf: (row) => [(row as Record<ClaimSourceColumn, string>)[column]],
    });
  }

  /** `Article.claims`: claims that appear in each parent article. */
  async pagesByArticle(parentIds: string[], args: ClaimListArgs) {
    const inArticles = { articleId: { in: parentIds } };
    return nestedPages({
      parentIds,
      list: this.prepare(args),
      inParents: { appearances: { some: inArticles } },
      read: (where, orderBy) =>
        this.db.claim.findMany({ where, orderBy, include: { appearances: { where: inArticles, select: { articleId: true } } } }),
      readLinks: (where) => this.db.claim.findMany({ where, select: { appearances: { where: inArticles, select: { articleId: true } } } }),
      parentsOf: (row) => row.appearances.map((a) => a.articleId),
    });
  }
}
