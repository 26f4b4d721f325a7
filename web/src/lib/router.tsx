import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from "react";

// A small router over the History API: the reader has five routes and needs no library for them. The server
// answers every one of these paths with the reader's page (src/http/reader.ts), so links can be shared.

export type Route =
  | { name: "home"; after: string | null; before: string | null }
  | { name: "article"; slug: string }
  | { name: "source"; slug: string; after: string | null; before: string | null }
  | { name: "claim"; id: string }
  | { name: "search"; query: string; after: string | null; before: string | null }
  | { name: "notFound" };

export function parseRoute(url: URL): Route {
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const param = (name: string) => url.searchParams.get(name) || null;
  if (parts.length === 0) return { name: "home", after: param("after"), before: param("before") };
  const [first, second] = parts;
  if (parts.length === 1 && first === "search")
    return { name: "search", query: url.searchParams.get("q") ?? "", after: param("after"), before: param("before") };
  if (parts.length === 2 && second) {
    if (first === "article") return { name: "article", slug: second };
    if (first === "source") return { name: "source", slug: second, after: param("after"), before: param("before") };
    if (first === "claim") return { name: "claim", id: second };
  }
  return { name: "notFound" };
}

export const paths = {
  home: () => "/",
  article: (slug: string) => `/article/${encodeURIComponent(slug)}`,
  source: (slug: string) => `/source/${encodeURIComponent(slug)}`,
  claim: (id: string) => `/claim/${encodeURIComponent(id)}`,
  search: (query: string) => `/search?${new URLSearchParams({ q: query })}`,
};

const NAVIGATED = "claimgraph:navigate";

/** Goes to `href` within the reader (a new history entry). */
export function navigate(href: string): void {
  history.pushState(null, "", href);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current URL; re-renders on navigation and on the browser's back and forward. */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(location.href));
    window.addEventListener("popstate", update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return url;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An ordinary link (open in a new tab, copy, middle-click all work) that navigates in place on a plain click. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
