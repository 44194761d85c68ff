import type { CardReading } from '../core/capture/cardText';
import type { VisitorFormValues } from './visitorFormValues';

/** The inputs card reading may fill, and so mark "From the card — check it". */
export const CARD_FIELDS = ['name', 'company', 'title', 'email', 'phone'] as const;
export type FromCardField = (typeof CARD_FIELDS)[number] | 'notes';
export type FromCard = Partial<Record<FromCardField, true>>;

export interface CardFill {
  values: VisitorFormValues;
  /** The fields this reading filled (or, for Notes, added to). */
  filled: FromCardField[];
}

/**
 * What the form holds after reading a card: only empty fields are filled, so nothing the person
 * typed is overwritten; web addresses are added to Notes (each once). A visitor with no other
 * capture method is now captured from a business card.
 */
export function fillFromCard(values: VisitorFormValues, reading: CardReading): CardFill {
  const next: VisitorFormValues = { ...values };
  const filled: FromCardField[] = [];
  for (const field of CARD_FIELDS) {
    const read = reading.fields[field]?.trim();
    if (read && values[field].trim() === '') {
      next[field] = read;
      filled.push(field);
    }
  }
  const urls = [...new Set(reading.urls.map((url) => url.trim()))].filter((url) => url && !values.notes.includes(url));
  if (urls.length) {
    next.notes = [values.notes.trimEnd(), ...urls].filter(Boolean).join('\n');
    filled.push('notes');
  }
  if (next.captureMethod === 'manual') next.captureMethod = 'business-card';
  return { values: next, filled };
}

/** The marks after the person edited `field`: theirs now, no longer "from the card". */
export function unmark(marks: FromCard, field: string): FromCard {
  if (!(field in marks)) return marks;
  const { [field as FromCardField]: _gone, ...rest } = marks;
  return rest;
}
