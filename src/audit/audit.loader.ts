import DataLoader from "dataloader";

import type { AuditService } from "./audit.service.ts";

/** Per-request batching for the audit trail. */
export function createAuditLoaders(service: AuditService) {
  return {
    entities: new DataLoader((ids: readonly string[]) => service.entitiesByEventIds(ids)),
    byId: new DataLoader((ids: readonly string[]) => service.byIds(ids)),
  };
}
