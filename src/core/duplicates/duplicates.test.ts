import { describe, expect, it } from 'vitest';
import { visitorData } from '../testing/visitorData';
import { duplicateKeys, groupByKey, matchingRules, withoutDismissed } from './duplicateKeys';
import { choices, mergedRecord, mergePatch, pairOf } from './mergeDuplicates';

const A = '018f0000-0000-7000-8000-00000000000a';
const B = '018f0000-0000-7000-8000-00000000000b';
const C = '018f0000-0000-7000-8000-00000000000c';

describe('duplicate matching', () => {
  it('matches the same email in any case, the same phone in digits only, the same name at the same company', () => {
    const ada = visitorData({ email: 'Ada@Example.com ', phone: '+44 (20) 7946-0000', name: 'Ada  Lovelace', company: 'Engines' });
    expect(matchingRules(ada, visitorData({ email: 'ada@example.COM', phone: '', name: 'X', company: '' }))).toEqual(['email']);
    expect(matchingRules(ada, visitorData({ email: '', phone: '442079460000', name: 'X', company: '' }))).toEqual(['phone']);
    expect(matchingRules(ada, visitorData({ email: '', phone: '', name: 'ada lovelace', company: 'ENGINES' }))).toEqual(['name']);
    expect(matchingRules(ada, { ...ada })).toEqual(['email', 'phone', 'name']);
  });

  it('does not match on what is empty or too short to tell people apart', () => {
    const blank = visitorData({ email: '', phone: '12', name: 'Ada', company: '' });
    expect(duplicateKeys(blank)).toEqual([]);
    expect(matchingRules(blank, { ...blank })).toEqual([]);
    expect(matchingRules(visitorData({ email: 'a@x.io' }), visitorData({ email: 'b@x.io', phone: '', name: 'Other' }))).toEqual([]);
  });

  it('groups visitors sharing any key, each with all the others it shares one with', () => {
    const groups = groupByKey([
      ['email:a@x.io', A],
      ['phone:123456', C],
      ['email:a@x.io', B],
      ['phone:123456', A],
      ['email:solo@x.io', 'lonely'],
    ]);
    expect(Object.fromEntries([...groups].map(([id, others]) => [id, [...others].sort()]))).toEqual({ [A]: [B, C], [B]: [A], [C]: [A] });
  });

  it('leaves out a pair either side called "Not the same person", and only that pair', () => {
    const candidates = new Map([
      [A, new Set([B, C])],
      [B, new Set([A])],
      [C, new Set([A])],
    ]);
    expect(Object.fromEntries(withoutDismissed(candidates, new Map([[B, [A]]])))).toEqual({ [A]: [C], [C]: [A] });
  });
});

describe('merging duplicates', () => {
  const early = { id: B, data: visitorData({ capturedAt: '2026-12-01T09:00:00.000Z', email: 'ada@example.com', phone: '', title: 'CTO', rating: 3, interests: ['ai', 'Cloud'], notes: 'Met at the booth', distinctFrom: [C] }) };
  const late = { id: A, data: visitorData({ capturedAt: '2026-12-01T15:00:00.000Z', email: 'ADA@example.com', phone: '+1 555 0100', title: 'CEO', rating: 5, interests: ['cloud', 'edge'], notes: 'Wants a demo', cardPhoto: 'b'.repeat(64), consent: true, consentVersion: 'v1', distinctFrom: [B] }) };

  it('keeps the earlier capture, whichever way round the pair is given', () => {
    expect(pairOf(late, early).kept.id).toBe(B);
    expect(pairOf(early, late).kept.id).toBe(B);
  });

  it('asks only where both sides filled a field differently', () => {
    expect(choices(pairOf(early, late))).toEqual(['email', 'title', 'rating']);
  });

  it('keeps the union of interests, both notes, the earlier time, the photo, consent given on either side, and what was chosen', () => {
    const pair = pairOf(early, late);
    const merged = mergedRecord(pair, { title: 'CEO', rating: 5 });
    expect(merged).toMatchObject({
      email: 'ada@example.com',
      phone: '+1 555 0100',
      title: 'CEO',
      rating: 5,
      interests: ['ai', 'Cloud', 'edge'],
      notes: 'Met at the booth\nWants a demo',
      capturedAt: '2026-12-01T09:00:00.000Z',
      cardPhoto: 'b'.repeat(64),
      consent: true,
      consentVersion: 'v1',
      distinctFrom: [C],
    });
    const patch = mergePatch(pair, merged);
    expect(Object.keys(patch).sort()).toEqual(['cardPhoto', 'consent', 'consentVersion', 'interests', 'notes', 'phone', 'rating', 'title']);
  });
});
