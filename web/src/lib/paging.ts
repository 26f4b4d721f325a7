/** Connection arguments for a page: backward from `before`, else forward from `after` (or the start). */
export function pageArguments(size: number, after: string | null, before: string | null) {
  return before ? { last: size, before } : { first: size, after };
}

/** The URL of this page with `params` set (and the other paging ones removed). */
export function withParams(url: URL, params: Record<string, string | null | undefined>): string {
  const next = new URL(url);
  for (const name of ["after", "before"]) next.searchParams.delete(name);
  for (const [name, value] of Object.entries(params)) if (value) next.searchParams.set(name, value);
  return `${next.pathname}${next.search}`;
}
