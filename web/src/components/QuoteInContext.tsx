import { type FragmentType, getFragmentData, graphql } from "../gql";
import { enumLabel, formatDate } from "../lib/format.ts";
import { Link, paths } from "../lib/router.tsx";
import { SourceLink } from "./SourceLink.tsx";

export const QuoteInContextFragment = graphql(`
  fragment QuoteInContext_appearance on Appearance {
    id
    kind
    status
    quote
    start
    end
    url
    article {
      slug
      title
      publishedAt
      body
      publisher {
        ...SourceLink_source
      }
    }
  }
`);

/** About this many characters of the article on either side of the quote. */
const CONTEXT = 220;

/** Cuts `body` around [start, end) at word boundaries, about CONTEXT characters either side. */
export function contextOf(body: string, start: number, end: number) {
  let from = Math.max(0, start - CONTEXT);
  let to = Math.min(body.length, end + CONTEXT);
  if (from > 0) from = Math.min(start, body.indexOf(" ", from) + 1 || start);
  if (to < body.length) to = Math.max(end, body.lastIndexOf(" ", to));
  return {
    before: `${from > 0 ? "…" : ""}${body.slice(from, start).trimStart()}`,
    quote: body.slice(start, end),
    after: `${body.slice(end, to).trimEnd()}${to < body.length ? "…" : ""}`,
  };
}

/** Where a claim appears: the article, and the quote marked within the text around it. */
export function QuoteInContext(props: { appearance: FragmentType<typeof QuoteInContextFragment> }) {
  const appearance = getFragmentData(QuoteInContextFragment, props.appearance);
  const { article } = appearance;
  const anchored = appearance.status === "ANCHORED" && article && appearance.start !== null && appearance.end !== null;
  const context = anchored ? contextOf(article.body, appearance.start!, appearance.end!) : null;
  return (
    <li className="appearance" data-appearance={appearance.id}>
      <p className="meta">
        {article ? (
          <Link href={paths.article(article.slug)}>{article.title}</Link>
        ) : appearance.url ? (
          <a href={appearance.url}>{appearance.url}</a>
        ) : (
          "An unknown page"
        )}
        {article?.publisher ? (
          <>
            {" · "}
            <SourceLink source={article.publisher} />
          </>
        ) : null}
        {article?.publishedAt ? ` · ${formatDate(article.publishedAt)}` : ""} · {enumLabel(appearance.kind).toLowerCase()}
        {appearance.status === "STALE" ? " · no longer found in the article's current text" : ""}
      </p>
      {context ? (
        <blockquote className="context">
          {context.before}
          <mark className="quote">{context.quote}</mark>
          {context.after}
        </blockquote>
      ) : appearance.quote ? (
        <blockquote className="context">
          <mark className="quote">{appearance.quote}</mark>
        </blockquote>
      ) : null}
    </li>
  );
}
