import { beforeAll, describe, expect, it } from "vitest";

import type { Db } from "../../src/db/client.ts";
import { SourceOrderField } from "../../src/source/source.input.ts";
import { SourceService } from "../../src/source/source.service.ts";
import { OrderDirection } from "../../src/schema/order.ts";
import { useTestDb } from "../setup/use.ts";

const handle = useTestDb();
let db: Db;
let service: SourceService;

beforeAll(async () => {
  db = handle.db;
  service = new SourceService(db);
});

describe("SourceService", () => {
  it("returns sources by id in the order asked, null for unknown ids", async () => {
    const cnbc = await db.source.findUniqueOrThrow({ where: { slug: "cnbc" } });
    const rows = await service.byIds(["missing", cnbc.id]);
    expect(rows.map((r) => r?.slug ?? null)).toEqual([null, "cnbc"]);
  });

  it("lists sources by kind, sorted by name descending", async () => {
    const page = await service.list({
      filter: { kind: { in: ["PERSON"] } },
      orderBy: { field: SourceOrderField.NAME, direction: OrderDirection.DESC },
    });
    const names = page.edges.map((e) => e.node.name);
    expect(names).toEqual(["Xi Jinping", "Pete Hegseth", "Jamieson Greer", "Donald Trump"]);
  });

  it("pages members per parent with their own totals", async () => {
    const [us, china] = await Promise.all([
      db.source.findUniqueOrThrow({ where: { slug: "us-government" } }),
      db.source.findUniqueOrThrow({ where: { slug: "china-government" } }),
    ]);
    const pages = await service.membersPages([us.id, china.id], { first: 1 });
    expect(await pages.get(us.id)!.totalCount()).toBe(4);
    expect(await pages.get(china.id)!.totalCount()).toBe(2);
    expect(pages.get(us.id)!.edges).toHaveLength(1);
  });

  it("returns aliases in recorded order", async () => {
    const xinhua = await db.source.findUniqueOrThrow({ where: { slug: "xinhua" } });
    expect(await service.aliasesBySourceIds([xinhua.id])).toEqual([["Xinhua", "Xinhua News Agency"]]);
  });
});
