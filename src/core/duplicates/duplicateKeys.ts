import type { VisitorData } from '../protocol';

/**
 * When two visitors may be the same person (pure): the same email in any case, the same phone
 * in digits only, or the same name at the same company. Each visitor has one key per rule it
 * can be matched by; two visitors sharing a key are a possible duplicate. The local database
 * indexes these keys (db/duplicateKeys.ts), so finding every pair reads keys, not rows.
 */

/** Fewer digits than this are an extension or a typo, not a phone number to match on. */
export const MIN_PHONE_DIGITS = 6;

export type DuplicateRule = 'email' | 'phone' | 'name';

export const DUPLICATE_RULE_LABELS: Record<DuplicateRule, string> = {
  email: 'same email',
  phone: 'same phone',
  name: 'same name and company',
};

type Matched = Pick<VisitorData, 'email' | 'phone' | 'name' | 'company'>;

const normalized = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

export function duplicateKeys(data: Matched): string[] {
  const keys: string[] = [];
  const email = normalized(data.email);
  if (email) keys.push(`email:${email}`);
  const digits = data.phone.replace(/\D/g, '');
  if (digits.length >= MIN_PHONE_DIGITS) keys.push(`phone:${digits}`);
  const name = normalized(data.name);
  const company = normalized(data.company);
  if (name && company) keys.push(`name:${name}|${company}`);
  return keys;
}

/** The rule a key was made by. */
export function ruleOf(key: string): DuplicateRule {
  return key.slice(0, key.indexOf(':')) as DuplicateRule;
}

/** The rules by which two visitors match, in rule order; empty: not a possible duplicate. */
export function matchingRules(a: Matched, b: Matched): DuplicateRule[] {
  const theirs = new Set(duplicateKeys(b));
  return duplicateKeys(a)
    .filter((key) => theirs.has(key))
    .map(ruleOf);
}

/** For each visitor, the others it shares a key with: from (key, visitor id) pairs in any order. */
export function groupByKey(entries: Iterable<readonly [key: string, id: string]>): Map<string, Set<string>> {
  const byKey = new Map<string, string[]>();
  for (const [key, id] of entries) {
    const ids = byKey.get(key);
    if (ids) ids.push(id);
    else byKey.set(key, [id]);
  }
  const others = new Map<string, Set<string>>();
  for (const ids of byKey.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      const set = others.get(id) ?? new Set<string>();
      for (const other of ids) if (other !== id) set.add(other);
      others.set(id, set);
    }
  }
  return others;
}

/**
 * The possible duplicates left once the pairs someone called "Not the same person" are taken
 * out: a pair is dismissed when either visitor names the other in `distinctFrom`.
 */
export function withoutDismissed(
  candidates: ReadonlyMap<string, ReadonlySet<string>>,
  distinctFrom: ReadonlyMap<string, readonly string[]>,
): Map<string, string[]> {
  const dismissed = (a: string, b: string) => !!distinctFrom.get(a)?.includes(b) || !!distinctFrom.get(b)?.includes(a);
  const result = new Map<string, string[]>();
  for (const [id, others] of candidates) {
    const left = [...others].filter((other) => !dismissed(id, other));
    if (left.length) result.set(id, left.sort());
  }
  return result;
}
