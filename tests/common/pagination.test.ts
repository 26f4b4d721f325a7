import { describe, expect, it } from "vitest";

import { keysetWhere, orderByFor, parsePage, toConnection, type SortColumn } from "../../src/db/pages.ts";

const CLAIMED_AT: SortColumn = { key: "CLAIMED_AT", column: "claimedAt", type: "date", nullable: true };
const NAME: SortColumn = { key: "NAME", column: "name", type: "string", nullable: false };
const none = async () => 0;

describe("parsePage", () => {
  it("defaults to the first 20, forward", () => {
    expect(parsePage({}, NAME, "asc")).toMatchObject({ limit: 20, backward: false, cursor: undefined });
  });

  it("names the argument and the limit it breaks", () => {
    expect(() => parsePage({ first: 101 }, NAME, "asc")).toThrow(/"first" must be between 1 and 100/);
    expect(() => parsePage({ last: 0 }, NAME, "asc")).toThrow(/"last"/);
    expect(() => parsePage({ first: 1, last: 1 }, NAME, "asc")).toThrow(/either first or last/);
    expect(() => parsePage({ last: 1, after: "x" }, NAME, "asc")).toThrow(/combine it with before/);
  });

  it("round-trips a cursor issued by toConnection", () => {
    const page = parsePage({ first: 1 }, CLAIMED_AT, "desc");
    const when = new Date("2025-06-04T06:17:00Z");
    const connection = toConnection(
      [
        { id: "b", claimedAt: when },
        { id: "c", claimedAt: null },
      ],
      page,
      none,
    );
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = parsePage({ first: 1, after: connection.pageInfo.endCursor }, CLAIMED_AT, "desc");
    expect(next.cursor).toEqual({ key: "CLAIMED_AT", direction: "desc", value: when, id: "b" });
  });

  it("refuses a cursor from another sort, or a forged one", () => {
    const page = parsePage({ first: 1 }, NAME, "asc");
    const cursor = toConnection([{ id: "a", name: "A" }], page, none).pageInfo.endCursor!;
    expect(() => parsePage({ after: cursor }, NAME, "desc")).toThrow(/another orderBy/);
    const forged = Buffer.from(JSON.stringify(["CLAIMED_AT", "asc", "not a date", "x"])).toString("base64url");
    expect(() => parsePage({ after: forged }, CLAIMED_AT, "asc")).toThrow(/not a valid cursor/);
    expect(() => parsePage({ after: Buffer.from("{}").toString("base64url") }, NAME, "asc")).toThrow(/not a valid cursor/);
  });
});

describe("keyset conditions", () => {
  const cursorAt = (value: string | null) => Buffer.from(JSON.stringify(["CLAIMED_AT", "asc", value, "m"])).toString("base64url");

  it("orders by the column, nulls last, then id", () => {
    expect(orderByFor(parsePage({}, CLAIMED_AT, "asc"), "sqlite")).toEqual([{ claimedAt: { sort: "asc", nulls: "last" } }, { id: "asc" }]);
    // Where the backend's own null placement is the one asked for, no clause: SQLite can then use the index.
    expect(orderByFor(parsePage({}, CLAIMED_AT, "desc"), "sqlite")).toEqual([{ claimedAt: "desc" }, { id: "desc" }]);
    expect(orderByFor(parsePage({}, CLAIMED_AT, "desc"), "postgresql")).toEqual([{ claimedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }]);
    expect(orderByFor(parsePage({}, CLAIMED_AT, "asc"), "postgresql")).toEqual([{ claimedAt: "asc" }, { id: "asc" }]);
    // Backward reads the reverse order, so the nulls come first there.
    expect(orderByFor(parsePage({ last: 2 }, CLAIMED_AT, "asc"), "sqlite")).toEqual([{ claimedAt: { sort: "desc", nulls: "first" } }, { id: "desc" }]);
    expect(orderByFor(parsePage({}, NAME, "desc"), "sqlite")).toEqual([{ name: "desc" }, { id: "desc" }]);
  });

  it("after a dated row: later dates, same date with a later id, or undated", () => {
    const date = "2025-01-01T00:00:00.000Z";
    expect(keysetWhere(parsePage({ after: cursorAt(date) }, CLAIMED_AT, "asc"))).toEqual({
      OR: [{ claimedAt: { gt: new Date(date) } }, { claimedAt: new Date(date), id: { gt: "m" } }, { claimedAt: null }],
    });
  });

  it("after an undated row: only undated rows with a later id", () => {
    expect(keysetWhere(parsePage({ after: cursorAt(null) }, CLAIMED_AT, "asc"))).toEqual({ claimedAt: null, id: { gt: "m" } });
  });

  it("before an undated row: earlier undated rows, or any dated row", () => {
    expect(keysetWhere(parsePage({ last: 2, before: cursorAt(null) }, CLAIMED_AT, "asc"))).toEqual({
      OR: [{ claimedAt: null, id: { lt: "m" } }, { claimedAt: { not: null } }],
    });
  });
});

describe("toConnection", () => {
  it("flips a backward page back into list order", () => {
    const page = parsePage({ last: 2 }, NAME, "asc");
    const rows = [
      { id: "3", name: "C" },
      { id: "2", name: "B" },
      { id: "1", name: "A" },
    ];
    const connection = toConnection(rows, page, none);
    expect(connection.edges.map((e) => e.node.name)).toEqual(["B", "C"]);
    expect(connection.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });
});
