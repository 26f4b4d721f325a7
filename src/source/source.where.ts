import type { Prisma } from "../generated/prisma/client.ts";
import { allOf, idWhere, logicalWhere, textWhere, whereOf } from "../db/filters/prisma.ts";
import { FilterScope } from "../db/filters/index.ts";
import type { SortColumn } from "../db/pages.ts";
import { SourceOrderField, type SourceFilter } from "./source.input.ts";
import { SOURCE_RECORD_SORT, type RecordOrderField } from "./source.record.ts";

/** What every source connection sorts by: columns of Source. */
export const SOURCE_SORT: Record<Exclude<SourceOrderField, RecordOrderField>, SortColumn> = {
  NAME: { key: "NAME", column: "name", type: "string", nullable: false },
  SLUG: { key: "SLUG", column: "slug", type: "string", nullable: false },
  CREATED_AT: { key: "CREATED_AT", column: "createdAt", type: "date", nullable: false },
};

/** What `sources` sorts by: the columns, and the track-record keys (source.record.ts). */
export const SOURCES_SORT: Record<SourceOrderField, SortColumn> = { ...SOURCE_SORT, ...SOURCE_RECORD_SORT };

/** Translates a SourceFilter into a Prisma where; throws BAD_USER_INPUT naming the input path. */
export function sourceWhere(filter: SourceFilter | undefined | null, scope: FilterScope): Prisma.SourceWhereInput | undefined {
  if (!filter) return undefined;
  const alias = textWhere("alias", filter.alias, scope.at("alias"));
  return allOf<Prisma.SourceWhereInput>(
    textWhere("slug", filter.slug, scope.at("slug")),
    textWhere("name", filter.name, scope.at("name")),
    textWhere("role", filter.role, scope.at("role")),
    whereOf({
      id: idWhere(filter.id, "Source", scope.at("id")),
      aliases: alias ? { some: alias } : undefined,
      kind: filter.kind ? whereOf({ equals: filter.kind.equals ?? undefined, in: scope.at("kind").list(filter.kind.in ?? undefined, "in") }) : undefined,
      affiliation: filter.affiliation ? { is: sourceWhere(filter.affiliation, scope.nest("affiliation")) ?? {} } : undefined,
    }),
    logicalWhere(filter, scope, sourceWhere),
  );
}
