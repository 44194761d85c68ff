import { FREE_MAIL, NAME_PARTICLES, hasCompanyWord, hasLegalForm, hasTitleWord } from './cardWords';

/** A piece of a card line left after the contact values were taken out, with its line's box. */
export interface Piece {
  text: string;
  height: number;
  top: number;
}

export interface Layout {
  name?: string;
  title?: string;
  company?: string;
}

/** What the card's emails and URLs say: the organisation in their domains, the names in their local parts. */
export interface Hints {
  domains: string[];
  localParts: string[];
}

/** Heights within this share of each other count as the same size. */
const SAME_SIZE = 0.1;
/** A logo's text is short; a longer line in big type is a slogan or a heading. */
const MAX_LOGO_LENGTH = 40;

/**
 * Name, title and company by layout. Name: the most prominent name-shaped piece (2–4
 * capitalised words of letters, no title or company word), one matching the email's local part
 * first, one matching the email's domain never (it is the logo). Title: the piece with a title
 * word nearest the name. Company: a piece with a legal form or matching the domain, else a
 * company word, else a piece taller than most. A field is left out when nothing fits.
 */
export function readLayout(pieces: readonly Piece[], hints: Hints): Layout {
  const layout: Layout = {};
  const keys = hints.domains.map(domainKey).filter((key) => key !== '');
  const ofDomain = (p: Piece) => keys.some((key) => matchesKey(p.text, key));
  const ofPerson = (p: Piece) => matchesLocalPart(p.text, hints.localParts);
  const names = pieces.filter((p) => isNameShaped(p.text) && (ofPerson(p) || !ofDomain(p)));
  const name = pickBest(names, (p) => (ofPerson(p) ? 1 : 0));
  const titles = pieces.filter((p) => p !== name && hasTitleWord(p.text) && !hasLegalForm(p.text) && !/\d{3}/.test(p.text));
  const title = name ? nearest(titles, name) : titles[0];
  const others = pieces.filter((p) => p !== name && p !== title && !/\d{4}/.test(p.text));
  const company = pickBest(others.filter((p) => companyScore(p, ofDomain) > 0), (p) => companyScore(p, ofDomain)) ?? prominent(others, pieces);
  if (name) layout.name = name.text;
  if (title) layout.title = title.text;
  if (company) layout.company = company.text.replace(/[,;:]+$/, '');
  return layout;
}

function companyScore(p: Piece, ofDomain: (p: Piece) => boolean): number {
  const legal = hasLegalForm(p.text);
  const domain = ofDomain(p);
  if (legal && domain) return 4;
  if (legal) return 3;
  if (domain) return 2;
  return hasCompanyWord(p.text) && !hasTitleWord(p.text) ? 1 : 0;
}

/** The piece with the highest `score`; then the tallest; then the topmost. */
function pickBest(pieces: readonly Piece[], score: (p: Piece) => number): Piece | undefined {
  let best: Piece | undefined;
  for (const p of pieces) {
    if (!best) best = p;
    else if (score(p) !== score(best)) best = score(p) > score(best) ? p : best;
    else if (!sameSize(p.height, best.height)) best = p.height > best.height ? p : best;
    else if (p.top < best.top) best = p;
  }
  return best;
}

/** The last resort for a company: a short, capitalised, plain piece taller than the median (a logo's text). */
function prominent(candidates: readonly Piece[], all: readonly Piece[]): Piece | undefined {
  const heights = all.map((p) => p.height).sort((a, b) => a - b);
  const mid = Math.floor(heights.length / 2);
  const median = heights.length % 2 ? (heights[mid] ?? 0) : ((heights[mid - 1] ?? 0) + (heights[mid] ?? 0)) / 2;
  const plain = candidates.filter(
    (p) =>
      p.height > median &&
      !sameSize(p.height, median) &&
      /^\p{Lu}/u.test(p.text) &&
      p.text.length <= MAX_LOGO_LENGTH &&
      words(p.text).length <= 5 &&
      !/[\d,@]/.test(p.text) &&
      !hasTitleWord(p.text),
  );
  return pickBest(plain, () => 0);
}

function nearest(pieces: readonly Piece[], to: Piece): Piece | undefined {
  let best: Piece | undefined;
  const distance = (p: Piece) => Math.abs(p.top - to.top) - (p.top > to.top ? 0.5 : 0); // a tie goes to the line below
  for (const p of pieces) if (!best || distance(p) < distance(best)) best = p;
  return best;
}

function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_SIZE * Math.max(a, b);
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/** 2–4 words of letters, capitalised (or a particle: "van", "de"), no digits, @ or title/company words. */
export function isNameShaped(text: string): boolean {
  if (/[\d@/:&]/.test(text) || hasTitleWord(text) || hasLegalForm(text) || hasCompanyWord(text)) return false;
  const parts = words(text.replace(/,/g, ' '));
  if (parts.length < 2 || parts.length > 4) return false;
  const capitalised = parts.filter((w) => /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(w));
  return capitalised.length >= 2 && parts.every((w) => capitalised.includes(w) || NAME_PARTICLES.has(w));
}

/** "analytical-engines.co.uk" → "analyticalengines"; '' for a mail provider. */
export function domainKey(host: string): string {
  const labels = host.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/^www\./, '').split('.');
  labels.pop();
  // A second-level zone under a country code: acme.co.uk, acme.com.au.
  if (labels.length > 1 && /^(?:co|com|ac|org|net|gov|ltd|plc|or|ne)$/.test(labels.at(-1) ?? '')) labels.pop();
  const org = labels.at(-1) ?? '';
  return FREE_MAIL.has(org) ? '' : org.replace(/[^a-z0-9]/g, '');
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a piece names the domain's organisation: "Analytical Engines" ↔ analyticalengines, "IBM" ↔ International Business Machines. */
function matchesKey(text: string, key: string): boolean {
  if (key.length < 2) return false;
  const compact = fold(text).replace(/[^a-z0-9]/g, '');
  const initials = words(fold(text).replace(/[^a-z0-9\s]/g, ' ')).map((w) => w[0]).join('');
  if (compact === key || (initials.length >= 2 && initials === key)) return true;
  return (key.length >= 4 && compact.includes(key)) || (compact.length >= 4 && key.includes(compact));
}

/** Whether a word of the piece (3+ letters) is in an email's local part: "Ada Lovelace" ↔ ada.lovelace@. */
function matchesLocalPart(text: string, localParts: readonly string[]): boolean {
  const parts = words(fold(text).replace(/[^a-z\s]/g, ' ')).filter((w) => w.length >= 3);
  return localParts.some((local) => parts.some((w) => local.toLowerCase().includes(w)));
}
