import { describe, expect, it } from 'vitest';
import { addressKey } from './addressKey';

describe('addressKey', () => {
  it('keeps an IPv4 address, also written as IPv4-mapped IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('throttles IPv6 by its /64, however the address is written', () => {
    const key = addressKey('2001:db8:a:b:1:2:3:4');
    expect(key).toBe('2001:db8:a:b::/64');
    expect(addressKey('2001:DB8:A:B:ffff::1')).toBe(key);
    expect(addressKey('2001:0db8:000a:000b::9%eth0')).toBe(key);
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8:a:c::1')).not.toBe(key);
  });
});
