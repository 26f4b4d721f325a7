import { Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { toGlobalId, type NodeTypeName } from "../shared/globalId.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { AuditEventListArgs } from "./audit.args.ts";
import type { AuditEventRow } from "./audit.service.ts";
import { AuditEntity, AuditEvent, AuditEventConnection } from "./audit.type.ts";

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(ApiKeyRole.ADMIN)
  @Query(() => AuditEventConnection, { description: "The audit trail, newest first. Needs admin." })
  auditEvents(@Ctx() ctx: Context, @Args(() => AuditEventListArgs) args: AuditEventListArgs) {
    return ctx.services.audit.list(args);
  }

  @FieldResolver(() => ID, { description: "Global id." })
  id(@Root() event: AuditEventRow) {
    return toGlobalId("AuditEvent", event.id);
  }

  @FieldResolver(() => [AuditEntity], { description: "What the mutation created, changed or deleted." })
  async entities(@Root() event: AuditEventRow, @Ctx() ctx: Context): Promise<AuditEntity[]> {
    const rows = await ctx.loaders.audit.entities.load(event.id);
    // API keys are not Nodes: their ids are shown as stored.
    return rows.map((row) => ({
      entityType: row.entityType,
      entityId: row.entityType === "ApiKey" ? row.entityId : toGlobalId(row.entityType as NodeTypeName, row.entityId),
    }));
  }
}
