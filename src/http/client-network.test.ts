import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clientNetwork } from './client-network.js';

describe('clientNetwork', () => {
  it('names a client by its /64 in every spelling of an IPv6 address', () => {
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('2001:db8::1.2.3.4')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientNetwork('203.0.113.9')).toBe('203.0.113.9');
    // Any address, written out in full or as URL parsing shortens it, is its first four groups.
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), (groups) => {
      const full = groups.map((group) => group.toString(16).padStart(4, '0')).join(':');
      const short = new URL(`http://[${full}]/`).hostname.slice(1, -1);
      const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
      const [, , , , , , high = 0, low = 0] = groups;
      const expected = mapped ? [high >> 8, high & 255, low >> 8, low & 255].join('.') : `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
      expect(clientNetwork(full)).toBe(expected);
      expect(clientNetwork(short)).toBe(expected);
    }));
  });
});
