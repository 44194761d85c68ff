import { MAX_RATING } from './ratingWords';

/** A rating shown as stars, read out as "Rating 4 of 5". Nothing for an unrated visitor. */
export function RatingStars({ rating }: { rating: number }) {
  if (rating <= 0) return null;
  return (
    <span role="img" aria-label={`Rating ${rating} of ${MAX_RATING}`} className="rating-stars">
      {'★'.repeat(rating)}
      <span className="rating-stars-off">{'★'.repeat(Math.max(0, MAX_RATING - rating))}</span>
    </span>
  );
}
