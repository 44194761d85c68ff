import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a code read aloud or off a screen types back right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_CODE_LENGTH = 10;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** 10 characters, 50 bits. */
export function newInviteCode(): string {
  // 256 is a multiple of 32, so `byte & 31` is uniform.
  return [...randomBytes(INVITE_CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
}

/** Whether `code` (normalised) has the form `newInviteCode` makes. */
export function isInviteCode(code: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${INVITE_CODE_LENGTH}}$`).test(code);
}

/** What a person typed → the stored form: case, spaces and dashes ignored, look-alikes mapped. */
export function normalizeInviteCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
