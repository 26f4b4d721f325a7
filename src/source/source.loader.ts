import DataLoader from "dataloader";

import { createConnectionLoader } from "../db/batching.ts";
import type { SourceListArgs } from "./source.args.ts";
import type { SourceService } from "./source.service.ts";

/** Per-request batching for sources: one query per field per level of a query. */
export function createSourceLoaders(service: SourceService) {
  return {
    byId: new DataLoader((ids: readonly string[]) => service.byIds(ids)),
    aliases: new DataLoader((ids: readonly string[]) => service.aliasesBySourceIds(ids)),
    members: createConnectionLoader((ids: string[], args: SourceListArgs) => service.membersPages(ids, args)),
  };
}

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;
