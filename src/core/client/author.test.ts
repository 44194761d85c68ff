import { describe, expect, it } from 'vitest';
import { authorOf, sendableBy, senderOf, waitingByAuthor } from './author';
import { op } from '../testing/ops';

const ada = { id: 'u-ada', email: 'ada@example.com' };
const bo = { id: 'u-bo', email: 'bo@example.com' };
const session = (user: typeof ada) => ({ user, workspace: { id: 'w', name: 'Booth' } });
const update = (extra = {}) => op({ kind: 'update', patch: { title: 'T' }, base: {}, ...extra });

describe('op authors', () => {
  it('an op written now is the stored session’s person’s; with nobody signed in, no one’s', () => {
    expect(authorOf(session(ada))).toEqual(ada);
    expect(authorOf(undefined)).toBeUndefined();
  });

  it('the sender is the stored session’s person, unless the server refused that session', () => {
    expect(senderOf(session(ada), undefined)).toBe('u-ada');
    expect(senderOf(session(ada), 'u-ada')).toBeNull();
    // A refusal of someone before does not stop the person signed in since.
    expect(senderOf(session(bo), 'u-ada')).toBe('u-bo');
    expect(senderOf(undefined, undefined)).toBeNull();
  });

  it('sends only the sender’s ops, and ops with no author (queued before authors were kept)', () => {
    expect(sendableBy(update({ author: ada }), 'u-ada')).toBe(true);
    expect(sendableBy(update({ author: ada }), 'u-bo')).toBe(false);
    expect(sendableBy(update({ author: ada }), null)).toBe(false);
    expect(sendableBy(update(), 'u-bo')).toBe(true);
    expect(sendableBy(update(), null)).toBe(true);
  });

  it('counts the pending ops that wait for their author, per author, most first', () => {
    const ops = [
      update({ author: bo }),
      update({ author: ada }),
      update({ author: ada }),
      update({ author: ada, state: 'failed' }), // shown as failed, not as waiting
      update({ author: { id: 'u-cy', email: 'cy@example.com' } }),
      update(),
    ];
    expect(waitingByAuthor(ops, 'u-cy')).toEqual([
      { email: 'ada@example.com', count: 2 },
      { email: 'bo@example.com', count: 1 },
    ]);
    expect(waitingByAuthor(ops, null)).toHaveLength(3);
  });
});
