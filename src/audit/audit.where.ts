import type { Prisma } from "../generated/prisma/client.ts";
import { dateTimeWhere, FilterScope, stringWhere, whereOf } from "../common/filters.ts";
import { fromGlobalId } from "../common/globalId.ts";
import type { SortColumn } from "../common/pagination.ts";
import type { AuditEventFilter } from "./audit.input.ts";

export const AUDIT_SORT: Record<"AT", SortColumn> = {
  AT: { key: "AT", column: "at", type: "date", nullable: false },
};

export function auditWhere(filter: AuditEventFilter | undefined | null, scope: FilterScope): Prisma.AuditEventWhereInput | undefined {
  if (!filter) return undefined;
  const entity = filter.entityId == null ? undefined : fromGlobalId(filter.entityId, scope.at("entityId").path);
  return whereOf({
    operation: stringWhere(filter.operation, scope.at("operation")),
    keyId: stringWhere(filter.keyId, scope.at("keyId")),
    at: dateTimeWhere(filter.at, scope.at("at")),
    entities: entity ? { some: { entityType: entity.type, entityId: entity.id } } : undefined,
  }) as Prisma.AuditEventWhereInput | undefined;
}
