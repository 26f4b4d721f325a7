import { AppearanceKind, DatePrecision, ReviewStatus, SourceKind, Verdict } from "../generated/prisma/enums.ts";
import type { QuoteSelector } from "../appearance/anchor.ts";
import { MAX_QUOTE_LENGTH } from "../appearance/appearance.input.ts";
import { MAX_APPEARANCES_PER_CLAIM } from "../claim/claim.input.ts";
import { BCP47 } from "../schema/validators.ts";
import { fromGlobalId } from "../shared/globalId.ts";
import { unstorableText } from "../shared/text.ts";
import { MAX_REVIEW_AUTHORS } from "./review.input.ts";

// ClaimReview in (issue 15): reading what fact-checkers publish into plain
// descriptions of reviews, claims, sources and appearances, with every problem
// named by its place in the document (a JSON pointer, RFC 6901). Pure: no
// database, no HTTP. src/review/review.importService.ts writes what this reads.
//
// Accepted: schema.org ClaimReview JSON-LD as one object, an array, an @graph,
// or a DataFeed (dataFeedElement, each a DataFeedItem's `item` or the review
// itself); an HTML page's <script type="application/ld+json"> blocks; and the
// JSON Google's Fact Check Tools API returns from claims:search
// ({ claims: [{ text, claimant, claimDate, claimReview: [...] }] }).

/** The most ClaimReviews one document may hold through the API: as many as the claims one article may carry. */
export const MAX_IMPORT_ITEMS = 200;
/** claimantDescription of a claim whose ClaimReview names no claimant. */
export const NO_CLAIMANT = "not named in the ClaimReview";

const MAX_NAME = 200;
const MAX_HEADLINE = 500;
const MAX_TEXT = 5_000;
const MAX_URL = 2_000;
/** Ratings are stored as integers; anything beyond this is not a rating scale. */
const MAX_RATING = 1_000_000;
/** How deep the search for a ClaimReview nested in other nodes (a WebPage's `review`, an Article's `mainEntity`) goes. */
const NESTED_SEARCH_DEPTH = 6;
const ALLOWED_CLOCK_SKEW_MS = 2 * 24 * 3600 * 1000;
const EARLIEST = Date.UTC(1000, 0, 1);

export type Problem = { pointer: string; message: string };

/** A reviewer, author or claimant as the document describes it; matched to a source, or created from this. */
export type SourceDescription = {
  pointer: string;
  name: string;
  /** From @type; null when untyped (the importer picks the default for the role). */
  kind: SourceKind | null;
  /** sameAs and url, http(s) only. */
  urls: string[];
  /** A person's jobTitle. */
  role: string | null;
  /** A claimant's affiliation. */
  affiliation: SourceDescription | null;
};

/** Where the claim appeared, as the document gives it. */
export type AppearanceDescription = {
  pointer: string;
  /** The page. */
  url: string | null;
  /** claimgraph's own article id (cg:article, from claimgraph's export), raw. */
  articleId: string | null;
  /** A W3C TextQuoteSelector. */
  quote: QuoteSelector | null;
  /** A W3C TextPositionSelector: code points, end exclusive. */
  position: { start: number; end: number } | null;
  /** claimgraph's UTF-16 offsets (cg:utf16Start, cg:utf16End) beside the position. */
  utf16: { start: number; end: number } | null;
  kind: AppearanceKind | null;
};

export type RatingDescription = {
  ratingValue: number | null;
  bestRating: number | null;
  worstRating: number | null;
  alternateName: string;
  ratingExplanation: string | null;
};

export type ClaimDescription = {
  text: string;
  claimant: SourceDescription | null;
  claimedAt: Date | null;
  claimedAtPrecision: DatePrecision | null;
  appearances: AppearanceDescription[];
};

export type ReviewDescription = {
  url: string;
  headline: string | null;
  datePublished: Date | null;
  language: string | null;
  /** From creativeWorkStatus; null when the document does not say. */
  status: ReviewStatus | null;
  rating: RatingDescription;
  /** claimgraph's verdict (cg:verdict), when the document carries one. */
  verdict: Verdict | null;
  reviewer: SourceDescription;
  authors: SourceDescription[];
  claim: ClaimDescription;
};

/** One ClaimReview found in the document: its place, and what it says or what is wrong with it. */
export type ImportItem = {
  /** Its order among the document's ClaimReviews, from 0. */
  index: number;
  /** For an HTML page: which <script type="application/ld+json"> block, from 0. */
  script: number | null;
  /** JSON pointer to the ClaimReview within its JSON document (or script block); "" for the root. */
  pointer: string;
  /** The review's url, when it could be read. */
  url: string | null;
  /** Null when `errors` is not empty. */
  review: ReviewDescription | null;
  errors: Problem[];
  warnings: Problem[];
};

export type DocumentFormat = "JSON_LD" | "HTML" | "FACT_CHECK_TOOLS";
export type ParsedDocument = { format: DocumentFormat; items: ImportItem[] };

