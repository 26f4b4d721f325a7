import DataLoader from "dataloader";

import type { AppearanceService } from "./appearance.service.ts";

/** Per-request batching for appearances. */
export function createAppearanceLoaders(service: AppearanceService) {
  return {
    byId: new DataLoader((ids: readonly string[]) => service.byIds(ids)),
    byArticle: new DataLoader((ids: readonly string[]) => service.byArticleIds(ids)),
    byClaim: new DataLoader((ids: readonly string[]) => service.byClaimIds(ids)),
  };
}

export type AppearanceLoaders = ReturnType<typeof createAppearanceLoaders>;
