import { type FragmentType, getFragmentData, graphql } from "../gql";
import { count, formatDate } from "../lib/format.ts";
import { Link, paths } from "../lib/router.tsx";
import { SourceLink } from "./SourceLink.tsx";

export const ArticleTeaserFragment = graphql(`
  fragment ArticleTeaser_article on Article {
    slug
    title
    summary
    publishedAt
    publisher {
      ...SourceLink_source
    }
    appearances(first: 1) {
      totalCount
    }
  }
`);

/** An article in a list: title (linking to it), publisher, date, summary and how many claim spans it holds. */
export function ArticleTeaser(props: { article: FragmentType<typeof ArticleTeaserFragment> }) {
  const article = getFragmentData(ArticleTeaserFragment, props.article);
  return (
    <li className="teaser">
      <h2>
        <Link href={paths.article(article.slug)}>{article.title}</Link>
      </h2>
      <p className="meta">
        {article.publisher ? <SourceLink source={article.publisher} /> : null}
        {article.publisher && article.publishedAt ? " · " : ""}
        {article.publishedAt ? formatDate(article.publishedAt) : ""} · {count(article.appearances.totalCount, "claim span")}
      </p>
      {article.summary ? <p>{article.summary}</p> : null}
    </li>
  );
}
