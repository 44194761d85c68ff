export const MAX_RATING = 5;

/** What a person hears for each choice of the form's rating: "No rating", "1 star", "2 stars"… */
export function ratingChoiceLabel(rating: number): string {
  if (rating === 0) return 'No rating';
  return rating === 1 ? '1 star' : `${rating} stars`;
}
