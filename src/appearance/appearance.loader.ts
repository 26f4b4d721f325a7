import DataLoader from "dataloader";

import { createConnectionLoader } from "../db/batching.ts";
import type { ConnectionArgs } from "../schema/connection.ts";
import type { AppearanceService } from "./appearance.service.ts";

/** Per-request batching for appearances. */
export function createAppearanceLoaders(service: AppearanceService) {
  return {
    byId: new DataLoader((ids: readonly string[]) => service.byIds(ids)),
    byArticle: createConnectionLoader((ids: string[], args: ConnectionArgs) => service.pagesByArticle(ids, args)),
    byClaim: new DataLoader((ids: readonly string[]) => service.byClaimIds(ids)),
  };
}

export type AppearanceLoaders = ReturnType<typeof createAppearanceLoaders>;
