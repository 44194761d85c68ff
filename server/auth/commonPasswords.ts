import fs from 'node:fs';

/*
 * commonPasswords.txt is the "10k-most-common" list of Daniel Miessler's SecLists (MIT licence,
 * Passwords/Common-Credentials), one password a line, most common first, unchanged but for
 * line endings. Entries shorter than the minimum length are refused by the schema anyway.
 */
const LIST_FILE = 'commonPasswords.txt';

/**
 * Where the list is: beside this module when the server runs from source (tsx, Vitest), and at
 * server/auth/ from dist-server/main.js when it runs as the built bundle.
 */
const CANDIDATES = [new URL(`./${LIST_FILE}`, import.meta.url), new URL(`../server/auth/${LIST_FILE}`, import.meta.url)];

const normalise = (password: string) => password.normalize('NFKC').toLowerCase();

/** Reads a list: a password's check against it, whatever the password's case. */
export function loadCommonPasswords(files: readonly URL[] = CANDIDATES): (password: string) => boolean {
  const file = files.find((candidate) => fs.existsSync(candidate));
  if (!file) throw new Error(`${LIST_FILE} not found at ${files.map((f) => f.pathname).join(' or ')}`);
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const list = new Set(lines.filter((line) => line.length > 0).map(normalise));
  return (password) => list.has(normalise(password));
}

let shipped: ((password: string) => boolean) | undefined;

/**
 * The check against the shipped list, read once per process. Called when the routes are
 * registered, so a server without its list fails to start rather than accept such passwords.
 */
export function commonPasswordCheck(): (password: string) => boolean {
  shipped ??= loadCommonPasswords();
  return shipped;
}
