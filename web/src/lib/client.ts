import { Client, cacheExchange, fetchExchange } from "urql";

import { readKey } from "./apiKey.ts";

/**
 * urql over the API on this origin: its document cache (a page seen before is shown again without a request)
 * and fetch. Queries short enough go as GET (urql's default), so the server's HTTP caching applies to them.
 */
export function createClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => {
      const key = readKey();
      return key ? { headers: { authorization: `Bearer ${key}` } } : {};
    },
  });
}
