import { LIMITS, clip, multiLine } from './clean';
import type { ContactFields } from './contact';
import { readMecard } from './mecard';
import { unwrapContact } from './unwrap';
import { readVcard } from './vcard';

export type { ContactFields } from './contact';

export interface BadgeReading {
  /** Fields read from a contact code (vCard, MECARD); empty for a code that is not a contact. */
  fields: ContactFields;
  /** What goes into Notes: a URL, a registration id, other vCard lines worth keeping (e.g. a second phone or email, a URL, an address) — '' when nothing. */
  notes: string;
  /** What the code was: 'vcard' | 'mecard' | 'url' | 'text'. */
  kind: 'vcard' | 'mecard' | 'url' | 'text';
}

/** Longer is not a badge: a QR code holds at most about 7,000 characters. */
const MAX_INPUT = 64_000;
/** Notes from a code that is not a contact: a registration id or a short text, not a document. */
const MAX_TEXT_NOTES = 2_000;
const WEB_ADDRESS = /^https?:\/\/\S+$/i;

/** Reads whatever a badge's code held. Never throws. */
export function readBadge(text: string): BadgeReading {
  const raw = typeof text === 'string' ? text.slice(0, MAX_INPUT).replace(/^\uFEFF/, '').trim() : '';
  try {
    return readCode(raw);
  } catch {
    // The readers are written not to throw; this keeps the promise to the UI if one ever does.
    return asText(raw);
  }
}

function readCode(raw: string): BadgeReading {
  const code = unwrapContact(raw).trim();
  if (/^BEGIN:VCARD/i.test(code)) return { kind: 'vcard', ...readVcard(code) };
  if (/^MECARD:/i.test(code)) return { kind: 'mecard', ...readMecard(code) };
  if (WEB_ADDRESS.test(raw)) return { kind: 'url', fields: {}, notes: clip(raw, LIMITS.notes) };
  return asText(raw);
}

function asText(raw: string): BadgeReading {
  return { kind: 'text', fields: {}, notes: clip(multiLine(raw), MAX_TEXT_NOTES) };
}
