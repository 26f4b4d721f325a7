import DataLoader from "dataloader";

import { createConnectionLoader } from "../db/batching.ts";
import type { ClaimListArgs } from "./claim.args.ts";
import type { ClaimService } from "./claim.service.ts";

/** Per-request batching for claims. */
export function createClaimLoaders(service: ClaimService) {
  return {
    byId: new DataLoader((ids: readonly string[]) => service.byIds(ids)),
    byClaimant: createConnectionLoader((ids: string[], args: ClaimListArgs) => service.pagesBySource("claimantId", ids, args)),
    byChannel: createConnectionLoader((ids: string[], args: ClaimListArgs) => service.pagesBySource("channelId", ids, args)),
    byReporter: createConnectionLoader((ids: string[], args: ClaimListArgs) => service.pagesBySource("reportedById", ids, args)),
    byArticle: createConnectionLoader((ids: string[], args: ClaimListArgs) => service.pagesByArticle(ids, args)),
  };
}

export type ClaimLoaders = ReturnType<typeof createClaimLoaders>;
