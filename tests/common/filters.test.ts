import { describe, expect, it } from "vitest";

import { dateTimeWhere, FilterScope, idWhere, MAX_FILTER_DEPTH, textWhere } from "../../src/common/filters.ts";
import { toGlobalId } from "../../src/common/globalId.ts";

const scope = new FilterScope("filter.text");

describe("filter translation", () => {
  it("translates string conditions and drops absent ones", () => {
    expect(textWhere("text", { contains: "trade", equals: undefined }, scope)).toEqual({ text: { contains: "trade" } });
    expect(textWhere("text", {}, scope)).toBeUndefined();
  });

  it("keeps equals exact while contains ignores case on PostgreSQL", () => {
    const pg = new FilterScope("filter.text", 0, true);
    expect(textWhere("text", { equals: "Xi", contains: "tRaDe" }, pg)).toEqual({
      AND: [{ text: { equals: "Xi" } }, { text: { contains: "tRaDe", mode: "insensitive" } }],
    });
    expect(textWhere("text", { in: ["a"] }, pg)).toEqual({ text: { in: ["a"] } });
  });

  it("isNull stands alone", () => {
    expect(textWhere("role", { isNull: true }, scope)).toEqual({ role: null });
    expect(dateTimeWhere({ isNull: false }, scope)).toEqual({ not: null });
    expect(() => dateTimeWhere({ isNull: true, gt: new Date(0) }, scope)).toThrow(/isNull" cannot be combined/);
  });

  it("decodes global ids and rejects ones of another type", () => {
    expect(idWhere({ in: [toGlobalId("Claim", "a"), toGlobalId("Claim", "b")] }, "Claim", scope)).toEqual({ in: ["a", "b"] });
    expect(() => idWhere({ equals: toGlobalId("Source", "a") }, "Claim", scope)).toThrow(/is a Source id, expected a Claim id/);
  });

  it("limits nesting depth, naming the path", () => {
    let nested = new FilterScope("filter");
    for (let i = 0; i < MAX_FILTER_DEPTH; i++) nested = nested.nest("NOT");
    expect(() => nested.nest("NOT")).toThrow(`"${"filter" + ".NOT".repeat(MAX_FILTER_DEPTH)}.NOT" nests filters deeper than the limit of ${MAX_FILTER_DEPTH}`);
  });
});
