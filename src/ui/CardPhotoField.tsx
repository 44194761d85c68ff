import { useId, type ChangeEvent } from 'react';
import type { CardPhoto } from './useCardPhoto';
import { CardPhotoThumbnail } from './CardPhotoThumbnail';
import { CARD_WORDS } from './cardWords';

/** Take (or choose) the business card's photo, see it, and take it off again. `error`: why Save refused it. */
export function CardPhotoField({ photo, error }: { photo: CardPhoto; error?: string | undefined }) {
  const id = useId();

  function picked(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared, so that picking the same file again (after Remove photo) is a change too.
    event.target.value = '';
    if (file) photo.choose(file);
  }

  return (
    <div className="field card-photo">
      <label htmlFor={id}>Business card photo</label>
      <input id={id} type="file" accept="image/*" capture="environment" onChange={picked} />
      {photo.preparing && <p role="status">{CARD_WORDS.preparing}</p>}
      {photo.image && <CardPhotoThumbnail image={photo.image} />}
      {photo.missing && <p className="muted">{CARD_WORDS.notDownloaded}</p>}
      {(photo.image || photo.missing) && (
        <button type="button" onClick={photo.remove}>
          Remove photo
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {photo.error !== null && (
        <p role="alert" className="error">
          {CARD_WORDS.photoUnreadable}
        </p>
      )}
    </div>
  );
}
