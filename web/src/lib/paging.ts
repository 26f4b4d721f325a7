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

type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };

/**
 * The previous and next pages' URLs for a page of a connection read with pageArguments. A connection read forward
 * may leave hasPreviousPage false (Relay's rule), and one read backward hasNextPage: the cursor the page was asked
 * with says that a page lies on that side.
 */
export function pageLinks(url: URL, pageInfo: PageInfo, after: string | null, before: string | null) {
  const hasPrevious = before ? pageInfo.hasPreviousPage : after !== null || pageInfo.hasPreviousPage;
  const hasNext = before ? true : pageInfo.hasNextPage;
  return {
    previous: hasPrevious && pageInfo.startCursor ? { href: withParams(url, { before: pageInfo.startCursor }) } : null,
    next: hasNext && pageInfo.endCursor ? { href: withParams(url, { after: pageInfo.endCursor }) } : null,
  };
}
