import type { Db } from "../db/client.ts";
import { Prisma, type AuditEvent as AuditEventRow, type AuditEntity as AuditEntityRow } from "../generated/prisma/client.ts";
import type { Viewer } from "../schema/auth.ts";
import type { Tx } from "../db/transaction.ts";
import { prepareList } from "../db/lists.ts";
import { countSql, readPageSql, type SqlSource } from "../db/listSql.ts";
import { DEFAULT_FILTER_LIMITS, type FilterLimits } from "../db/filters/index.ts";
import { groupByParent } from "../db/batching.ts";
import { OrderDirection } from "../schema/order.ts";
import { toConnection, type Connection } from "../db/pages.ts";
import type { NodeTypeName } from "../shared/globalId.ts";
import type { AuditEventListArgs } from "./audit.args.ts";
import { AUDIT_SORT } from "./audit.where.ts";

export type { AuditEventRow, AuditEntityRow };

export type AuditedEntity = { type: NodeTypeName | "ApiKey"; id: string };
/** Who made a change: an API key, or a local tool such as the keys CLI (keyId null). */
export type Actor = { keyId: string | null; name: string } | Viewer;

/** Records a mutation in its own transaction, so the trail and the change commit together. */
export async function recordAudit(tx: Tx, viewer: Actor, operation: string, entities: AuditedEntity[]) {
  const unique = [...new Map([...entities, ...(tx.sideEffects ?? [])].map((e) => [`${e.type}:${e.id}`, e])).values()];
  await tx.auditEvent.create({
    data: {
      keyId: viewer?.keyId ?? null,
      keyName: viewer?.name ?? "anonymous",
      operation,
      entities: { create: unique.map((e) => ({ entityType: e.type, entityId: e.id })) },
    },
  });
}

const EVENTS: SqlSource = { table: "AuditEvent", columns: Object.values(Prisma.AuditEventScalarFieldEnum) };

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly filterLimits: FilterLimits = DEFAULT_FILTER_LIMITS,
  ) {}

  /** Audit events, newest first: with a filter through SQL, else through Prisma. */
  async list(args: AuditEventListArgs): Promise<Connection<AuditEventRow>> {
    const newestFirst = { ...args, orderBy: { field: "AT" as const, direction: OrderDirection.DESC } };
    const list = prepareList(newestFirst, AUDIT_SORT, "AT", "AuditEvent", this.db.provider, this.filterLimits);
    const { page, pageWhere, orderBy } = list;
    if (list.filter) {
      const rows = await readPageSql<AuditEventRow>(this.db, EVENTS, list);
      return toConnection(rows, page, () => countSql(this.db, EVENTS.table, list.filter));
    }
    const rows = await this.db.auditEvent.findMany({ where: pageWhere, orderBy, take: page.limit + 1 });
    return toConnection(rows, page, () => this.db.auditEvent.count());
  }

  /** Events by id, in the order asked; null where none exists. */
  async byIds(ids: readonly string[]): Promise<(AuditEventRow | null)[]> {
    const rows = await this.db.auditEvent.findMany({ where: { id: { in: [...ids] } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async entitiesByEventIds(ids: readonly string[]): Promise<AuditEntityRow[][]> {
    const rows = await this.db.auditEntity.findMany({
      where: { eventId: { in: [...ids] } },
      orderBy: [{ eventId: "asc" }, { entityType: "asc" }, { entityId: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.eventId);
  }
}
