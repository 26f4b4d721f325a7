import { type FragmentType, getFragmentData, graphql } from "../gql";
import { count, enumLabel } from "../lib/format.ts";
import { Link, paths } from "../lib/router.tsx";
import { ReviewItem } from "./ReviewItem.tsx";

export const TrackRecordFragment = graphql(`
  fragment TrackRecord_source on Source {
    trackRecord {
      reviewedClaims
      falseShare
      verdicts {
        verdict
        count
      }
      periods {
        period
        reviewedClaims
      }
      reviews(first: 5, orderBy: { field: DATE_PUBLISHED, direction: DESC }) {
        totalCount
        edges {
          node {
            id
            claim {
              id
              text
            }
            ...ReviewItem_review
          }
        }
      }
    }
  }
`);

/** How a source's reviewed claims were judged: per verdict, per year, and the latest reviews behind the counts. */
export function TrackRecord(props: { source: FragmentType<typeof TrackRecordFragment> }) {
  const { trackRecord: record } = getFragmentData(TrackRecordFragment, props.source);
  return (
    <section aria-labelledby="track-record-heading">
      <h2 id="track-record-heading">Track record</h2>
      {record.reviewedClaims === 0 ? (
        <p>None of this source's claims has a published fact-check yet.</p>
      ) : (
        <>
          <p>
            {count(record.reviewedClaims, "reviewed claim")}
            {record.falseShare !== null ? `; ${Math.round(record.falseShare * 100)}% judged false or mostly false` : ""}.
          </p>
          <table className="verdicts">
            <caption className="visually-hidden">Reviewed claims by verdict</caption>
            <thead>
              <tr>
                <th scope="col">Verdict</th>
                <th scope="col">Claims</th>
              </tr>
            </thead>
            <tbody>
              {record.verdicts.map((each) => (
                <tr key={each.verdict}>
                  <td>{enumLabel(each.verdict)}</td>
                  <td>{each.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="meta">By year: {record.periods.map((slice) => `${slice.period ?? "undated"} (${slice.reviewedClaims})`).join(", ")}</p>
          <h3>Latest reviews</h3>
          <ul className="plain">
            {record.reviews.edges.map(({ node }) => (
              <li key={node.id}>
                {node.claim ? <Link href={paths.claim(node.claim.id)}>{node.claim.text}</Link> : null}
                <ul className="plain">
                  <ReviewItem review={node} />
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
