import { describe, expect, it } from "vitest";

import { openPage, type OpenPage, useBrowser } from "../setup/browser.ts";
import { useTestServer } from "../setup/use.ts";

// GraphiQL at /graphql in a real Chromium, against a live server on the seed: it loads from the server alone,
// runs the preloaded example query, opens a query given in the URL, and sends the header editor's API key.
// Screenshots go to tests/artifacts/.

const server = useTestServer();
const chromium = useBrowser();

const SEED_ARTICLE = "trump-xi-phone-call-2025-06-05";

/** All the text of one of GraphiQL's CodeMirror editors (CodeMirror only renders the lines on screen). */
function editorText(open: OpenPage, selector: string): Promise<string> {
  return open.page
    .locator(`${selector} .CodeMirror`)
    .first()
    .evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

/** The response pane's JSON once a response is there. */
async function response(open: OpenPage): Promise<{ data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }> {
  await expect.poll(() => editorText(open, ".graphiql-response"), { timeout: 20_000 }).not.toBe("");
  return JSON.parse(await editorText(open, ".graphiql-response"));
}

/** Opens `path` and waits for GraphiQL and for the schema it fetched (an introspection query, answered in full). */
async function openExplorer(path: string): Promise<OpenPage> {
  const open = await openPage(chromium.browser, server.url, import.meta.filename);
  const introspection = open.page.waitForResponse(
    (answer) => answer.url() === `${server.url}/graphql` && answer.request().method() === "POST" && /__schema/.test(answer.request().postData() ?? ""),
    { timeout: 30_000 },
  );
  await open.page.goto(`${server.url}${path}`);
  await open.page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
  const schema = (await (await introspection).json()) as { data?: { __schema?: unknown }; errors?: unknown };
  expect(schema.errors, JSON.stringify(schema.errors)).toBeUndefined();
  expect(schema.data?.__schema).toBeTruthy();
  return open;
}

describe("the explorer in Chromium", { timeout: 90_000 }, () => {
  it("loads GraphiQL from the server alone and runs the preloaded example query on the seed article", async () => {
    const { article } = await server.ok<{ article: { title: string } }>(`{ article(slug: "${SEED_ARTICLE}") { title } }`);
    const open = await openExplorer("/graphql");
    try {
      expect(await editorText(open, ".graphiql-query-editor")).toContain(`article(slug: "${SEED_ARTICLE}")`);
      await open.screenshot("loaded");

      await open.page.locator(".graphiql-execute-button").click();
      const result = await response(open);
      expect(result.errors).toBeUndefined();
      const shown = result.data?.article as { title: string; claims: { totalCount: number; edges: unknown[] } };
      expect(shown.title).toBe(article.title);
      expect(shown.claims.edges).toHaveLength(2);
      // And a person sees it: the title is on screen in the result pane.
      await expect.poll(() => open.page.locator(".graphiql-response").textContent()).toContain(article.title);
      await open.screenshot("example-result");

      // The docs come from the schema it fetched; the dialogs open (and, like everything else, within the CSP).
      await open.page.getByRole("button", { name: "Show Documentation Explorer" }).click();
      await open.page.locator(".graphiql-doc-explorer").getByText("Query", { exact: true }).first().waitFor();
      await open.screenshot("docs");
      await open.page.getByRole("button", { name: "Open short keys dialog" }).click();
      await open.page.getByRole("dialog").waitFor();
      await open.page.keyboard.press("Escape");

      // Everything came from this server: the page, its files under /explorer/, and the API.
      const paths = open.requests.filter((url) => !url.startsWith("data:")).map((url) => new URL(url).pathname);
      expect(paths).toContain("/graphql");
      expect(paths.some((path) => /^\/explorer\/[\w-]+\/graphiql\.min\.js$/.test(path))).toBe(true);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("opens the query given as ?query= instead, and runs it with Ctrl-Enter", async () => {
    const query = '{ source(slug: "bloomberg") { name kind } }';
    const open = await openExplorer(`/graphql?query=${encodeURIComponent(query)}`);
    try {
      expect(await editorText(open, ".graphiql-query-editor")).toBe(query);
      await open.page.locator(".graphiql-query-editor .CodeMirror").first().click();
      await open.page.keyboard.press("Control+Enter");
      expect(await response(open)).toEqual({ data: { source: { name: "Bloomberg", kind: "NEWS_OUTLET" } } });
      await open.screenshot("url-query");
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("sends the API key typed in the header editor, and keeps it out of the browser's storage", async () => {
    const open = await openExplorer(`/graphql?query=${encodeURIComponent("{ apiKeys { name role } }")}`);
    try {
      // Without a key, an admin query is refused.
      await open.page.locator(".graphiql-execute-button").click();
      expect((await response(open)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

      await open.page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
      await open.page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror").click();
      await open.page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${server.keys.admin}` }));
      expect(JSON.parse(await editorText(open, ".graphiql-editor-tool .graphiql-editor:not(.hidden)"))).toEqual({
        Authorization: `Bearer ${server.keys.admin}`,
      });

      const answered = open.page.waitForResponse((answer) => answer.url() === `${server.url}/graphql` && /apiKeys/.test(answer.request().postData() ?? ""));
      await open.page.locator(".graphiql-execute-button").click();
      expect((await answered).request().headers().authorization).toBe(`Bearer ${server.keys.admin}`);
      await expect
        .poll(async () => JSON.parse((await editorText(open, ".graphiql-response")) || "{}").data?.apiKeys)
        .toContainEqual({
          name: "admin key",
          role: "ADMIN",
        });
      await open.screenshot("with-key");

      const stored = await open.page.evaluate(() => JSON.stringify({ ...(globalThis as unknown as { localStorage: Record<string, string> }).localStorage }));
      expect(stored).toContain("apiKeys"); // GraphiQL does keep its tabs there,
      expect(stored).not.toContain(server.keys.admin); // but not the headers
      // Chromium logs the first, refused request.
      open.expectClean(/status of 401 \(Unauthorized\)/);
    } finally {
      await open.close();
    }
  });
});
