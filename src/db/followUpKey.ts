/**
 * IndexedDB cannot index a boolean, so a visitor row to follow up carries `followUpKey: 1`
 * (and no other row carries it): the index `followUpKey` then holds exactly those rows, and
 * costs no index write for the others. A storage detail, kept by rowKeys.ts on every put.
 */
export const FOLLOW_UP_KEY = 'followUpKey';

interface RowLike {
  data?: { followUp?: unknown };
  [FOLLOW_UP_KEY]?: 1;
}

/** The row as stored: with the key when its data says follow up, without it otherwise. */
export function withFollowUpKey<T extends RowLike>(row: T): T {
  const flagged = row.data?.followUp === true;
  if (flagged === (row[FOLLOW_UP_KEY] === 1)) return row;
  if (flagged) return { ...row, [FOLLOW_UP_KEY]: 1 };
  const copy = { ...row };
  delete copy[FOLLOW_UP_KEY];
  return copy;
}
