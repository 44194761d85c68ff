import { describe, expect, it } from 'vitest';
import { visitorData } from '../core/testing/visitorData';
import { pairOf } from '../core/duplicates/mergeDuplicates';
import { initialDecisions } from './conflictChoices';
import { automaticMerge, mergeOptions, mergeOutcome } from './duplicateChoices';

const pair = pairOf(
  { id: 'a', data: visitorData({ capturedAt: '2026-12-01T09:00:00.000Z', title: 'CTO', rating: 3, interests: ['ai'] }) },
  { id: 'b', data: visitorData({ capturedAt: '2026-12-01T10:00:00.000Z', title: 'CEO', rating: 3, interests: ['edge'], notes: 'Call back' }) },
);

describe('the merge dialog', () => {
  it('offers a choice for each field both filled differently, starting on the earlier capture', () => {
    const options = mergeOptions(pair);
    expect(options.map((o) => [o.field, o.mine, o.theirs])).toEqual([['title', 'CTO', 'CEO']]);
    const start = mergeOutcome(pair, options, initialDecisions(options, automaticMerge(pair)));
    expect(start).toMatchObject({ ok: true, patch: { interests: ['ai', 'edge'], notes: 'Call back' } });
  });

  it('takes the later capture’s value, or a custom one checked as the form checks it', () => {
    const options = mergeOptions(pair);
    expect(mergeOutcome(pair, options, { title: { choice: 'theirs', custom: '' } })).toMatchObject({ ok: true, record: { title: 'CEO' }, patch: { title: 'CEO' } });
    expect(mergeOutcome(pair, options, { title: { choice: 'custom', custom: 'x'.repeat(201) } })).toMatchObject({ ok: false, errors: { title: expect.any(String) } });
  });
});
