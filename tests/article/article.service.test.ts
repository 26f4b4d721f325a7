import { beforeAll, describe, expect, it } from "vitest";

import { ArticleService } from "../../src/article/article.service.ts";
import type { Db } from "../../src/db/client.ts";
import { useTestDb } from "../setup/use.ts";

const handle = useTestDb();
let db: Db;
let service: ArticleService;

beforeAll(async () => {
  db = handle.db;
  service = new ArticleService(db);
});

describe("ArticleService.pagesBySource", () => {
  it("lists an article once for a source that is publisher, author and claimant of it", async () => {
    const xinhua = await db.source.findUniqueOrThrow({ where: { slug: "xinhua" } });
    const article = await db.article.findFirstOrThrow();
    await db.article.update({
      where: { id: article.id },
      data: { publisherId: xinhua.id, authors: { create: { sourceId: xinhua.id, position: 0 } } },
    });
    const page = (await service.pagesBySource([xinhua.id], { first: 10 })).get(xinhua.id)!;
    expect(page.edges.map((e) => e.node.id)).toEqual([article.id]);
    expect(await page.totalCount()).toBe(1);
    expect((await service.authorsByArticleIds([article.id]))[0]?.map((s) => s.slug)).toEqual(["xinhua"]);
  });

  it("finds sources that took part only as channel or reporter", async () => {
    const [cnbc, bloomberg] = await Promise.all([
      db.source.findUniqueOrThrow({ where: { slug: "cnbc" } }),
      db.source.findUniqueOrThrow({ where: { slug: "bloomberg" } }),
    ]);
    const pages = await service.pagesBySource([cnbc.id, bloomberg.id], {});
    expect(pages.get(cnbc.id)!.edges).toHaveLength(1);
    expect(pages.get(bloomberg.id)!.edges).toHaveLength(1);
  });
});
