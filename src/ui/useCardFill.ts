import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { CardReading } from '../core/capture/cardText';
import { fillFromCard, unmark, type FromCard } from './cardFill';
import type { VisitorFormValues } from './visitorFormValues';

/**
 * Applies card readings to the form and remembers which fields came from the card, until the
 * person edits them. A reading fills what is empty when it arrives, not when it was started: the
 * person may type while the card is read.
 */
export function useCardFill(values: VisitorFormValues, setValues: Dispatch<SetStateAction<VisitorFormValues>>) {
  const [fromCard, setFromCard] = useState<FromCard>({});
  const latest = useRef(values);
  useEffect(() => {
    latest.current = values;
  }, [values]);

  const apply = useCallback(
    (reading: CardReading): number => {
      const { values: next, filled } = fillFromCard(latest.current, reading);
      latest.current = next;
      setValues(next);
      setFromCard((marks) => ({ ...marks, ...Object.fromEntries(filled.map((field) => [field, true])) }));
      return filled.length;
    },
    [setValues],
  );

  const edited = useCallback((field: keyof VisitorFormValues) => setFromCard((marks) => unmark(marks, field)), []);

  return { fromCard, apply, edited };
}
