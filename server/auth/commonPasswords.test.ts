import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commonPasswordCheck, loadCommonPasswords } from './commonPasswords';

describe('the common-password list', () => {
  it('ships the 10,000 most common passwords, one a line', () => {
    const lines = fs.readFileSync(new URL('./commonPasswords.txt', import.meta.url), 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toHaveLength(10_000);
    expect(lines.slice(0, 3)).toEqual(['password', '123456', '12345678']);
  });

  it('matches whatever the case, and only whole passwords', () => {
    const isCommon = commonPasswordCheck();
    expect(isCommon('password')).toBe(true);
    expect(isCommon('PassWord1')).toBe(true);
    expect(isCommon('iloveyou')).toBe(true);
    expect(isCommon('baseball')).toBe(true);
    expect(isCommon('correct horse battery')).toBe(false);
    expect(isCommon('password1!x')).toBe(false);
  });

  it('refuses to start without its list', () => {
    const missing = pathToFileURL(path.join(os.tmpdir(), 'no-such-dir', 'commonPasswords.txt'));
    expect(() => loadCommonPasswords([missing])).toThrow(/commonPasswords\.txt not found/);
  });
});
