// The API key for a server with READS_REQUIRE_KEY=true: asked for when the API refuses a read, kept in this tab's
// session storage only (gone when the tab closes; never in local storage or a cookie), sent as a Bearer token.

const STORAGE_KEY = "claimgraph.apiKey";

export function readKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the key lives as long as the page
  }
}

export function storeKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(STORAGE_KEY, key);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled
  }
}
