import { useState } from 'react';
import { CardReaderUnavailableError, cardReader } from '../app/ocr';
import type { CardReading } from '../core/capture/cardText';
import { CARD_WORDS } from './cardWords';

type Reading =
  | { state: 'idle' }
  | { state: 'reading'; progress: number }
  | { state: 'read'; message: string }
  | { state: 'failed'; message: string };

interface ReadCardProps {
  /** The photo to read; null: nothing to read yet. */
  image: Blob | null;
  /** Applies a reading to the form; returns how many fields it filled. */
  onRead: (reading: CardReading) => number;
}

/** "Read card": reads the photo on this device and fills the fields that are still empty. */
export function ReadCardButton({ image, onRead }: ReadCardProps) {
  const [reading, setReading] = useState<Reading>({ state: 'idle' });
  const busy = reading.state === 'reading';

  async function read() {
    if (!image) return;
    setReading({ state: 'reading', progress: 0 });
    try {
      const result = await cardReader.read(image, (progress) => setReading({ state: 'reading', progress }));
      setReading({ state: 'read', message: outcome(result, onRead(result)) });
    } catch (error) {
      if (!(error instanceof CardReaderUnavailableError)) console.error('Reading the card failed', error);
      setReading({ state: 'failed', message: error instanceof CardReaderUnavailableError ? CARD_WORDS.readerUnavailable : CARD_WORDS.readFailed });
    }
  }

  return (
    <div className="read-card">
      <button type="button" onClick={read} disabled={!image || busy}>
        Read card
      </button>
      {reading.state === 'reading' && <progress aria-label="Reading card" max={1} value={reading.progress} />}
      {reading.state === 'read' && <p role="status">{reading.message}</p>}
      {reading.state === 'failed' && (
        <p role="alert" className="error">
          {reading.message}
        </p>
      )}
    </div>
  );
}

function outcome(reading: CardReading, filled: number): string {
  const found = Object.values(reading.fields).some((value) => value?.trim()) || reading.urls.length > 0;
  if (!found) return CARD_WORDS.nothingRead;
  return filled > 0 ? CARD_WORDS.filledSome(filled) : CARD_WORDS.filledNone;
}
