import { describe, expect, it } from 'vitest';
import { newInviteCode, normalizeInviteCode } from './inviteCode';

describe('invite codes', () => {
  it('are 10 characters of Crockford base32 and differ each time', () => {
    const codes = new Set(Array.from({ length: 200 }, newInviteCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('read back from what a person types', () => {
    expect(normalizeInviteCode(' ab0cd-efghj ')).toBe('AB0CDEFGHJ');
    expect(normalizeInviteCode('oil')).toBe('011');
  });
});
