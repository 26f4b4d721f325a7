import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import type { NextFunction, Request, Response } from "express";
import { parse } from "graphql";

import { ErrorCode } from "../shared/errors.ts";

// Persisted operations on /graphql, in one of two modes (PERSISTED_OPERATIONS):
//
// - `off` (the default): any document runs, and Apollo's automatic persisted
//   queries (APQ) are on: a client may send `extensions.persistedQuery.sha256Hash`
//   alone, gets PERSISTED_QUERY_NOT_FOUND while the server has not seen it, and
//   then sends the text with the hash once. Apollo's own answers to a hash that
//   does not match the text, or to an unknown APQ version, carry no code (they
//   would be masked as INTERNAL_SERVER_ERROR), so those are refused here first
//   with codes of their own.
// - `only`: the server runs just the operations in PERSISTED_OPERATIONS_FILE, a
//   manifest of id → document text as GraphQL Code Generator's client preset
//   writes it (persisted-documents.json, ids "sha256:<hex>"). A request names
//   its operation by `documentId` (GraphQL over HTTP's persisted documents) or
//   by `extensions.persistedQuery.sha256Hash` (as APQ clients send it); the
//   manifest's text then runs. Any document sent as text is refused,
//   introspection included: tools read the schema from schema.graphql instead.
//   Apollo's APQ is off in this mode, so nothing new can be registered.

export type PersistedOperations =
  | { mode: "off" }
  | {
      mode: "only";
      /** The manifest's absolute path. */
      file: string;
      /** Document text by the manifest's own ids. */
      byId: ReadonlyMap<string, string>;
      /** Document text by the SHA-256 of the text, in hex (what APQ clients send). */
      bySha256: ReadonlyMap<string, string>;
    };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const SHA256_ID = /^sha256:([0-9a-f]{64})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Reads PERSISTED_OPERATIONS and PERSISTED_OPERATIONS_FILE; throws a message naming the variable when either is wrong. */
export function loadPersistedOperations(env: NodeJS.ProcessEnv): PersistedOperations {
  const mode = env.PERSISTED_OPERATIONS || "off";
  const file = env.PERSISTED_OPERATIONS_FILE;
  if (mode !== "off" && mode !== "only") throw new Error(`PERSISTED_OPERATIONS must be off or only, got "${env.PERSISTED_OPERATIONS}"`);
  if (mode === "off") {
    if (file) {
      throw new Error(
        "PERSISTED_OPERATIONS_FILE is set but PERSISTED_OPERATIONS is off: set PERSISTED_OPERATIONS=only to run only the operations it lists, or unset PERSISTED_OPERATIONS_FILE",
      );
    }
    return { mode };
  }
  if (!file) throw new Error("PERSISTED_OPERATIONS=only needs PERSISTED_OPERATIONS_FILE, the path of the operations manifest (persisted-documents.json)");
  const path = resolve(file);
  const fail = (why: string) => new Error(`PERSISTED_OPERATIONS_FILE (${path}): ${why}`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw fail(`cannot be read: ${(error as Error).message}`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw fail(`is not JSON: ${(error as Error).message}`);
  }
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw fail("must be a JSON object of operation ids to document texts, as GraphQL Code Generator's persisted-documents.json");
  }
  const byId = new Map<string, string>();
  const bySha256 = new Map<string, string>();
  for (const [id, document] of Object.entries(manifest)) {
    if (typeof document !== "string") throw fail(`the entry "${id}" must be the document's text, got ${JSON.stringify(document)?.slice(0, 80)}`);
    try {
      parse(document);
    } catch (error) {
      throw fail(`the entry "${id}" does not parse: ${(error as Error).message}`);
    }
    const hash = sha256(document);
    const claimed = SHA256_ID.exec(id)?.[1];
    if (id.startsWith("sha256:") && claimed !== hash) throw fail(`the id "${id}" is not "sha256:" and the SHA-256 of its text (${hash})`);
    byId.set(id, document);
    bySha256.set(hash, document);
  }
  if (byId.size === 0) throw fail("lists no operations");
  return { mode, file: path, byId, bySha256 };
}

/** The parts of a GraphQL request this needs, from a POST's JSON body or a GET's query string. */
type Sent = { query?: unknown; documentId?: unknown; extensions?: unknown };

function sent(req: Request): { fields: Sent; search: URLSearchParams | null } | null {
  if (req.method === "GET") {
    const search = new URLSearchParams(req.url.split("?")[1] ?? "");
    let extensions: unknown = search.get("extensions") ?? undefined;
    try {
      if (typeof extensions === "string") extensions = JSON.parse(extensions);
    } catch {
      // Apollo reports malformed extensions.
    }
    return { fields: { query: search.get("query") ?? undefined, documentId: search.get("documentId") ?? undefined, extensions }, search };
  }
  const body = req.body as unknown;
  // Anything but one JSON object (a batch, a bare value) is Apollo's to refuse, and carries no text that runs.
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  return { fields: body as Sent, search: null };
}

