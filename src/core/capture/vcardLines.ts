import { decodeQuotedPrintable } from './bytes';

/** One content line of a vCard: `item1.TEL;TYPE=work,voice:+1 555 0100`. */
export interface VcardProperty {
  /** The group, upper-case ('' when none): `item1.TEL` → 'ITEM1'. */
  group: string;
  /** The property name, upper-case. */
  name: string;
  /** Parameters by upper-case name; values lower-case, lists split (`TYPE=work,voice` → work, voice). */
  params: Map<string, string[]>;
  /** The value as written but quoted-printable decoded: backslash escapes are still in it. */
  value: string;
}

/** vCard 2.1 writes some parameters bare: `TEL;WORK;VOICE:`, `NOTE;QUOTED-PRINTABLE:`. */
const BARE_ENCODINGS = new Set(['quoted-printable', 'base64', 'b', '8bit', '7bit']);

/** The properties of the first vCard in `text` (from BEGIN:VCARD to END:VCARD or the end). */
export function vcardProperties(text: string): VcardProperty[] {
  const properties: VcardProperty[] = [];
  for (const line of logicalLines(text)) {
    const property = parseLine(line);
    if (property) properties.push(property);
  }
  return properties;
}

/** Lines unfolded: a line starting with a space or tab continues the previous one. */
function logicalLines(text: string): string[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const begin = raw.findIndex((line) => /^\s*BEGIN:VCARD\s*$/i.test(line));
  const lines: string[] = [];
  if (begin < 0) return lines;
  for (const line of raw.slice(begin + 1)) {
    if (/^\s*END:VCARD\s*$/i.test(line)) break;
    const last = lines.length - 1;
    const previous = lines[last];
    if (previous !== undefined && isSoftBroken(previous)) lines[last] = previous.slice(0, -1) + line;
    else if (previous !== undefined && /^[ \t]/.test(line)) lines[last] = previous + line.slice(1);
    else lines.push(line);
  }
  return lines;
}

/** A quoted-printable value ending in `=` goes on on the next line (which is not indented). */
function isSoftBroken(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && line.endsWith('=') && /QUOTED-PRINTABLE/i.test(line.slice(0, colon));
}

function parseLine(line: string): VcardProperty | null {
  const colon = indexOutsideQuotes(line, ':');
  if (colon <= 0) return null;
  const [qualified = '', ...rawParams] = splitOutsideQuotes(line.slice(0, colon), ';');
  const dot = qualified.lastIndexOf('.');
  const name = qualified.slice(dot + 1).trim().toUpperCase();
  if (!name) return null;
  const params = parseParams(rawParams);
  let value = line.slice(colon + 1);
  if (params.get('ENCODING')?.includes('quoted-printable')) {
    value = decodeQuotedPrintable(value, params.get('CHARSET')?.[0] ?? 'utf-8');
  }
  return { group: dot >= 0 ? qualified.slice(0, dot).trim().toUpperCase() : '', name, params, value };
}

function parseParams(raw: readonly string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const param of raw) {
    const eq = param.indexOf('=');
    const bare = param.trim().toLowerCase();
    if (!bare) continue;
    const key = eq >= 0 ? param.slice(0, eq).trim().toUpperCase() : BARE_ENCODINGS.has(bare) ? 'ENCODING' : 'TYPE';
    // 4.0 quotes a list as one value (TYPE="work,voice"); it means the same as the unquoted list.
    const values = eq >= 0 ? param.slice(eq + 1).replace(/"/g, '').split(',') : [bare];
    const clean = values.map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
    params.set(key, [...(params.get(key) ?? []), ...clean]);
  }
  return params;
}

function indexOutsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === char && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let at = indexOutsideQuotes(rest, sep); at >= 0; at = indexOutsideQuotes(rest, sep)) {
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}
