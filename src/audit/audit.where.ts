import type { Prisma } from "../generated/prisma/client.ts";
import { allOf, dateTimeWhere, textWhere, whereOf } from "../db/filters/prisma.ts";
import { FilterScope } from "../db/filters/index.ts";
import { fromGlobalId } from "../shared/globalId.ts";
import type { SortColumn } from "../db/pages.ts";
import type { AuditEventFilter } from "./audit.input.ts";

export const AUDIT_SORT: Record<"AT", SortColumn> = {
  AT: { key: "AT", column: "at", type: "date", nullable: false },
};

export function auditWhere(filter: AuditEventFilter | undefined | null, scope: FilterScope): Prisma.AuditEventWhereInput | undefined {
  if (!filter) return undefined;
  const entity = filter.entityId == null ? undefined : fromGlobalId(filter.entityId, scope.at("entityId").path);
  return allOf<Prisma.AuditEventWhereInput>(
    textWhere("operation", filter.operation, scope.at("operation")),
    textWhere("keyId", filter.keyId, scope.at("keyId")),
    whereOf({
      at: dateTimeWhere(filter.at, scope.at("at")),
      entities: entity ? { some: { entityType: entity.type, entityId: entity.id } } : undefined,
    }),
  );
}
