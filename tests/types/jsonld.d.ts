// The part of the `jsonld` package (9.x) the tests use; it ships no types, and
// @types/jsonld describes the 1.x API.
declare module "jsonld" {
  type Options = {
    /** Resolves remote contexts; the tests pass src/review/review.jsonld.ts's, which never fetches. */
    documentLoader?: (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
    base?: string | null;
    /** Fail on anything that would be dropped or left relative instead of carrying on. */
    safe?: boolean;
  };
  type JsonObject = { [key: string]: unknown };
  const jsonld: {
    expand(input: unknown, options?: Options): Promise<JsonObject[]>;
    compact(input: unknown, context: unknown, options?: Options): Promise<JsonObject>;
  };
  export default jsonld;
}
