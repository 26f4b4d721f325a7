import { type FormEvent, useEffect, useRef } from "react";

import { ArticlePage } from "./pages/ArticlePage.tsx";
import { ClaimPage } from "./pages/ClaimPage.tsx";
import { HomePage } from "./pages/HomePage.tsx";
import { SearchPage } from "./pages/SearchPage.tsx";
import { SourcePage } from "./pages/SourcePage.tsx";
import { Link, navigate, parseRoute, paths, type Route, useLocation } from "./lib/router.tsx";
import { useApiKey } from "./lib/session.tsx";

function Page({ route, url }: { route: Route; url: URL }) {
  switch (route.name) {
    case "home":
      return <HomePage after={route.after} before={route.before} url={url} />;
    case "article":
      return <ArticlePage slug={route.slug} />;
    case "source":
      return <SourcePage slug={route.slug} after={route.after} before={route.before} url={url} />;
    case "claim":
      return <ClaimPage id={route.id} />;
    case "search":
      return <SearchPage query={route.query} after={route.after} before={route.before} url={url} />;
    default:
      return (
        <>
          <h1>Not found</h1>
          <p>
            There is no page here. <Link href={paths.home()}>See the articles</Link>.
          </p>
        </>
      );
  }
}

function SearchForm({ initial }: { initial: string }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = new FormData(event.currentTarget).get("q");
    if (typeof query === "string" && query.trim()) navigate(paths.search(query.trim()));
  };
  return (
    <search className="search-form">
      <form action="/search" method="get" onSubmit={submit}>
        <label htmlFor="search-input" className="visually-hidden">
          Search claims, articles and sources
        </label>
        <input id="search-input" name="q" type="search" defaultValue={initial} placeholder="Search claims, articles, sources" autoComplete="off" />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}

export function App() {
  const url = useLocation();
  const route = parseRoute(url);
  const { key, setKey } = useApiKey();
  const main = useRef<HTMLElement>(null);
  const firstView = useRef(true);

  // After a navigation within the reader, focus goes to the new content (as after a page load) and the view to its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: it runs on each new URL, which it does not otherwise read.
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [url.href]);

  const query = route.name === "search" ? route.query : "";
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href={paths.home()} className="brand">
          claimgraph <span>reader</span>
        </Link>
        <SearchForm key={query} initial={query} />
        {key ? (
          <button type="button" className="link-button" onClick={() => setKey(null)}>
            Forget API key
          </button>
        ) : null}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page key={url.pathname + url.search} route={route} url={url} />
      </main>
      <footer className="site-footer">
        <p>
          Read from this server's GraphQL API (<a href="/graphql">open it in the explorer</a>).
        </p>
      </footer>
    </>
  );
}
