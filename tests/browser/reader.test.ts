import { beforeAll, describe, expect, it } from "vitest";

import { seriousViolations } from "../setup/axe.ts";
import { openPage, type OpenPage, useBrowser } from "../setup/browser.ts";
import { ARTICLE_JS_BUDGET, pageScripts, requireReaderBuild, scriptSizes } from "../setup/reader.ts";
import { useTestServer } from "../setup/use.ts";

// The reader (web/) in a real Chromium, against a live server on the seed: the article with every claim span
// highlighted exactly where the API puts it, the hover card, keyboard use, search to claim, the source page,
// paging, overlapping spans, a server that wants a key; axe-core on every page; one GraphQL request per page view.
// Screenshots go to tests/artifacts/.

const server = useTestServer();
const keyed = useTestServer({ READS_REQUIRE_KEY: "true" });
const chromium = useBrowser();

const SEED_ARTICLE = "trump-xi-phone-call-2025-06-05";

type Appearance = {
  id: string;
  start: number;
  end: number;
  status: string;
  claim: { id: string; text: string; claimantDescription: string | null; claimant: { name: string } | null };
};
type ArticleFacts = { body: string; appearances: Appearance[] };

async function articleFacts(slug: string, key?: string): Promise<ArticleFacts> {
  const { article } = await server.ok<{ article: { body: string; appearances: { edges: { node: Appearance }[] } } }>(
    `query ($slug: String!) { article(slug: $slug) { body appearances(first: 100) { edges { node {
       id start end status claim { id text claimantDescription claimant { name } } } } } } }`,
    { slug },
    key,
  );
  return { body: article.body, appearances: article.appearances.edges.map((edge) => edge.node) };
}

/**
 * The page's globals, as much as these tests use of them (the tests compile without the DOM's types). Only the
 * functions given to page.evaluate use them, inside the browser.
 */
type Element = { dataset: Record<string, string | undefined>; textContent: string | null; id: string };
type Window = {
  document: { querySelectorAll(selector: string): Iterable<Element>; activeElement: Element | null; cookie: string };
  sessionStorage: Record<string, string>;
  localStorage: Record<string, string>;
};
/** The GraphQL requests the page has made so far (GET or POST). */
const graphqlRequests = (open: OpenPage) => open.requests.filter((url) => new URL(url).pathname === "/graphql");

/** Opens `path` in a fresh page and waits for its heading. */
async function openReader(path: string, origin = server.url): Promise<OpenPage> {
  const open = await openPage(chromium.browser, origin, import.meta.filename);
  await open.page.goto(`${origin}${path}`);
  await open.page.locator("main h1").first().waitFor({ timeout: 30_000 });
  return open;
}

/** Waits for the page to show `heading` after a navigation within the reader. */
const heading = (open: OpenPage, text: string | RegExp) => open.page.locator("main h1", { hasText: text }).waitFor({ timeout: 20_000 });

async function expectAccessible(open: OpenPage) {
  expect(await seriousViolations(open.page), "axe-core violations of impact serious or critical").toEqual([]);
}

/** Each span's text as the page shows it: the text of every mark of that span, in document order. */
function highlightedTexts(open: OpenPage): Promise<Record<string, string>> {
  return open.page.evaluate(() => {
    const texts: Record<string, string> = {};
    for (const mark of (globalThis as unknown as Window).document.querySelectorAll("mark[data-appearance]")) {
      const id = mark.dataset.appearance!;
      texts[id] = (texts[id] ?? "") + mark.textContent;
    }
    return texts;
  });
}

beforeAll(requireReaderBuild);

