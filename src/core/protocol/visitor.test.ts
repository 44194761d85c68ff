import { describe, expect, it } from 'vitest';
import { visitorDataSchema, visitorPatchSchema } from './visitor';
import { visitorData } from '../testing/visitorData';

describe('visitor record shape', () => {
  // A field added after the first release: records stored and ops queued before it lack it.
  it('reads a record without cardPhoto as having none', () => {
    const { cardPhoto: _, ...before } = visitorData();
    expect(visitorDataSchema.parse(before).cardPhoto).toBeNull();
  });

  it('leaves a field out of a patch that did not change it (no defaults in patches)', () => {
    expect(visitorPatchSchema.parse({ name: 'Ada' })).toEqual({ name: 'Ada' });
    expect(visitorPatchSchema.parse({ cardPhoto: null })).toEqual({ cardPhoto: null });
  });

  it('takes a photo only as a SHA-256 hash', () => {
    expect(visitorPatchSchema.safeParse({ cardPhoto: 'a'.repeat(64) }).success).toBe(true);
    expect(visitorPatchSchema.safeParse({ cardPhoto: 'photo.jpg' }).success).toBe(false);
  });
});
