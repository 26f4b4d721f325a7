import DataLoader from "dataloader";

import { createConnectionLoader } from "../db/batching.ts";
import type { ArticleListArgs } from "./article.args.ts";
import type { ArticleService } from "./article.service.ts";

/** Per-request batching for articles. */
export function createArticleLoaders(service: ArticleService) {
  return {
    byId: new DataLoader((ids: readonly string[]) => service.byIds(ids)),
    body: new DataLoader((ids: readonly string[]) => service.bodiesByIds(ids)),
    authors: new DataLoader((ids: readonly string[]) => service.authorsByArticleIds(ids)),
    translations: new DataLoader((ids: readonly string[]) => service.translationsByArticleIds(ids)),
    byClaim: createConnectionLoader((ids: string[], args: ArticleListArgs) => service.pagesByClaim(ids, args)),
    bySource: createConnectionLoader((ids: string[], args: ArticleListArgs) => service.pagesBySource(ids, args)),
  };
}

export type ArticleLoaders = ReturnType<typeof createArticleLoaders>;
