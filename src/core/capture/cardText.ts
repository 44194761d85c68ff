import { cardLines, type OcrLine } from './cardLines';
import { readLayout, type Piece } from './cardLayout';
import { type CardPhone, findContacts } from './cardPatterns';
import { type ContactFields, contactFields } from './contact';
import { clip } from './clean';

export type { OcrLine } from './cardLines';

export interface CardReading {
  fields: ContactFields;
  /** URLs found (website), to go into Notes. */
  urls: string[];
}

const MAX_URLS = 10;
const MAX_URL_LENGTH = 500;

/** Reads a business card's OCR lines: emails, phones and URLs by pattern; name, title and company by layout. Never throws. */
export function readCard(lines: readonly OcrLine[]): CardReading {
  try {
    return read(lines);
  } catch {
    // The readers are written not to throw; this keeps the promise to the UI if one ever does.
    return { fields: {}, urls: [] };
  }
}

function read(lines: readonly OcrLine[]): CardReading {
  const emails: string[] = [];
  const phones: CardPhone[] = [];
  const urls: string[] = [];
  const pieces: Piece[] = [];
  for (const line of cardLines(lines)) {
    const found = findContacts(line.text);
    for (const email of found.emails) if (!emails.includes(email)) emails.push(email);
    for (const url of found.urls) if (!urls.includes(url)) urls.push(url);
    phones.push(...found.phones);
    pieces.push(...found.pieces.map((text) => ({ text, height: line.height, top: line.top })));
  }
  const domains = [...emails.map((e) => e.split('@')[1] ?? ''), ...urls];
  const layout = readLayout(pieces, { domains, localParts: emails.map((e) => e.split('@')[0] ?? '') });
  const fields = contactFields({ ...layout, email: emails[0], phone: bestPhone(phones) });
  return { fields, urls: urls.slice(0, MAX_URLS).map((url) => clip(url, MAX_URL_LENGTH)) };
}

/** A mobile first (it reaches the person), else the first number; a fax never. */
function bestPhone(phones: readonly CardPhone[]): string | undefined {
  return (phones.find((p) => p.kind === 'mobile') ?? phones.find((p) => p.kind === 'phone'))?.phone;
}
