import { useId } from 'react';
import { MAX_RATING, ratingChoiceLabel } from './ratingWords';

const CHOICES = Array.from({ length: MAX_RATING + 1 }, (_, i) => i);

/**
 * The form's rating: a radio group named "Rating" of five stars and "No rating". Native radios
 * sharing a name, so the arrow keys move and choose as in any radio group; each star shows lit
 * up to the chosen one.
 */
export function RatingInput({ value, error, onChange }: { value: string; error: string | undefined; onChange: (value: string) => void }) {
  const id = useId();
  const chosen = Number(value);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <span id={`${id}-label`} className="field-label">
        Rating
      </span>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className="rating-input"
      >
        {CHOICES.map((rating) => (
          <label key={rating} className={`rating-choice${rating === 0 ? ' none' : ''}${rating > 0 && rating <= chosen ? ' lit' : ''}`}>
            <input
              type="radio"
              name={`${id}-rating`}
              value={rating}
              checked={value !== '' && chosen === rating}
              onChange={() => onChange(String(rating))}
            />
            {rating === 0 ? (
              <span>{ratingChoiceLabel(rating)}</span>
            ) : (
              <>
                <span aria-hidden="true">★</span>
                <span className="visually-hidden">{ratingChoiceLabel(rating)}</span>
              </>
            )}
          </label>
        ))}
      </div>
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