/** The document as a whole cannot be read (not JSON, no JSON-LD in the page, too many items). */
export class DocumentError extends Error {
  constructor(
    message: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

export type ParseOptions = { maxItems?: number; now?: Date };

/**
 * Reads a document: JSON already parsed (an object or array), or text (JSON, or an HTML page). Per-item problems
 * are in the items; a DocumentError when nothing in it can be read as ClaimReviews.
 */
export function parseClaimReviews(document: unknown, options: ParseOptions = {}): ParsedDocument {
  const maxItems = options.maxItems ?? MAX_IMPORT_ITEMS;
  const reader = new Reader(options.now ?? new Date());
  let format: DocumentFormat;
  let slots: Slot[];
  if (typeof document === "string") {
    const text = document.replace(/^\uFEFF/, "").trim();
    if (text.startsWith("{") || text.startsWith("[")) {
      const json = parseJson(text);
      if (json instanceof Error) throw new DocumentError(`The document is not valid JSON: ${json.message}`);
      ({ format, slots } = slotsOfJson(json, null));
    } else if (/<script\b/i.test(text) || /<html\b|<!doctype html/i.test(text)) {
      format = "HTML";
      slots = slotsOfHtml(text);
    } else {
      throw new DocumentError("The document is neither JSON nor an HTML page with JSON-LD <script> blocks");
    }
  } else if (document !== null && typeof document === "object") {
    ({ format, slots } = slotsOfJson(document, null));
  } else {
    throw new DocumentError("The document must be a JSON object or array, or text holding JSON or an HTML page");
  }
  if (slots.length > maxItems) {
    throw new DocumentError(`The document holds ${slots.length} ClaimReviews; the limit is ${maxItems} per document`, maxItems);
  }
  return { format, items: slots.map((slot, index) => reader.item(slot, index)) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // A RangeError (nesting too deep) is as much "not JSON we can read" as a SyntaxError.
    return error instanceof Error ? error : new Error(String(error));
  }
}

// Finding the ClaimReviews: each is a slot, with its place and the @context in force there.

type Json = Record<string, unknown>;
/** The context in force: whether schema.org's is among it, and what is wrong with it, if anything. */
type Context = { schemaOrg: boolean; problem: string | null };
type Slot =
  | { kind: "jsonld"; node: unknown; pointer: string; script: number | null; context: Context }
  | { kind: "google"; claim: Json; review: unknown; claimPointer: string; pointer: string }
  | { kind: "broken"; pointer: string; script: number | null; message: string };

const NO_CONTEXT: Context = { schemaOrg: false, problem: null };
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const escapePointer = (key: string | number) => String(key).replace(/~/g, "~0").replace(/\//g, "~1");
const at = (pointer: string, ...keys: (string | number)[]) => pointer + keys.map((key) => `/${escapePointer(key)}`).join("");

function slotsOfJson(json: unknown, script: number | null): { format: DocumentFormat; slots: Slot[] } {
  if (isObject(json) && !("@context" in json) && !("@type" in json) && !("@graph" in json) && ("claims" in json || "claimReview" in json)) {
    return { format: "FACT_CHECK_TOOLS", slots: googleSlots(json) };
  }
  const slots: Slot[] = [];
  if (Array.isArray(json)) for (const [i, node] of json.entries()) collect(node, at("", i), script, NO_CONTEXT, slots, false);
  else if (isObject(json)) collect(json, "", script, NO_CONTEXT, slots, false);
  else slots.push({ kind: "broken", pointer: "", script, message: "Not a JSON object or array" });
  return { format: "JSON_LD", slots };
}

/** The JSON-LD blocks of an HTML page; other JSON-LD there (a NewsArticle, breadcrumbs) is passed over. */
function slotsOfHtml(html: string): Slot[] {
  const slots: Slot[] = [];
  let script = 0;
  for (const { attributes, content } of scriptsOf(html)) {
    if (!/\btype\s*=\s*(["']?)application\/ld\+json\1/i.test(attributes)) continue;
    const index = script++;
    const text = content
      .trim()
      .replace(/^<!--|-->$/g, "")
      .replace(/^<!\[CDATA\[|\]\]>$/g, "")
      .trim();
    const json = parseJson(text);
    if (json instanceof Error) {
      slots.push({ kind: "broken", pointer: "", script: index, message: `The JSON-LD block is not valid JSON: ${json.message}` });
      continue;
    }
    if (Array.isArray(json)) for (const [i, node] of json.entries()) collect(node, at("", i), index, NO_CONTEXT, slots, true);
    else if (isObject(json)) collect(json, "", index, NO_CONTEXT, slots, true);
    else slots.push({ kind: "broken", pointer: "", script: index, message: "The JSON-LD block is not a JSON object or array" });
  }
  if (script === 0) throw new DocumentError('The HTML page holds no <script type="application/ld+json"> block');
  return slots;
}

/**
 * The <script> elements of a page, their attributes and content, found with indexOf: linear in the page, where a
 * regular expression with a lazy body would scan to the end again from every unclosed `<script`.
 */
function* scriptsOf(html: string): Generator<{ attributes: string; content: string }> {
  // ASCII letters only, so that every offset stays the same (toLowerCase lengthens some other letters).
  const lower = html.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  let at = lower.indexOf("<script");
  while (at !== -1) {
    const tagEnd = lower.indexOf(">", at);
    if (tagEnd === -1) return;
    // `<scripts>` or `<script-x>` is another element.
    if (!/[\s/>]/.test(lower.charAt(at + 7))) {
      at = lower.indexOf("<script", at + 7);
      continue;
    }
    const close = lower.indexOf("</script", tagEnd);
    if (close === -1) return;
    yield { attributes: html.slice(at + 7, tagEnd), content: html.slice(tagEnd + 1, close) };
    at = lower.indexOf("<script", close + 8);
  }
}

/** The types a node declares, without their schema.org or Web Annotation prefix. */
function typesOf(node: Json): string[] {
  const declared = node["@type"];
  const list = Array.isArray(declared) ? declared : declared === undefined ? [] : [declared];
  return list
    .filter((type): type is string => typeof type === "string")
    .map((type) => type.replace(/^(?:schema:|https?:\/\/schema\.org\/|oa:|http:\/\/www\.w3\.org\/ns\/oa#)/, ""));
}

/** schema.org's context, by any of its addresses. */
const SCHEMA_ORG_CONTEXT = /^https?:\/\/schema\.org(?:\/|\/docs\/jsonldcontext\.jsonld?)?$/;

/** The context in force inside `node`: the one around it, with the node's own @context applied. */
function contextWithin(node: Json, outer: Context): Context {
  if (!("@context" in node)) return outer;
  const declared = node["@context"];
  const entries = Array.isArray(declared) ? declared : [declared];
  let schemaOrg = false;
  for (const entry of entries) {
    if (entry === null) continue;
    if (typeof entry === "string") {
      if (!SCHEMA_ORG_CONTEXT.test(entry)) {
        return {
          schemaOrg: false,
          problem: `@context names ${JSON.stringify(entry)}, which is not schema.org's: ClaimReview is read in schema.org's vocabulary, and no other context is fetched`,
        };
      }
      schemaOrg = true;
    } else if (!isObject(entry)) {
      return { schemaOrg: false, problem: "@context must be a URL, an object, or a list of them" };
    } else if (typeof entry["@vocab"] === "string" && SCHEMA_ORG_CONTEXT.test(entry["@vocab"])) {
      schemaOrg = true;
    }
  }
  // An inline context alone (claimgraph's oa: and cg: terms) adds to the one around it.
  return { schemaOrg: schemaOrg || outer.schemaOrg, problem: outer.problem };
}

/**
 * Adds the ClaimReviews at or under `node`: the node itself, the elements of an @graph or a DataFeed, or (nested
 * search) one inside another node. In a JSON document a node that is none of these is an error; an HTML page
 * carries other JSON-LD, which is passed over.
 */
function collect(node: unknown, pointer: string, script: number | null, outer: Context, slots: Slot[], html: boolean, depth = 0) {
  if (!isObject(node)) {
    if (depth === 0) slots.push({ kind: "broken", pointer, script, message: "Not a JSON-LD node: expected a JSON object" });
    return;
  }
  const context = contextWithin(node, outer);
  const types = typesOf(node);
  if (types.includes("ClaimReview")) {
    slots.push({ kind: "jsonld", node, pointer, script, context });
    return;
  }
  if (Array.isArray(node["@graph"])) {
    // A graph holds the page's other nodes too (WebPage, Organization): only its ClaimReviews are read.
    for (const [i, child] of node["@graph"].entries()) collect(child, at(pointer, "@graph", i), script, context, slots, true);
    return;
  }
  if (types.includes("DataFeed") || "dataFeedElement" in node) {
    const elements = node.dataFeedElement;
    const list = Array.isArray(elements) ? elements : elements === undefined ? [] : [elements];
    list.forEach((element, i) => {
      const here = Array.isArray(elements) ? at(pointer, "dataFeedElement", i) : at(pointer, "dataFeedElement");
      if (isObject(element) && (typesOf(element).includes("DataFeedItem") || "item" in element)) {
        const inner = contextWithin(element, context);
        const items = element.item;
        if (Array.isArray(items)) for (const [k, item] of items.entries()) collect(item, at(here, "item", k), script, inner, slots, html);
        else collect(items, at(here, "item"), script, inner, slots, html);
      } else {
        collect(element, here, script, context, slots, html);
      }
    });
    return;
  }
  const before = slots.length;
  if (depth < NESTED_SEARCH_DEPTH) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("@")) continue;
      const children = Array.isArray(value) ? value.map((child, i) => [child, at(pointer, key, i)] as const) : [[value, at(pointer, key)] as const];
      for (const [child, here] of children) if (isObject(child)) collect(child, here, script, context, slots, true, depth + 1);
    }
  }
  if (slots.length === before && depth === 0 && !html) {
    const declared = types.length ? `its @type is ${types.join(", ")}` : "it has no @type";
    slots.push({ kind: "broken", pointer, script, message: `Not a ClaimReview: ${declared}` });
  }
}

/** Google Fact Check Tools' claims:search: one item per review of each claim. */
function googleSlots(json: Json): Slot[] {
  const claims = "claims" in json ? json.claims : [json];
  if (!Array.isArray(claims)) return [{ kind: "broken", pointer: "/claims", script: null, message: "`claims` must be a list" }];
  const slots: Slot[] = [];
  claims.forEach((claim, i) => {
    const claimPointer = "claims" in json ? at("", "claims", i) : "";
    if (!isObject(claim)) {
      slots.push({ kind: "broken", pointer: claimPointer, script: null, message: "A claim must be a JSON object" });
      return;
    }
    const reviews = claim.claimReview;
    if (!Array.isArray(reviews) || reviews.length === 0) {
      slots.push({ kind: "broken", pointer: at(claimPointer, "claimReview"), script: null, message: "The claim has no claimReview" });
      return;
    }
    for (const [j, review] of reviews.entries()) slots.push({ kind: "google", claim, review, claimPointer, pointer: at(claimPointer, "claimReview", j) });
  });
  return slots;
}

// Reading one ClaimReview.

/** The names a term goes by: compact, prefixed, and as a full IRI. */
const TERM_NAMES = new Map<string, string[]>();
function names(term: string): string[] {
  let list = TERM_NAMES.get(term);
  if (!list) {
    if (term.startsWith("cg:")) list = [term, `https://claimgraph.dev/ns#${term.slice(3)}`];
    else if (term.startsWith("oa:")) {
      const local = term.slice(3);
      const compact = local === "hasSelector" ? "selector" : local;
      list = [compact, term, `http://www.w3.org/ns/oa#${local}`];
    } else list = [term, `schema:${term}`, `http://schema.org/${term}`, `https://schema.org/${term}`];
    TERM_NAMES.set(term, list);
  }
  return list;
}

/** A node's value for a term, and the key it was found under (for pointers). */
function property(node: Json, term: string): { value: unknown; key: string } | undefined {
  for (const key of names(term)) if (node[key] !== undefined && node[key] !== null) return { value: node[key], key };
  return undefined;
}

/** A value's elements: a list as it is, one value as a list of one. */
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
/** JSON-LD's value object, unwrapped. */
const plain = (value: unknown): unknown => (isObject(value) && "@value" in value ? value["@value"] : value);

class ItemReader {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** The review's url once read, so that an item with errors still names it. */
  reviewUrl: string | null = null;

  constructor(private readonly now: Date) {}

  error(pointer: string, message: string): undefined {
    this.errors.push({ pointer, message });
    return undefined;
  }

  warn(pointer: string, message: string) {
    this.warnings.push({ pointer, message });
  }

  /** The single value of a term: the first of a list (the others are noted and left). */
  single(node: Json, term: string, pointer: string): { value: unknown; pointer: string } | undefined {
    const found = property(node, term);
    if (!found) return undefined;
    const here = at(pointer, found.key);
    if (Array.isArray(found.value)) {
      if (found.value.length === 0) return undefined;
      if (found.value.length > 1) this.warn(here, `${found.value.length} values where one is expected; the first is read`);
      return { value: found.value[0], pointer: at(here, 0) };
    }
    return { value: found.value, pointer: here };
  }

  /** Text: trimmed, non-blank, at most `max` UTF-16 code units, storable. `exact` keeps it as it is (quotes). */
  text(node: Json, term: string, pointer: string, max: number, { exact = false } = {}): string | undefined {
    const found = this.single(node, term, pointer);
    if (!found) return undefined;
    return this.textValue(plain(found.value), found.pointer, term, max, { exact });
  }

  textValue(value: unknown, pointer: string, term: string, max: number, { exact = false } = {}): string | undefined {
    if (typeof value !== "string") return this.error(pointer, `${term} must be text, not ${describe(value)}`);
    const text = exact ? value : value.trim();
    if (!text.trim()) return this.error(pointer, `${term} is blank`);
    if (text.length > max) return this.error(pointer, `${term} is ${text.length} UTF-16 code units long; the limit is ${max}`);
    const unstorable = unstorableText(text);
    if (unstorable) return this.error(pointer, `${term} ${unstorable}`);
    return text;
  }

  /** An http(s) URL: text, or a node's @id. */
  url(value: unknown, pointer: string, term: string): string | undefined {
    const raw = isObject(value) && typeof value["@id"] === "string" ? value["@id"] : plain(value);
    if (typeof raw !== "string") return this.error(pointer, `${term} must be a URL, not ${describe(raw)}`);
    const url = raw.trim();
    if (!isHttpUrl(url)) return this.error(pointer, `${term} ${JSON.stringify(url.slice(0, 100))} is not an http(s) URL`);
    if (url.length > MAX_URL) return this.error(pointer, `${term} is ${url.length} characters long; the limit is ${MAX_URL}`);
    const unstorable = unstorableText(url);
    if (unstorable) return this.error(pointer, `${term} ${unstorable}`);
    return url;
  }

  /** A whole number: a JSON integer, or text of one. */
  integer(node: Json, term: string, pointer: string): number | null | undefined {
    const found = this.single(node, term, pointer);
    if (!found) return null;
    const value = plain(found.value);
    const number = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+(?:\.0+)?\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number)) {
      return this.error(found.pointer, `${term} must be a whole number, not ${describe(value)} (claimgraph stores ratings as integers)`);
    }
    if (Math.abs(number) > MAX_RATING) return this.error(found.pointer, `${term} ${number} is out of range (±${MAX_RATING})`);
    return number;
  }

  /** A date: YYYY, YYYY-MM, YYYY-MM-DD or a date-time (UTC when it names no zone), from the year 1000 to two days from now. */
  date(node: Json, term: string, pointer: string): { date: Date; precision: DatePrecision } | null | undefined {
    const found = this.single(node, term, pointer);
    if (!found) return null;
    const value = plain(found.value);
    const parsed = typeof value === "string" ? parseDate(value.trim()) : null;
    if (!parsed) return this.error(found.pointer, `${term} ${describe(value)} is not an ISO 8601 date or date-time`);
    const time = parsed.date.getTime();
    if (time < EARLIEST) return this.error(found.pointer, `${term} ${value} is before the year 1000`);
    if (time > this.now.getTime() + ALLOWED_CLOCK_SKEW_MS) return this.error(found.pointer, `${term} ${value} is in the future`);
    return parsed;
  }

  language(value: unknown, pointer: string, term: string): string | undefined {
    const candidates = isObject(value) ? [value.alternateName, value.name].map(plain) : [plain(value)];
    const tag = candidates.find((candidate): candidate is string => typeof candidate === "string" && BCP47.test(candidate.trim()));
    if (!tag) return this.error(pointer, `${term} ${describe(candidates[0])} is not a BCP 47 language tag, e.g. "en"`);
    return tag.trim();
  }

  /** A person or organisation: a node with a name (its @type gives the kind), or a name alone. */
  source(value: unknown, pointer: string, role: string, { withAffiliation = false } = {}): SourceDescription | undefined {
    if (typeof value === "string") {
      const name = this.textValue(value, pointer, role, MAX_NAME);
      return name === undefined ? undefined : { pointer, name, kind: null, urls: [], role: null, affiliation: null };
    }
    if (!isObject(value)) return this.error(pointer, `${role} must be a Person or Organization node, not ${describe(value)}`);
    const name = this.text(value, "name", pointer, MAX_NAME);
    if (name === undefined) {
      if (!property(value, "name")) this.error(pointer, `${role} has no name`);
      return undefined;
    }
    const kind = kindOf(typesOf(value));
    const urls: string[] = [];
    for (const term of ["sameAs", "url"]) {
      const found = property(value, term);
      if (!found) continue;
      listOf(found.value).forEach((entry, i) => {
        const here = Array.isArray(found.value) ? at(pointer, found.key, i) : at(pointer, found.key);
        const raw = isObject(entry) && typeof entry["@id"] === "string" ? entry["@id"] : plain(entry);
        if (typeof raw === "string" && isHttpUrl(raw.trim()) && raw.length <= MAX_URL && !unstorableText(raw)) {
          if (!urls.includes(raw.trim())) urls.push(raw.trim());
        } else {
          // Only used to recognise the source: a bad one is left out, not fatal.
          this.warn(here, `${term} ${describe(raw)} is not an http(s) URL; left out`);
        }
      });
    }
    let jobTitle: string | null = null;
    const title = this.single(value, "jobTitle", pointer);
    if (title && kind === SourceKind.PERSON) {
      const words = isObject(title.value) ? (property(title.value, "name")?.value ?? title.value) : title.value;
      jobTitle = this.textValue(plain(words), title.pointer, "jobTitle", MAX_NAME) ?? null;
    }
    let affiliation: SourceDescription | null = null;
    const affiliated = withAffiliation ? this.single(value, "affiliation", pointer) : undefined;
    if (affiliated) affiliation = this.source(affiliated.value, affiliated.pointer, "affiliation") ?? null;
    return { pointer, name, kind, urls, role: jobTitle, affiliation };
  }

  appearance(value: unknown, pointer: string): AppearanceDescription | undefined {
    if (typeof value === "string") {
      const url = this.url(value, pointer, "appearance");
      return url === undefined ? undefined : { pointer, url, articleId: null, quote: null, position: null, utf16: null, kind: null };
    }
    if (!isObject(value)) return this.error(pointer, `appearance must be a CreativeWork node or a URL, not ${describe(value)}`);
    let url: string | null = null;
    const page =
      this.single(value, "url", pointer) ??
      (typeof value["@id"] === "string" && !value["@id"].startsWith("_:") ? { value: value["@id"], pointer: at(pointer, "@id") } : undefined);
    if (page) {
      url = this.url(page.value, page.pointer, "url") ?? null;
      if (url === null) return undefined;
    }
    let articleId: string | null = null;
    const article = this.single(value, "cg:article", pointer);
    if (article) {
      try {
        const decoded = typeof article.value === "string" ? fromGlobalId(article.value, "cg:article") : null;
        if (decoded?.type === "Article") articleId = decoded.id;
        else this.warn(article.pointer, "cg:article is not a claimgraph article id; left out");
      } catch {
        this.warn(article.pointer, "cg:article is not a claimgraph article id; left out");
      }
    }
    let quote: QuoteSelector | null = null;
    let position: { start: number; end: number } | null = null;
    let utf16: { start: number; end: number } | null = null;
    const selectors = property(value, "oa:hasSelector");
    for (const [i, selector] of (selectors ? listOf(selectors.value) : []).entries()) {
      {
        const here = Array.isArray(selectors!.value) ? at(pointer, selectors!.key, i) : at(pointer, selectors!.key);
        if (!isObject(selector)) {
          this.error(here, `selector must be a node, not ${describe(selector)}`);
          continue;
        }
        const types = typesOf(selector);
        if (types.includes("TextQuoteSelector")) {
          const exact = this.text(selector, "oa:exact", here, MAX_QUOTE_LENGTH, { exact: true });
          if (exact === undefined) {
            if (!property(selector, "oa:exact")) this.error(here, "TextQuoteSelector has no exact");
            continue;
          }
          const context = (term: string) => {
            const found = this.single(selector, term, here);
            const words = found ? plain(found.value) : null;
            if (found && typeof words !== "string") this.error(found.pointer, `${term.slice(3)} must be text`);
            return typeof words === "string" && words !== "" ? words : null;
          };
          quote = { exact, prefix: context("oa:prefix"), suffix: context("oa:suffix") };
        } else if (types.includes("TextPositionSelector")) {
          const start = this.integer(selector, "oa:start", here);
          const end = this.integer(selector, "oa:end", here);
          if (start == null || end == null || start < 0 || end <= start) {
            if (start !== undefined && end !== undefined) this.error(here, "TextPositionSelector needs 0 ≤ start < end");
            continue;
          }
          position = { start, end };
          const from = this.integer(selector, "cg:utf16Start", here);
          const to = this.integer(selector, "cg:utf16End", here);
          if (from != null && to != null && from >= 0 && to > from) utf16 = { start: from, end: to };
        } else {
          this.warn(here, `A selector of type ${types.join(", ") || "(none)"} is not read; TextQuoteSelector and TextPositionSelector are`);
        }
      }
    }
    let kind: AppearanceKind | null = null;
    const kindValue = this.single(value, "cg:kind", pointer);
    if (kindValue) {
      const given = plain(kindValue.value);
      if (typeof given === "string" && given in AppearanceKind) kind = given as AppearanceKind;
      else this.warn(kindValue.pointer, `cg:kind ${describe(given)} is not an appearance kind; left out`);
    }
    if (url === null && articleId === null && quote === null) {
      this.warn(pointer, "The appearance names no page (url), article or words; left out");
      return undefined;
    }
    return { pointer, url, articleId, quote, position, utf16, kind };
  }
}

class Reader {
  constructor(private readonly now: Date) {}

  item(slot: Slot, index: number): ImportItem {
    const script = slot.kind === "google" ? null : slot.script;
    const base = { index, script, pointer: slot.pointer };
    if (slot.kind === "broken") return { ...base, url: null, review: null, errors: [{ pointer: slot.pointer, message: slot.message }], warnings: [] };
    const read = new ItemReader(this.now);
    const review = slot.kind === "google" ? this.google(read, slot) : this.claimReview(read, slot);
    const url = review?.url ?? read.reviewUrl;
    if (read.errors.length || !review) return { ...base, url, review: null, errors: read.errors, warnings: read.warnings };
    return { ...base, url, review, errors: [], warnings: read.warnings };
  }

  private claimReview(read: ItemReader, slot: Extract<Slot, { kind: "jsonld" }>): ReviewDescription | undefined {
    const node = slot.node as Json;
    const p = slot.pointer;
    if (slot.context.problem) read.error(p, slot.context.problem);
    else if (!slot.context.schemaOrg) read.error(p, 'No @context: a JSON-LD ClaimReview needs "@context": "https://schema.org"');

    const urlFound = read.single(node, "url", p);
    const url = urlFound ? read.url(urlFound.value, urlFound.pointer, "url") : read.error(p, "url is missing: an imported review is known by its URL");
    read.reviewUrl = url ?? null;
    const headline = read.text(node, "headline", p, MAX_HEADLINE) ?? null;
    const datePublished = read.date(node, "datePublished", p);
    const languageFound = read.single(node, "inLanguage", p);
    const language = languageFound ? (read.language(languageFound.value, languageFound.pointer, "inLanguage") ?? null) : null;
    const status = this.status(read, node, p);
    let verdict: Verdict | null = null;
    const verdictFound = read.single(node, "cg:verdict", p);
    if (verdictFound) {
      const given = plain(verdictFound.value);
      if (typeof given === "string" && given in Verdict) verdict = given as Verdict;
      else read.error(verdictFound.pointer, `cg:verdict ${describe(given)} is not one of ${Object.keys(Verdict).join(", ")}`);
    }
    const rating = this.rating(read, node, p);
    const { reviewer, authors } = this.bylines(read, node, p);

    const claimText = read.text(node, "claimReviewed", p, MAX_TEXT);
    if (claimText === undefined && !property(node, "claimReviewed")) read.error(p, "claimReviewed is missing: the claim's words are needed");
    const item = read.single(node, "itemReviewed", p);
    let claimant: SourceDescription | null = null;
    let claimed: { date: Date; precision: DatePrecision } | null | undefined = null;
    const appearances: AppearanceDescription[] = [];
    if (item && !isObject(item.value)) read.error(item.pointer, `itemReviewed must be a Claim node, not ${describe(item.value)}`);
    else if (item) {
      const claim = item.value as Json;
      const authorFound = property(claim, "author");
      if (authorFound) {
        const all = listOf(authorFound.value);
        if (all.length > 1) read.warn(at(item.pointer, authorFound.key), `${all.length} claimants; the first is read`);
        const here = Array.isArray(authorFound.value) ? at(item.pointer, authorFound.key, 0) : at(item.pointer, authorFound.key);
        if (all.length) claimant = read.source(all[0], here, "The claimant", { withAffiliation: true }) ?? null;
        // claimgraph's own export names an unnamed claimant by this description: it is no source.
        if (claimant?.name === NO_CLAIMANT && claimant.urls.length === 0) claimant = null;
      }
      claimed = read.date(claim, "datePublished", item.pointer);
      const seen = new Set<string>();
      for (const term of ["appearance", "firstAppearance"]) {
        const found = property(claim, term);
        if (!found) continue;
        listOf(found.value).forEach((entry, i) => {
          const here = Array.isArray(found.value) ? at(item.pointer, found.key, i) : at(item.pointer, found.key);
          const appearance = read.appearance(entry, here);
          if (!appearance) return;
          const { pointer: _pointer, ...what } = appearance;
          const key = JSON.stringify(what);
          if (seen.has(key)) return;
          seen.add(key);
          appearances.push(appearance);
        });
      }
      if (appearances.length > MAX_APPEARANCES_PER_CLAIM) {
        read.warn(item.pointer, `${appearances.length} appearances; a claim holds ${MAX_APPEARANCES_PER_CLAIM}, the first of them are read`);
        appearances.length = MAX_APPEARANCES_PER_CLAIM;
      }
    }
    if (read.errors.length || !url || !rating || !reviewer || claimText === undefined || datePublished === undefined || claimed === undefined) return undefined;
    return {
      url,
      headline,
      datePublished: datePublished?.date ?? null,
      language,
      status,
      rating,
      verdict,
      reviewer,
      authors,
      claim: { text: claimText, claimant, claimedAt: claimed?.date ?? null, claimedAtPrecision: claimed?.precision ?? null, appearances },
    };
  }

  private status(read: ItemReader, node: Json, p: string): ReviewStatus | null {
    const found = read.single(node, "creativeWorkStatus", p);
    if (!found) return null;
    const words = plain(found.value);
    const status =
      typeof words === "string"
        ? WORK_STATUS[
            words
              .trim()
              .toLowerCase()
              .replace(/^https?:\/\/schema\.org\//, "")
          ]
        : undefined;
    if (!status) {
      read.error(found.pointer, `creativeWorkStatus ${describe(words)} is not one of Published, Retracted, Draft`);
      return null;
    }
    return status;
  }

  /** reviewRating: its words required; a value on its own scale (schema.org's default scale is 1 to 5). */
  private rating(read: ItemReader, node: Json, p: string): RatingDescription | undefined {
    const found = read.single(node, "reviewRating", p);
    if (!found) return read.error(p, "reviewRating is missing");
    if (!isObject(found.value)) return read.error(found.pointer, `reviewRating must be a Rating node, not ${describe(found.value)}`);
    const rating = found.value;
    const here = found.pointer;
    const alternateName = read.text(rating, "alternateName", here, MAX_NAME);
    if (alternateName === undefined && !property(rating, "alternateName")) read.error(here, "reviewRating has no alternateName, the verdict in words");
    const ratingExplanation = read.text(rating, "ratingExplanation", here, MAX_TEXT) ?? null;
    const ratingValue = read.integer(rating, "ratingValue", here);
    let bestRating = read.integer(rating, "bestRating", here);
    let worstRating = read.integer(rating, "worstRating", here);
    if (ratingValue === undefined || bestRating === undefined || worstRating === undefined || alternateName === undefined) return undefined;
    if (ratingValue !== null) {
      // schema.org: "If bestRating is omitted, 5 is assumed"; "If worstRating is omitted, 1 is assumed".
      bestRating ??= 5;
      worstRating ??= 1;
      const [low, high] = worstRating <= bestRating ? [worstRating, bestRating] : [bestRating, worstRating];
      if (low === high) return read.error(here, `bestRating and worstRating are both ${low}: a scale needs two ends`);
      if (ratingValue < low || ratingValue > high) {
        const key = property(rating, "ratingValue")!.key;
        return read.error(at(here, key), `ratingValue ${ratingValue} is outside its scale (${worstRating} to ${bestRating})`);
      }
    }
    return { ratingValue, bestRating, worstRating, alternateName, ratingExplanation };
  }

  /**
   * The fact-checking organisation and the people who wrote the review: the reviewer is the first author that is
   * not a Person (Google's profile has the organisation as author), else the publisher, else the first author; the
   * other authors, in order, are the byline.
   */
  private bylines(read: ItemReader, node: Json, p: string): { reviewer?: SourceDescription; authors: SourceDescription[] } {
    const found = property(node, "author");
    const authors: SourceDescription[] = [];
    if (found) {
      listOf(found.value).forEach((entry, i) => {
        const here = Array.isArray(found.value) ? at(p, found.key, i) : at(p, found.key);
        const source = read.source(entry, here, "author");
        if (source) authors.push(source);
      });
    }
    let reviewerAt = authors.findIndex((author) => author.kind !== SourceKind.PERSON && author.kind !== null);
    if (reviewerAt < 0) reviewerAt = authors.findIndex((author) => author.kind !== SourceKind.PERSON);
    let reviewer: SourceDescription | undefined;
    if (reviewerAt >= 0) reviewer = authors.splice(reviewerAt, 1)[0];
    else {
      const publisher = read.single(node, "publisher", p);
      if (publisher) reviewer = read.source(publisher.value, publisher.pointer, "publisher");
      else if (authors.length) reviewer = authors.shift();
      else if (!read.errors.length) read.error(p, "author is missing: a ClaimReview names the fact-checker that wrote it");
    }
    if (authors.length > MAX_REVIEW_AUTHORS) {
      read.warn(p, `${authors.length} authors; a review holds ${MAX_REVIEW_AUTHORS}, the first of them are read`);
      authors.length = MAX_REVIEW_AUTHORS;
    }
    return { reviewer, authors };
  }

  /** A review from Google Fact Check Tools: the claim's text, claimant and date, the review's publisher, url, title, date, rating and language. */
  private google(read: ItemReader, slot: Extract<Slot, { kind: "google" }>): ReviewDescription | undefined {
    const { claim, claimPointer, pointer: p } = slot;
    if (!isObject(slot.review)) return read.error(p, `A claimReview must be a JSON object, not ${describe(slot.review)}`);
    const review = slot.review;
    const text = read.text(claim, "text", claimPointer, MAX_TEXT);
    if (text === undefined && claim.text === undefined) read.error(at(claimPointer, "text"), "The claim's text is missing");
    let claimant: SourceDescription | null = null;
    if (claim.claimant !== undefined) claimant = read.source(claim.claimant, at(claimPointer, "claimant"), "claimant") ?? null;
    const claimed = read.date(claim, "claimDate", claimPointer);
    const url = review.url === undefined ? read.error(p, "url is missing: an imported review is known by its URL") : read.url(review.url, at(p, "url"), "url");
    read.reviewUrl = url ?? null;
    const headline = read.text(review, "title", p, MAX_HEADLINE) ?? null;
    const datePublished = read.date(review, "reviewDate", p);
    const language = review.languageCode === undefined ? null : (read.language(review.languageCode, at(p, "languageCode"), "languageCode") ?? null);
    const alternateName = read.text(review, "textualRating", p, MAX_NAME);
    if (alternateName === undefined && review.textualRating === undefined) read.error(p, "textualRating is missing");
    let reviewer: SourceDescription | undefined;
    if (!isObject(review.publisher)) read.error(at(p, "publisher"), "publisher is missing: a review names the fact-checker that wrote it");
    else {
      const publisher = review.publisher;
      const name = read.text(publisher, "name", at(p, "publisher"), MAX_NAME) ?? (typeof publisher.site === "string" ? publisher.site.trim() : undefined);
      const site = typeof publisher.site === "string" ? publisher.site.trim() : "";
      const home = /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(site) ? `https://${site.toLowerCase()}` : null;
      if (name) reviewer = { pointer: at(p, "publisher"), name, kind: SourceKind.ORGANIZATION, urls: home ? [home] : [], role: null, affiliation: null };
      else read.error(at(p, "publisher"), "The publisher has no name or site");
    }
    if (read.errors.length || !url || text === undefined || alternateName === undefined || !reviewer || datePublished === undefined || claimed === undefined) {
      return undefined;
    }
    return {
      url,
      headline,
      datePublished: datePublished?.date ?? null,
      language,
      status: null,
      rating: { ratingValue: null, bestRating: null, worstRating: null, alternateName, ratingExplanation: null },
      verdict: null,
      reviewer,
      authors: [],
      claim: { text, claimant, claimedAt: claimed?.date ?? null, claimedAtPrecision: claimed?.precision ?? null, appearances: [] },
    };
  }
}

const WORK_STATUS: Record<string, ReviewStatus> = {
  published: ReviewStatus.PUBLISHED,
  retracted: ReviewStatus.RETRACTED,
  draft: ReviewStatus.DRAFT,
};

/** The source kind a node's types say; null when none is known (the importer picks the role's default). */
function kindOf(types: string[]): SourceKind | null {
  if (types.includes("Person")) return SourceKind.PERSON;
  if (types.includes("GovernmentOrganization")) return SourceKind.GOVERNMENT_BODY;
  if (types.includes("NewsMediaOrganization")) return SourceKind.NEWS_OUTLET;
  if (types.some((type) => /Organization$|^Corporation$|^NGO$|^Project$/.test(type))) return SourceKind.ORGANIZATION;
  return null;
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return Boolean(new URL(text).host);
  } catch {
    return false;
  }
}

/** A value as an error message names it. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/i;

/** An ISO 8601 date as precise as it is written: 2025 (YEAR), 2025-06 (MONTH), 2025-06-04 (DAY), or a date-time (MINUTE). */
export function parseDate(text: string): { date: Date; precision: DatePrecision } | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [, year, month = "01", day = "01", hour, minute, second = "0", fraction = "0", zone] = match;
  const [y, mo, d] = [Number(year), Number(month), Number(day)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  let time = Date.UTC(y, mo - 1, d, Number(hour ?? 0), Number(minute ?? 0), Number(second), Math.round(Number(`0.${fraction}`) * 1000));
  const check = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps 0–99 to 1900–1999; the year 1000 floor excludes those anyway. February 30 rolls over: refuse it.
  if (check.getUTCDate() !== d || Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second) > 59) return null;
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const precision = hour !== undefined ? DatePrecision.MINUTE : match[3] ? DatePrecision.DAY : match[2] ? DatePrecision.MONTH : DatePrecision.YEAR;
  return { date: new Date(time), precision };
}
