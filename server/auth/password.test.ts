import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horse ', stored)).toBe(false);
    expect(await verifyPassword('Correct horse', stored)).toBe(false);
  });

  it('never matches a malformed or hostile stored hash', async () => {
    const stored = await hashPassword('pw');
    expect(await verifyPassword('pw', stored.replace('scrypt', 'bcrypt'))).toBe(false);
    expect(await verifyPassword('pw', 'scrypt$16384$8$1$c2FsdA==$')).toBe(false);
    expect(await verifyPassword('pw', stored.replace('$16384$', '$1073741824$'))).toBe(false);
    expect(await verifyAgainstNothing('pw')).toBe(false);
  });
});
