import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import express, { type Response, Router } from "express";

import { ROOT } from "../db/schemas.ts";
import type { Logger } from "../logger.ts";

// The reader (issue 17): the web/ app, built by Vite into web/dist, served by this server.
//   GET /                                    the reader's page when the request's Accept prefers text/html (a
//                                            browser); other clients get one line of text pointing at /graphql
//   GET /search, /article/<slug>,            the same page (the app routes in the browser), so links to a page of
//       /source/<slug>, /claim/<id>          the reader can be shared and reloaded
//   GET /assets/<name>-<hash>.js|css         the built files; their names change with their content, so they are
//                                            cached for a year (immutable)
// The page is read from disk on each request (it is small), so a rebuild shows without a restart. Its
// Content-Security-Policy allows this origin only. It holds no key: on a server with READS_REQUIRE_KEY=true the
// reader asks for one and keeps it in the tab's session storage.

/** Where `npm run web:build` (web/'s `vite build`) writes the reader. */
export const READER_DIST = join(ROOT, "web/dist");

/** The reader's routes besides `/`: each answers with its page. */
export const READER_ROUTES = ["/search", "/article/:slug", "/source/:slug", "/claim/:id"];

/**
 * This origin only, for scripts, styles, fetches and images (and data: images: the page's empty favicon). No inline
 * script or style: Vite emits files, and React sets styles through the DOM, which a CSP does not restrict.
 */
export const READER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const NOT_BUILT = "The reader is not built: run `npm run web:build` (npm start does when web/dist is missing).";

function sendPage(res: Response, page: Buffer) {
  res.set({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": READER_CSP,
    "X-Content-Type-Options": "nosniff",
    // The reader's URLs carry search words and cursors: they are not sent on to other sites.
    "Referrer-Policy": "no-referrer",
    // The page names its files by content hash, so it is checked again on each visit (cheap: Express's strong ETag
    // answers 304); the files themselves are cached for good.
    "Cache-Control": "no-cache",
  });
  res.send(page);
}

/** The reader's routes; mount before /graphql. `dist` is the built reader (web/dist). */
export function reader({ dist = READER_DIST, logger }: { dist?: string; logger?: Logger } = {}): Router {
  const indexFile = join(dist, "index.html");
  if (!existsSync(indexFile)) logger?.warn({ dist }, NOT_BUILT);
  const page = () => readFile(indexFile).catch(() => null);
  const router = Router();

  router.get("/", async (req, res) => {
    res.vary("Accept");
    const html = req.accepts(["text/plain", "text/html"]) === "text/html" ? await page() : null;
    if (html) {
      sendPage(res, html);
      return;
    }
    res
      .type("text/plain")
      .send(
        "claimgraph: the reader is at / in a browser; the GraphQL API at /graphql (POST, or GET with ?query=; the explorer in a browser). Health at /healthz.\n" +
          (existsSync(indexFile) ? "" : `${NOT_BUILT}\n`),
      );
  });

  router.get(READER_ROUTES, async (_req, res) => {
    const html = await page();
    if (html) sendPage(res, html);
    else res.status(404).type("text/plain").send(`${NOT_BUILT}\n`);
  });

  router.use(
    "/assets",
    express.static(join(dist, "assets"), {
      index: false,
      redirect: false,
      immutable: true,
      maxAge: 365 * 24 * 3600 * 1000,
      setHeaders: (res) => res.setHeader("X-Content-Type-Options", "nosniff"),
    }),
  );

  return router;
}
