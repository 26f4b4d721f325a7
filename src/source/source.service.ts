import type { Db } from "../db/client.ts";
import type { Prisma, Source as SourceRow } from "../generated/prisma/client.ts";
import { nestedPages, prepareList } from "../common/args.ts";
import { toConnection, type Connection } from "../common/pagination.ts";
import type { SourceListArgs } from "./source.args.ts";
import { SourceOrderField } from "./source.input.ts";
import { SOURCE_SORT, sourceWhere } from "./source.where.ts";
import { groupByParent, inIdOrder } from "../common/connectionLoader.ts";

export type { SourceRow };

export class SourceService {
  constructor(private readonly db: Db) {}

  /** Sources by id, in the order asked; null where none exists. */
  async byIds(ids: readonly string[]): Promise<(SourceRow | null)[]> {
    return inIdOrder(ids, await this.db.source.findMany({ where: { id: { in: [...ids] } } }));
  }

  bySlug(slug: string): Promise<SourceRow | null> {
    return this.db.source.findUnique({ where: { slug } });
  }

  /** Aliases of each source, in their recorded order. */
  async aliasesBySourceIds(ids: readonly string[]): Promise<string[][]> {
    const rows = await this.db.sourceAlias.findMany({
      where: { sourceId: { in: [...ids] } },
      orderBy: [{ sourceId: "asc" }, { position: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.sourceId).map((group) => group.map((row) => row.alias));
  }

  async list(args: SourceListArgs): Promise<Connection<SourceRow>> {
    const { page, where, pageWhere, orderBy } = prepareList(args, SOURCE_SORT, SourceOrderField.NAME, sourceWhere);
    const rows = await this.db.source.findMany({ where: pageWhere, orderBy, take: page.limit + 1 });
    return toConnection(rows, page, () => this.db.source.count({ where }));
  }

  /** `Source.members`: sources affiliated with each parent, one query for all parents. */
  async membersPages(parentIds: string[], args: SourceListArgs): Promise<Map<string, Connection<SourceRow>>> {
    return nestedPages({
      parentIds,
      list: prepareList(args, SOURCE_SORT, SourceOrderField.NAME, sourceWhere),
      inParents: { affiliationId: { in: parentIds } } satisfies Prisma.SourceWhereInput,
      read: (where, orderBy) => this.db.source.findMany({ where, orderBy }),
      readLinks: (where) => this.db.source.findMany({ where, select: { affiliationId: true } }),
      parentsOf: (row) => [row.affiliationId!],
    });
  }
}
