import { type FragmentType, getFragmentData, graphql } from "../gql";
import { Link, paths } from "../lib/router.tsx";

export const SourceLinkFragment = graphql(`
  fragment SourceLink_source on Source {
    slug
    name
  }
`);

/** A source's name, linking to its page. */
export function SourceLink(props: { source: FragmentType<typeof SourceLinkFragment> }) {
  const source = getFragmentData(SourceLinkFragment, props.source);
  return <Link href={paths.source(source.slug)}>{source.name}</Link>;
}
