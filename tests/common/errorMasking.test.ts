import { describe, expect, it } from "vitest";

import { formatError } from "../../src/http/errorMasking.ts";

describe("formatError", () => {
  it("reports type-graphql's UNAUTHORIZED as FORBIDDEN", () => {
    expect(formatError({ message: "Access denied!", extensions: { code: "UNAUTHORIZED" } })).toEqual({
      message: "Access denied!",
      extensions: { code: "FORBIDDEN" },
    });
  });

  it("keeps client errors and drops their stack traces", () => {
    expect(formatError({ message: "bad", extensions: { code: "BAD_USER_INPUT", field: "slug", stacktrace: ["at x"] } })).toEqual({
      message: "bad",
      extensions: { code: "BAD_USER_INPUT", field: "slug" },
    });
  });

  it("masks anything else", () => {
    expect(formatError({ message: "SQLITE_CORRUPT at table Claim", path: ["claims"], extensions: {} })).toEqual({
      message: "Internal server error",
      path: ["claims"],
      locations: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });
});