describe("the reader in Chromium", { timeout: 120_000 }, () => {
  it("shows the seed article with every appearance highlighted, each exactly body.slice(start, end), in one GraphQL request", async () => {
    const facts = await articleFacts(SEED_ARTICLE);
    expect(facts.appearances.length).toBeGreaterThan(10);
    const open = await openReader(`/article/${SEED_ARTICLE}`);
    try {
      await open.page.locator("mark[data-appearance]").first().waitFor();
      const texts = highlightedTexts(open);
      const shown = await texts;
      expect(Object.keys(shown).sort()).toEqual(facts.appearances.map((appearance) => appearance.id).sort());
      for (const appearance of facts.appearances) {
        expect(appearance.status).toBe("ANCHORED");
        expect(shown[appearance.id], appearance.id).toBe(facts.body.slice(appearance.start, appearance.end));
      }
      // The text is the article's, shown once, in order.
      expect(await open.page.locator(".article-body").evaluate((element) => element.textContent)).toBe(facts.body);
      // Each span has exactly one tab stop.
      expect(await open.page.locator('mark[data-appearance][tabindex="0"]').count()).toBe(facts.appearances.length);

      expect(graphqlRequests(open)).toHaveLength(1);
      // The JavaScript it loaded is what the bundle test measures, and within the budget.
      const scripts = open.requests.filter((url) => url.endsWith(".js")).map((url) => new URL(url).pathname);
      expect(scripts.sort()).toEqual(pageScripts().sort());
      expect(scriptSizes(pageScripts()).reduce((sum, each) => sum + each.gzipped, 0)).toBeLessThan(ARTICLE_JS_BUDGET);

      await open.screenshot("article");
      await expectAccessible(open);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("shows each span's claimant on hover, and the whole card for Jamieson Greer's rare-earth claim", async () => {
    const facts = await articleFacts(SEED_ARTICLE);
    const open = await openReader(`/article/${SEED_ARTICLE}`);
    try {
      const card = open.page.getByRole("tooltip");
      for (const appearance of facts.appearances) {
        const mark = open.page.locator(`mark[data-appearance="${appearance.id}"]`).first();
        await mark.scrollIntoViewIfNeeded();
        await mark.hover();
        await expect
          .poll(() => card.locator(".claim-card-claimant").textContent())
          .toBe(appearance.claim.claimant?.name ?? appearance.claim.claimantDescription);
        expect(await card.locator(".claim-card-text").textContent()).toBe(appearance.claim.text);
        // The span names its card for assistive technology.
        expect(await mark.getAttribute("aria-describedby")).toBe(await card.getAttribute("id"));
      }
      const greer = facts.appearances.find((appearance) => appearance.claim.claimant?.name === "Jamieson Greer" && /rare earth/.test(appearance.claim.text))!;
      await open.page.locator(`mark[data-appearance="${greer.id}"]`).first().hover();
      await expect.poll(() => card.textContent()).toContain("Jamieson Greer");
      const text = (await card.textContent())!;
      for (const part of ["US Trade Representative", "“point out”", "CNBC", "May 30, 2025", "Not reviewed yet"]) expect(text).toContain(part);
      await open.screenshot("hover-card");
      await expectAccessible(open);
      // Off the text, the card goes.
      await open.page.locator("h1").hover();
      await expect.poll(() => card.count()).toBe(0);
      expect(graphqlRequests(open)).toHaveLength(1);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("shows the verdict of a reviewed claim on its card", async () => {
    const facts = await articleFacts(SEED_ARTICLE);
    const reviewed = facts.appearances.find((appearance) => /Phase One/.test(appearance.claim.text))!;
    const open = await openReader(`/article/${SEED_ARTICLE}`);
    try {
      await open.page.locator(`mark[data-appearance="${reviewed.id}"]`).first().hover();
      const card = open.page.getByRole("tooltip");
      await expect.poll(() => card.locator(".verdict").textContent()).toBe("True");
      expect(await card.textContent()).toContain("claimgraph example desk");
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("works from the keyboard: Tab reaches a span and shows its card, Escape hides it, Enter opens the claim", async () => {
    const facts = await articleFacts(SEED_ARTICLE);
    const first = [...facts.appearances].sort((a, b) => a.start - b.start)[0]!;
    const open = await openReader(`/article/${SEED_ARTICLE}`);
    try {
      const focused = () => open.page.evaluate(() => (globalThis as unknown as Window).document.activeElement?.dataset?.appearance ?? null);
      for (let presses = 0; presses < 30 && (await focused()) === null; presses++) await open.page.keyboard.press("Tab");
      expect(await focused()).toBe(first.id);
      const card = open.page.getByRole("tooltip");
      await expect.poll(() => card.locator(".claim-card-claimant").textContent()).toBe(first.claim.claimant?.name ?? first.claim.claimantDescription);
      await open.screenshot("keyboard-focus");
      await open.page.keyboard.press("Escape");
      await expect.poll(() => card.count()).toBe(0);
      // Tab goes on to the next span, in text order.
      const second = [...facts.appearances].sort((a, b) => a.start - b.start)[1]!;
      await open.page.keyboard.press("Tab");
      expect(await focused()).toBe(second.id);
      await open.page.keyboard.press("Enter");
      await heading(open, second.claim.text);
      expect(new URL(open.page.url()).pathname).toBe(`/claim/${encodeURIComponent(second.claim.id)}`);
      // Focus moved to the new page's content.
      expect(await open.page.evaluate(() => (globalThis as unknown as Window).document.activeElement?.id)).toBe("main");
      expect(graphqlRequests(open)).toHaveLength(2);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it('searches for "rare earth", shows ranked hits with the words highlighted, and opens the claim with its quote in context', async () => {
    const { search } = await server.ok<{ search: { totalCount: number; edges: { node: { __typename: string; id?: string; text?: string } }[] } }>(
      `{ search(query: "rare earth", first: 10) { totalCount edges { node { __typename ... on Claim { id text } } } } }`,
    );
    const claim = search.edges.map((edge) => edge.node).find((node) => node.__typename === "Claim" && /rare earth materials/.test(node.text!))!;
    expect(claim).toBeDefined();
    const open = await openReader("/");
    try {
      await expectAccessible(open);
      await open.screenshot("home");
      await open.page.getByRole("searchbox", { name: "Search claims, articles and sources" }).fill("rare earth");
      await open.page.keyboard.press("Enter");
      await heading(open, "Results for “rare earth”");
      expect(new URL(open.page.url()).search).toBe("?q=rare+earth");
      const hits = open.page.locator(".search-hit");
      await expect.poll(() => hits.count()).toBe(search.edges.length);
      expect(await open.page.getByRole("status").textContent()).toContain(`${search.totalCount} result`);
      // Ranked as the API ranks them; the matched words marked in each snippet.
      expect(await hits.evaluateAll((items) => items.map((item) => item.getAttribute("data-type")))).toEqual(search.edges.map((edge) => edge.node.__typename));
      const claimHit = hits.filter({ has: open.page.getByRole("link", { name: claim.text!, exact: true }) });
      const marked = await claimHit.locator(".snippet mark").allTextContents();
      expect(marked.map((word) => word.toLowerCase())).toEqual(expect.arrayContaining(["rare", "earth"]));
      await open.screenshot("search");
      await expectAccessible(open);

      await open.page.getByRole("link", { name: claim.text!, exact: true }).click();
      await heading(open, claim.text!);
      const facts = await articleFacts(SEED_ARTICLE);
      const appearance = facts.appearances.find((each) => each.claim.id === claim.id)!;
      const quoted = open.page.locator(".appearance .context");
      expect(await quoted.locator("mark.quote").textContent()).toBe(facts.body.slice(appearance.start, appearance.end));
      // The context is the article's own text around the quote.
      const context = (await quoted.textContent())!.replace(/^…|…$/g, "");
      expect(facts.body.replace(/\s+/g, " ")).toContain(context.replace(/\s+/g, " ").trim());
      await open.screenshot("claim");
      await expectAccessible(open);
      // Home, search and claim: one request each.
      expect(graphqlRequests(open)).toHaveLength(3);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("pages through search results with the connection's cursors, forward and back", async () => {
    type Page = { search: { edges: { node: { __typename: string } }[]; pageInfo: { startCursor: string; endCursor: string; hasNextPage: boolean } } };
    const read = (variables: Record<string, unknown>) =>
      server.ok<Page>(
        `query ($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
           search(query: $q, first: $first, after: $after, last: $last, before: $before) {
             edges { node { __typename } } pageInfo { startCursor endCursor hasNextPage } } }`,
        { q: "china", ...variables },
      );
    const types = (page: Page) => page.search.edges.map((edge) => edge.node.__typename);
    const first = await read({ first: 10 });
    expect(first.search.pageInfo.hasNextPage).toBe(true);
    const second = await read({ first: 10, after: first.search.pageInfo.endCursor });
    const back = await read({ last: 10, before: second.search.pageInfo.startCursor });
    expect(types(back)).toEqual(types(first));

    const open = await openReader("/search?q=china");
    try {
      const hits = open.page.locator(".search-hit");
      const shownTypes = () => hits.evaluateAll((items) => items.map((item) => item.getAttribute("data-type")));
      await expect.poll(shownTypes).toEqual(types(first));
      const pager = open.page.getByRole("navigation", { name: "Pages of results" });
      expect(await pager.getByRole("link", { name: "← Previous" }).count()).toBe(0);
      await pager.getByRole("link", { name: "Next →" }).click();
      await expect.poll(() => new URL(open.page.url()).searchParams.get("after")).toBe(first.search.pageInfo.endCursor);
      await expect.poll(shownTypes).toEqual(types(second));
      await open.screenshot("search-page-2");
      await expectAccessible(open);
      // Back by the connection's `before`: the page before the second one's first hit, which is the first page.
      await pager.getByRole("link", { name: "← Previous" }).click();
      await expect.poll(() => new URL(open.page.url()).searchParams.get("before")).toBe(second.search.pageInfo.startCursor);
      await expect.poll(shownTypes).toEqual(types(first));
      expect(await pager.getByRole("link", { name: "← Previous" }).count()).toBe(0);
      // Three page views, three requests; the browser's Back shows the second page again from urql's cache.
      expect(graphqlRequests(open)).toHaveLength(3);
      await open.page.goBack();
      await expect.poll(shownTypes).toEqual(types(second));
      expect(graphqlRequests(open)).toHaveLength(3);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("shows a source's claims, the outlets and articles that carried them, and its track record", async () => {
    const open = await openReader("/source/china-government");
    try {
      await heading(open, "Government of the People’s Republic of China");
      const { source } = await server.ok<{ source: { claims: { totalCount: number }; trackRecord: { reviewedClaims: number } } }>(
        '{ source(slug: "china-government") { claims { totalCount } trackRecord { reviewedClaims } } }',
      );
      expect(await open.page.locator("#source-claims-heading").textContent()).toContain(`(${source.claims.totalCount} claim`);
      expect(source.trackRecord.reviewedClaims).toBe(1);
      const record = open.page.locator('section[aria-labelledby="track-record-heading"]');
      expect(await record.textContent()).toContain("1 reviewed claim");
      expect(await record.locator("table").textContent()).toContain("True");
      expect(await record.textContent()).toContain("claimgraph example desk");
      const outlets = open.page.locator('section[aria-labelledby="outlets-heading"]');
      expect(await outlets.getByRole("link", { name: /Trump, US President, and Xi Jinping/ }).count()).toBe(1);
      await open.screenshot("source");
      await expectAccessible(open);

      // An outlet: the claims it reported. A page load of its own, in one request more.
      await open.page.goto(`${server.url}/source/bloomberg`);
      await heading(open, "Bloomberg");
      expect(await open.page.getByRole("heading", { name: "Reported by Bloomberg" }).count()).toBe(1);
      await expectAccessible(open);
      expect(graphqlRequests(open)).toHaveLength(2);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("keeps overlapping spans readable: nested and crossing spans each show exactly their text", async () => {
    const body = "Xi said that the talks were productive and that tariffs would fall soon, according to officials who spoke on condition of anonymity.";
    const span = (quote: string) => ({ start: body.indexOf(quote), end: body.indexOf(quote) + quote.length, quote });
    const outer = span("Xi said that the talks were productive and that tariffs would fall soon");
    const inner = span("the talks were productive");
    const crossing = span("tariffs would fall soon, according to officials");
    const slug = "overlapping-spans-in-the-reader";
    await server.ok(
      `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`,
      {
        input: {
          slug,
          title: "Overlapping spans",
          body,
          publishedAt: "2025-06-06T08:00:00Z",
          claims: [
            {
              text: "The talks were productive and tariffs would fall soon.",
              cue: "say",
              claimant: { slug: "xi-jinping" },
              appearances: [{ ...outer, kind: "REPORTED_SPEECH" }],
            },
            { text: "The talks were productive.", cue: "say", claimant: { slug: "xi-jinping" }, appearances: [{ ...inner, kind: "REPORTED_SPEECH" }] },
            {
              text: "Tariffs would fall soon, officials said.",
              cue: "according to",
              claimantDescription: "officials",
              appearances: [{ ...crossing, kind: "REPORTED_SPEECH" }],
            },
          ],
        },
      },
      server.keys.editor,
    );
    const facts = await articleFacts(slug);
    expect(facts.appearances).toHaveLength(3);
    const open = await openReader(`/article/${slug}`);
    try {
      await open.page.locator("mark[data-appearance]").first().waitFor();
      const shown = await highlightedTexts(open);
      for (const appearance of facts.appearances) expect(shown[appearance.id]).toBe(body.slice(appearance.start, appearance.end));
      expect(await open.page.locator(".article-body").evaluate((element) => element.textContent)).toBe(body);
      // Nested: a mark inside a mark; crossing: one span in two pieces, only the first a tab stop.
      expect(await open.page.locator("mark.claim-span mark.claim-span").count()).toBeGreaterThan(0);
      const crossingId = facts.appearances.find((appearance) => appearance.start === crossing.start)!.id;
      expect(await open.page.locator(`mark[data-appearance="${crossingId}"]`).count()).toBe(2);
      expect(await open.page.locator(`mark[data-appearance="${crossingId}"][tabindex="0"]`).count()).toBe(1);
      // The inner span's own card shows on hover, not its parent's.
      await open.page.locator(`mark[data-appearance="${facts.appearances.find((a) => a.start === inner.start)!.id}"]`).hover();
      await expect.poll(() => open.page.getByRole("tooltip").locator(".claim-card-text").textContent()).toBe("The talks were productive.");
      await open.screenshot("overlapping");
      await expectAccessible(open);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("says so when an article does not exist, accessibly", async () => {
    const open = await openReader("/article/no-such-article");
    try {
      await heading(open, "Not found");
      await expectAccessible(open);
      open.expectClean();
    } finally {
      await open.close();
    }
  });

  it("asks for a key on a server with READS_REQUIRE_KEY=true, and keeps it in session storage only", async () => {
    const open = await openReader(`/article/${SEED_ARTICLE}`, keyed.url);
    try {
      await heading(open, "This server needs an API key to read");
      await expectAccessible(open);
      await open.screenshot("key-prompt");
      const field = open.page.getByLabel("API key");
      await field.fill("cg_not-a-key");
      await open.page.getByRole("button", { name: "Read with this key" }).click();
      await open.page.getByRole("alert").waitFor();
      expect(await open.page.getByRole("alert").textContent()).toContain("refused");

      await field.fill(keyed.keys.reader);
      const answered = open.page.waitForResponse((response) => new URL(response.url()).pathname === "/graphql" && response.status() === 200);
      await open.page.getByRole("button", { name: "Read with this key" }).click();
      expect((await answered).request().headers().authorization).toBe(`Bearer ${keyed.keys.reader}`);
      await heading(open, "Trump, US President, and Xi Jinping");
      await open.page.locator("mark[data-appearance]").first().waitFor();

      const storage = () =>
        open.page.evaluate(() => {
          const page = globalThis as unknown as Window;
          return { session: JSON.stringify({ ...page.sessionStorage }), local: JSON.stringify({ ...page.localStorage }), cookie: page.document.cookie };
        });
      expect(await storage()).toEqual({ session: JSON.stringify({ "claimgraph.apiKey": keyed.keys.reader }), local: "{}", cookie: "" });
      // A reload in the same tab keeps the key; the page reads at once.
      await open.page.reload();
      await open.page.locator("mark[data-appearance]").first().waitFor();
      // Forgetting it asks again.
      await open.page.getByRole("button", { name: "Forget API key" }).click();
      await heading(open, "This server needs an API key to read");
      expect((await storage()).session).toBe("{}");
      // Chromium logs the refused requests (401).
      open.expectClean(/status of 401/);
    } finally {
      await open.close();
    }
  });
});
