import { type FragmentType, getFragmentData, graphql } from "../gql";
import { formatDate } from "../lib/format.ts";
import { SourceLink } from "./SourceLink.tsx";
import { VerdictBadge } from "./Verdict.tsx";

export const ReviewItemFragment = graphql(`
  fragment ReviewItem_review on Review {
    id
    status
    verdict
    headline
    url
    datePublished
    rating {
      alternateName
      ratingValue
      bestRating
      worstRating
      ratingExplanation
    }
    reviewer {
      ...SourceLink_source
    }
  }
`);

/** A fact-check of a claim: verdict, the rating as published, who reviewed it and when, and a link to it. */
export function ReviewItem(props: { review: FragmentType<typeof ReviewItemFragment> }) {
  const review = getFragmentData(ReviewItemFragment, props.review);
  const { rating } = review;
  return (
    <li className="review">
      <p>
        <VerdictBadge verdict={review.verdict} /> rated “{rating.alternateName}”
        {rating.ratingValue !== null && rating.bestRating !== null ? ` (${rating.ratingValue} of ${rating.bestRating})` : ""}
        {review.reviewer ? (
          <>
            {" by "}
            <SourceLink source={review.reviewer} />
          </>
        ) : null}
        {review.datePublished ? `, ${formatDate(review.datePublished)}` : ""}
        {review.status === "RETRACTED" ? " (retracted)" : review.status === "DRAFT" ? " (draft)" : ""}
      </p>
      {review.headline ? <p className="review-headline">{review.url ? <a href={review.url}>{review.headline}</a> : review.headline}</p> : null}
      {rating.ratingExplanation ? <p className="meta">{rating.ratingExplanation}</p> : null}
    </li>
  );
}