const persistedQueryOf = (extensions: unknown): Record<string, unknown> | undefined => {
  const value = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
};

/** What to do with a request: refuse it (HTTP 400), run a listed operation's text, or leave it to Apollo as it is. */
type Outcome = { refuse: ErrorCode; message: string } | { run: string } | null;

/** The decision, from the request's fields alone (see the modes above). */
function decide(config: PersistedOperations, { query, documentId, extensions }: Sent): Outcome {
  const persistedQuery = persistedQueryOf(extensions);
  const text = typeof query === "string" && query !== "" ? query : undefined;
  const hash = persistedQuery?.sha256Hash;
  if (persistedQuery) {
    if (persistedQuery.version !== 1) {
      return { refuse: ErrorCode.BAD_REQUEST, message: "extensions.persistedQuery.version must be 1 (automatic persisted queries, version 1)" };
    }
    if (typeof hash !== "string" || !SHA256_HEX.test(hash)) {
      return {
        refuse: ErrorCode.BAD_REQUEST,
        message: "extensions.persistedQuery.sha256Hash must be the SHA-256 of the query text, as 64 lower-case hex digits",
      };
    }
    if (text !== undefined && sha256(text) !== hash) {
      return {
        refuse: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
        message: "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text sent with it: hash exactly the text sent (UTF-8)",
      };
    }
  }

  if (config.mode === "off") {
    if (typeof documentId === "string" && text === undefined && !persistedQuery) {
      return {
        refuse: ErrorCode.BAD_REQUEST,
        message: "This server runs documents by documentId only with PERSISTED_OPERATIONS=only: send the query text (or an automatic persisted query hash)",
      };
    }
    return null;
  }

  // `only`: the operation must be named by a listed id; its text comes from the manifest.
  const id = typeof documentId === "string" ? documentId : (hash as string | undefined);
  if (id === undefined && text === undefined) return null; // Nothing to run: Apollo answers that a query is missing.
  const listed =
    id === undefined
      ? undefined
      : typeof documentId === "string"
        ? (config.byId.get(id) ?? config.bySha256.get(SHA256_ID.exec(id)?.[1] ?? ""))
        : config.bySha256.get(id);
  // Text is refused unless it is the listed operation's own (an APQ client's retry with the text lands here).
  if (text !== undefined && text !== listed) {
    return {
      refuse: ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
      message:
        "This server runs only its persisted operations (PERSISTED_OPERATIONS=only): send the operation's id as documentId, or its SHA-256 as extensions.persistedQuery.sha256Hash, not its text",
    };
  }
  if (listed === undefined) {
    return {
      refuse: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
      message: `No operation with the id "${(id ?? "").slice(0, 80)}" is in this server's allow-list (PERSISTED_OPERATIONS=only): it runs only the operations of its manifest`,
    };
  }
  return { run: listed };
}

/**
 * Express middleware for /graphql, after the JSON body is parsed and before
 * Apollo (see the modes above). In `only` mode it swaps the id for the
 * manifest's text, so Apollo parses, validates, prices and runs that text as
 * any other, and the replica routing sees a mutation for what it is.
 */
export function persistedOperations(config: PersistedOperations) {
  return function persisted(req: Request, res: Response, next: NextFunction): void {
    const request = sent(req);
    const outcome = request && decide(config, request.fields);
    if (outcome && "refuse" in outcome) {
      // One GraphQL error, in the media type the client asked for, as Apollo's answers are; never cached.
      res
        .status(400)
        .set("cache-control", "no-store")
        .type(req.accepts(["application/json", "application/graphql-response+json"]) || "application/json")
        .send(JSON.stringify({ errors: [{ message: outcome.message, extensions: { code: outcome.refuse, requestId: res.locals.requestId } }] }));
      return;
    }
    if (request && outcome) {
      const extensions = withoutPersistedQuery(request.fields.extensions);
      if (request.search) {
        const search = new URLSearchParams(request.search);
        search.delete("documentId");
        search.set("query", outcome.run);
        if (extensions.extensions) search.set("extensions", JSON.stringify(extensions.extensions));
        else search.delete("extensions");
        req.url = `${req.url.split("?")[0]}?${search}`;
      } else {
        const { documentId: _id, extensions: _extensions, ...rest } = request.fields as Record<string, unknown>;
        req.body = { ...rest, query: outcome.run, ...extensions };
      }
    }
    next();
  };
}

/** `{ extensions }` less persistedQuery, or nothing when that leaves it empty. */
function withoutPersistedQuery(extensions: unknown): { extensions?: Record<string, unknown> } {
  if (typeof extensions !== "object" || extensions === null) return {};
  const { persistedQuery: _omit, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length ? { extensions: rest } : {};
}
