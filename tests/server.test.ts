import { describe, expect, it } from "vitest";

import type { GraphQLResponse } from "./setup/testServer.ts";
import { useTestServer } from "./setup/use.ts";

const server = useTestServer({ CORS_ORIGINS: "https://desk.example.org", BODY_LIMIT_BYTES: "10000" });

const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${server.url}/graphql`, { method: "POST", headers, body });

describe("HTTP server", () => {
  it("answers /healthz (alive) and /readyz (database reachable)", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("serves a plain landing text offline instead of Apollo's CDN page", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("/graphql");
  });

  it("keeps introspection on", async () => {
    const { body } = await server.query(`{ __schema { queryType { name } } }`);
    expect(body.data.__schema.queryType.name).toBe("Query");
  });

  it("allows only configured origins", async () => {
    const allowed = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "https://desk.example.org", "access-control-request-method": "POST" },
    });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://desk.example.org");
    const denied = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.com", "access-control-request-method": "POST" },
    });
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers an oversized body with 413 naming the limit", async () => {
    const response = await post(JSON.stringify({ query: `{ articles { totalCount } }`, padding: "x".repeat(20_000) }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as GraphQLResponse<unknown>["body"];
    expect(body.errors![0]!.message).toContain("10000");
  });

  it("answers malformed JSON with 400 and a JSON error, then keeps serving", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLResponse<unknown>["body"]).errors![0]!.extensions!.code).toBe("BAD_REQUEST");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refuses a POST a browser could send cross-site without a preflight (CSRF prevention)", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await post(JSON.stringify({ query: "{ articles { totalCount } }" }), { "content-type": contentType });
      expect(response.status, contentType).toBe(415);
      expect(((await response.json()) as GraphQLResponse<unknown>["body"]).errors![0]!.extensions!.code).toBe("BAD_REQUEST");
    }
  });

  it("reports syntax errors with a stable code", async () => {
    const { status, body } = await server.query(`{ articles { `);
    expect(status).toBe(400);
    expect(body.errors![0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("echoes a sane x-request-id and replaces a hostile one", async () => {
    const { headers } = await server.query(`{ articles { totalCount } }`, {}, { "x-request-id": "abc-123" });
    expect(headers.get("x-request-id")).toBe("abc-123");
    const { headers: replaced } = await server.query(`{ articles { totalCount } }`, {}, { "x-request-id": "a b<script>" });
    expect(replaced.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("internal errors", () => {
  it("are masked with a request id, and the server keeps serving", async () => {
    // Break this test's private database copy so that a resolver fails inside Prisma.
    await server.db.$executeRawUnsafe('ALTER TABLE "SourceAlias" RENAME TO "SourceAliasGone"');
    try {
      const { body, headers } = await server.query(`{ source(slug: "xinhua") { name aliases } }`);
      const error = body.errors![0];
      expect(error?.message).toBe("Internal server error");
      expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: headers.get("x-request-id") });
      expect(JSON.stringify(body)).not.toMatch(/SourceAlias|prisma|at \w+ \(/i);
      expect((await server.query(`{ source(slug: "xinhua") { name } }`)).body.data.source.name).toBe("Xinhua News Agency");
    } finally {
      await server.db.$executeRawUnsafe('ALTER TABLE "SourceAliasGone" RENAME TO "SourceAlias"');
    }
  });
});
