import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";

import type { Request, RequestHandler, Response } from "express";

import { ROOT } from "../db/schemas.ts";

// The explorer (issue 16): GraphiQL on GET /graphql for a browser, offline.
//   GET /graphql                          the GraphiQL page when the request's Accept prefers text/html
//                                         (a browser navigation); every other GET goes on to Apollo as before
//   GET /explorer/<version>/<file>        the page's scripts and styles, from the installed packages
//                                         (graphiql's UMD build, React 18's) and src/http/explorer/
// (GET / is the reader's: see reader.ts.)
// Nothing is loaded from elsewhere: the page's Content-Security-Policy allows only this origin (and data: for
// the fonts graphiql's stylesheet embeds). The page holds no key: one goes in GraphiQL's header editor.

/** The README's first example query (tests/http/explorer.test.ts checks they stay the same). */
export const EXAMPLE_QUERY = `{
  article(slug: "trump-xi-phone-call-2025-06-05") {
    title
    claims(first: 2, filter: { claimant: { kind: { equals: PERSON } } }, orderBy: { field: CLAIMED_AT, direction: DESC }) {
      totalCount
      edges { node {
        text cue claimedAt claimedAtPrecision
        claimant { name role affiliation { name } }
        channel { name }
        reportedBy { name }
        appearances { quote start end kind }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** What a new browser (or one with no tab open) finds in the editor. */
export const DEFAULT_QUERY = `# The seed article's claims by people, newest first.
# Run it with Ctrl-Enter or the ▶ button; the docs (book
# icon, top left) list every type and field.
# Writes need an API key (reads too, on a server with
# READS_REQUIRE_KEY=true): open Headers below and enter
#   {"Authorization": "Bearer <your key>"}
# The browser does not store it.

${EXAMPLE_QUERY}
`;

/** Where the page's files are served; each file's URL carries a hash of its content, so it can be cached for good. */
export const ASSET_PREFIX = "/explorer";

/**
 * Only this origin, for scripts, styles and fetches; fonts and images also from data: URLs (graphiql's CSS embeds
 * its fonts). Inline styles are allowed: GraphiQL's dialogs add a <style> element (react-remove-scroll) whose
 * nonce cannot be set from outside its bundle and whose text varies with the scrollbar. Inline scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
/** The page's own files: the sources' folder also when running from dist/ (the build does not copy them). */
const OWN = join(ROOT, "src/http/explorer");

/** The page's files by the name the template uses. */
function assetFiles(): Record<string, string> {
  return {
    "react.production.min.js": join(packageDir("react"), "umd/react.production.min.js"),
    "react-dom.production.min.js": join(packageDir("react-dom"), "umd/react-dom.production.min.js"),
    "graphiql.min.js": join(packageDir("graphiql"), "graphiql.min.js"),
    "graphiql.min.css": join(packageDir("graphiql"), "graphiql.min.css"),
    "explorer.js": join(OWN, "explorer.js"),
    "explorer.css": join(OWN, "explorer.css"),
  };
}

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/** `file` is read again for each request: a browser caches the files for good, so they are asked for rarely, and the server need not hold 4 MB. */
type Asset = { version: string; url: string; type: string; file: string; etag: string };
type Explorer = { assets: Map<string, Asset>; page: Buffer; pageEtag: string };

const hashOf = (body: Buffer) => createHash("sha256").update(body).digest("base64url").slice(0, 16);

/** Reads the files once (about 4 MB) for their hashes and renders the page; a missing package fails the server's start. */
function load(): Explorer {
  const assets = new Map<string, Asset>();
  for (const [name, file] of Object.entries(assetFiles())) {
    const body = readFileSync(file);
    const version = hashOf(body);
    assets.set(name, { version, url: `${ASSET_PREFIX}/${version}/${name}`, type: TYPES[extname(name)]!, file, etag: `"${version}"` });
  }
  // A JSON data block is not run as a script, so the CSP does not apply to it; `<` is escaped so it cannot close the element.
  const config = JSON.stringify({ defaultQuery: DEFAULT_QUERY }).replaceAll("<", "\\u003c");
  const template = readFileSync(join(OWN, "explorer.html"), "utf8");
  const html = template.replace(/\{\{([^}]+)\}\}/g, (_whole, name: string) => {
    if (name === "config") return config;
    const asset = assets.get(name);
    if (!asset) throw new Error(`explorer.html names an unknown file: ${name}`);
    return asset.url;
  });
  const page = Buffer.from(html);
  return { assets, page, pageEtag: `"${hashOf(page)}"` };
}

let loaded: Explorer | undefined;

/** Whether a GET prefers HTML to JSON: a browser's navigation does; a request with no Accept, or one that takes anything, goes to JSON. */
const prefersHtml = (req: Request) => req.accepts(["application/graphql-response+json", "application/json", "text/html"]) === "text/html";

function sendPage(res: Response, explorer: Explorer) {
  res.set({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    // The URL may carry a query (?query=): it is not sent on to anyone.
    "Referrer-Policy": "no-referrer",
    // The page names its files by content hash, so a new version is seen at once; the ETag makes the check cheap.
    "Cache-Control": "no-cache",
    ETag: explorer.pageEtag,
  });
  res.send(explorer.page);
}

const ASSET_PATH = new RegExp(`^${ASSET_PREFIX}/([\\w-]+)/([\\w.-]+)$`);

/**
 * The explorer's routes as one middleware; mount before /graphql's CORS, admission and Apollo. Not an express
 * Router: a Router answers OPTIONS itself for the paths it has routes for, so a CORS preflight for /graphql would
 * never reach the CORS policy. Only GET and HEAD stop here; everything else goes on.
 */
export function explorer(): RequestHandler {
  loaded ??= load();
  const current = loaded;
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    // Express matches paths case-insensitively and with or without a trailing slash; so does this.
    const path = req.path.toLowerCase().replace(/(.)\/$/, "$1");
    if (path === "/graphql") {
      // The answer depends on Accept, for HTML and JSON alike: caches must key on it.
      res.vary("Accept");
      return prefersHtml(req) ? sendPage(res, current) : next();
    }
    const [, version, name] = ASSET_PATH.exec(req.path) ?? [];
    const asset = name ? current.assets.get(name) : undefined;
    // A page from another version asks for other content: not found, rather than this content cached under that URL.
    if (!asset || asset.version !== version) return next();
    readFile(asset.file).then(
      (body) => {
        res.set({
          "Content-Type": asset.type,
          "Cache-Control": "public, max-age=31536000, immutable",
          "X-Content-Type-Options": "nosniff",
          ETag: asset.etag,
        });
        res.send(body);
      },
      // Removed since the start (a package reinstalled): the error handler answers 500.
      next,
    );
  };
}
