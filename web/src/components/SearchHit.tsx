import type { ReactNode } from "react";

import { type FragmentType, getFragmentData, graphql } from "../gql";
import { enumLabel, formatDate } from "../lib/format.ts";
import { Link, paths } from "../lib/router.tsx";

export const SearchHitFragment = graphql(`
  fragment SearchHit_edge on SearchEdge {
    score
    snippet {
      field
      text
      highlights {
        start
        end
      }
    }
    node {
      __typename
      ... on Article {
        id
        slug
        title
        publishedAt
      }
      ... on Claim {
        id
        text
        claimantDescription
        claimant {
          name
        }
      }
      ... on Source {
        id
        slug
        name
        kind
        role
      }
    }
  }
`);

/** `text` with the given ranges marked. */
export function highlight(text: string, ranges: readonly { start: number; end: number }[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at || end <= start) continue;
    out.push(text.slice(at, start), <mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  out.push(text.slice(at));
  return out;
}

/** One search result: what it is, a link to it, and the snippet where the words matched, highlighted. */
export function SearchHit(props: { edge: FragmentType<typeof SearchHitFragment> }) {
  const { node, snippet } = getFragmentData(SearchHitFragment, props.edge);
  let kind: string;
  let title: ReactNode;
  let meta: string;
  switch (node.__typename) {
    case "Article":
      kind = "Article";
      title = <Link href={paths.article(node.slug)}>{node.title}</Link>;
      meta = node.publishedAt ? formatDate(node.publishedAt) : "";
      break;
    case "Claim":
      kind = "Claim";
      title = <Link href={paths.claim(node.id)}>{node.text}</Link>;
      meta = node.claimant?.name ?? node.claimantDescription ?? "";
      break;
    case "Source":
      kind = "Source";
      title = <Link href={paths.source(node.slug)}>{node.name}</Link>;
      meta = [enumLabel(node.kind), node.role].filter(Boolean).join(" · ");
      break;
    default:
      return null;
  }
  return (
    <li className="search-hit" data-type={kind}>
      <p className="search-hit-title">
        <span className="badge">{kind}</span> {title}
      </p>
      {meta ? <p className="meta">{meta}</p> : null}
      {snippet ? (
        <p className="snippet">
          <span className="visually-hidden">Matched in {snippet.field}: </span>
          {highlight(snippet.text, snippet.highlights)}
        </p>
      ) : null}
    </li>
  );
}
