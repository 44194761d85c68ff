import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { downscalePhoto, type DownscaledPhoto } from '../app/photo';
import type { PhotoInput } from '../data/visitors';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';

/** How often to ask again for a teammate's photo that is not on the server yet (or while offline). */
const RETRY_MS = 15_000;

export interface CardPhoto {
  /** The photo to show and read: the one just chosen, else the stored one. Null: none (yet). */
  image: Blob | null;
  /** The visitor has a photo that this device does not have yet. */
  missing: boolean;
  preparing: boolean;
  error: unknown;
  choose(file: File): void;
  remove(): void;
  /** What Save passes to create/update, once a chosen photo is ready. */
  saveOptions(): Promise<{ photo?: PhotoInput | null }>;
}

type Choice = { kind: 'stored' } | { kind: 'removed' } | { kind: 'chosen'; photo: DownscaledPhoto; blob: Blob };

/**
 * The form's card photo. A chosen photo is downscaled at once and kept in form state; it is
 * stored with the visitor's Save, in the same transaction. `storedHash` is the visitor's photo
 * as stored now (it may change under the form, when a teammate's edit arrives).
 */
export function useCardPhoto(storedHash: string | null): CardPhoto {
  const [choice, setChoiceState] = useState<Choice>({ kind: 'stored' });
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Save may come while a photo is still being prepared: it waits for it and reads the latest choice.
  const latest = useRef<Choice>(choice);
  const pending = useRef<Promise<unknown>>(Promise.resolve());
  const picks = useRef(0);
  const hash = choice.kind === 'stored' ? storedHash : null;
  const stored = useLive((q) => (hash ? q.photo(hash) : null), [hash]);
  useDownloadWhenMissing(hash, stored === null);

  const storedBlob = useMemo(() => (stored ? new Blob([stored.bytes], { type: stored.type }) : null), [stored]);

  const setChoice = useCallback((next: Choice) => {
    latest.current = next;
    setChoiceState(next);
  }, []);

  const choose = useCallback(
    (file: File) => {
      const pick = ++picks.current;
      setPreparing(true);
      setError(null);
      const job = downscalePhoto(file).then(
        (photo) => pick === picks.current && setChoice({ kind: 'chosen', photo, blob: new Blob([photo.bytes], { type: photo.type }) }),
        (failure: unknown) => pick === picks.current && setError(failure),
      );
      pending.current = job.finally(() => pick === picks.current && setPreparing(false));
    },
    [setChoice],
  );

  const remove = useCallback(() => {
    picks.current += 1;
    setPreparing(false);
    setError(null);
    setChoice({ kind: 'removed' });
  }, [setChoice]);

  const saveOptions = useCallback(async (): Promise<{ photo?: PhotoInput | null }> => {
    await pending.current;
    const current = latest.current;
    if (current.kind === 'chosen') return { photo: { bytes: current.photo.bytes, type: current.photo.type } };
    return current.kind === 'removed' && storedHash ? { photo: null } : {};
  }, [storedHash]);

  return {
    image: choice.kind === 'chosen' ? choice.blob : storedBlob,
    missing: hash !== null && stored === null,
    preparing,
    error,
    choose,
    remove,
    saveOptions,
  };
}

/** Fetches the visitor's photo from the server while this device lacks it, again now and then. */
function useDownloadWhenMissing(hash: string | null, missing: boolean): void {
  const { photos } = useOutpost();
  useEffect(() => {
    if (!hash || !missing) return undefined;
    const ask = () => void photos.ensure(hash).catch(() => false);
    ask();
    const timer = window.setInterval(ask, RETRY_MS);
    window.addEventListener('online', ask);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', ask);
    };
  }, [photos, hash, missing]);
}
