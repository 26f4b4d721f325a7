import { type FragmentType, getFragmentData, graphql } from "../gql";
import { count } from "../lib/format.ts";
import { Link, paths } from "../lib/router.tsx";
import { SourceLink } from "./SourceLink.tsx";

export const OutletsFragment = graphql(`
  fragment Outlets_claim on Claim {
    id
    reportedBy {
      id
      ...SourceLink_source
    }
    channel {
      id
      ...SourceLink_source
    }
    appearances {
      id
      article {
        id
        slug
        title
        publisher {
          id
          ...SourceLink_source
        }
      }
    }
  }
`);

type Tally<T> = Map<string, { item: T; claims: Set<string> }>;

function tally<T>(into: Tally<T>, id: string, item: T, claim: string) {
  const entry = into.get(id) ?? into.set(id, { item, claims: new Set() }).get(id)!;
  entry.claims.add(claim);
}

/** Who carried a list of claims: the outlets that reported them or published the articles they are in, and through which channels. */
export function Outlets(props: { claims: readonly FragmentType<typeof OutletsFragment>[] }) {
  const claims = props.claims.map((claim) => getFragmentData(OutletsFragment, claim));
  type SourceRef = NonNullable<(typeof claims)[number]["reportedBy"]>;
  type ArticleRef = NonNullable<(typeof claims)[number]["appearances"][number]["article"]>;
  const outlets: Tally<SourceRef> = new Map();
  const channels: Tally<SourceRef> = new Map();
  const articles: Tally<ArticleRef> = new Map();
  for (const claim of claims) {
    if (claim.reportedBy) tally(outlets, claim.reportedBy.id, claim.reportedBy, claim.id);
    if (claim.channel) tally(channels, claim.channel.id, claim.channel, claim.id);
    for (const { article } of claim.appearances) {
      if (!article) continue;
      tally(articles, article.id, article, claim.id);
      if (article.publisher) tally(outlets, article.publisher.id, article.publisher, claim.id);
    }
  }
  const list = <T extends { id: string }>(entries: Tally<T>, show: (item: T) => React.ReactNode) => (
    <ul className="plain">
      {[...entries.values()]
        .sort((a, b) => b.claims.size - a.claims.size)
        .map(({ item, claims }) => (
          <li key={item.id}>
            {show(item)} <span className="meta">({count(claims.size, "claim")})</span>
          </li>
        ))}
    </ul>
  );
  return (
    <section aria-labelledby="outlets-heading">
      <h2 id="outlets-heading">Who reported them</h2>
      <h3>Outlets</h3>
      {outlets.size ? list(outlets, (source) => <SourceLink source={source} />) : <p>No outlet is named as reporting or publishing these claims.</p>}
      {channels.size ? (
        <>
          <h3>Channels</h3>
          {list(channels, (source) => (
            <SourceLink source={source} />
          ))}
        </>
      ) : null}
      <h3>Articles</h3>
      {articles.size ? list(articles, (article) => <Link href={paths.article(article.slug)}>{article.title}</Link>) : <p>None.</p>}
    </section>
  );
}
