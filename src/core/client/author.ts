import type { Session } from '../protocol';
import type { OpAuthor, OutboxOp } from './types';

/**
 * Whose queued changes may go out now (pure). On a shared device several people sign in in
 * turn, and the server records an op as made by whoever's session pushes it, so a drain sends
 * only the signed-in person's ops; another person's wait for them, and so do the later ops of
 * their records (a record's ops reach the server in order). An op with no author (queued before
 * authors were kept) counts as the signed-in person's.
 */

/** The author stamped on an op written now: the session stored on this device (none: nobody is signed in). */
export function authorOf(session: Session | undefined): OpAuthor | undefined {
  return session ? { id: session.user.id, email: session.user.email } : undefined;
}

/**
 * The user whose ops may be sent now: the session stored on this device, unless the server
 * refused that session (`refused`, a user id): the browser may then already hold the cookie of
 * the next person signing in, before their session is stored. Null: no one's.
 */
export function senderOf(session: Session | undefined, refused: string | undefined): string | null {
  if (!session || session.user.id === refused) return null;
  return session.user.id;
}

/** Whether `op` may go out under `sender`'s session. */
export function sendableBy(op: OutboxOp, sender: string | null): boolean {
  return op.author === undefined || op.author.id === sender;
}

/** Whether two ops were made by the same person (two ops with no author count as one person's). */
export function sameAuthor(a: OutboxOp, b: OutboxOp): boolean {
  return a.author?.id === b.author?.id;
}

/** Changes waiting for their author to sign in. */
export interface WaitingAuthor {
  email: string;
  count: number;
}

/** The pending ops `sender` may not send, counted per author (by email), most first. */
export function waitingByAuthor(ops: readonly OutboxOp[], sender: string | null): WaitingAuthor[] {
  const counts = new Map<string, WaitingAuthor>();
  for (const op of ops) {
    if (op.state !== 'pending' || sendableBy(op, sender)) continue;
    const entry = counts.get(op.author!.id) ?? { email: op.author!.email, count: 0 };
    entry.count++;
    counts.set(op.author!.id, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.email.localeCompare(b.email));
}
