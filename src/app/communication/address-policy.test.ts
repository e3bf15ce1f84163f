import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, deniedAddress, STRICT_ADDRESS_POLICY, type AddressPolicy } from './address-policy.js';

const LOOPBACK_ONLY: AddressPolicy = { allowLoopback: true, allowPrivate: false };
const PRIVATE_ONLY: AddressPolicy = { allowLoopback: false, allowPrivate: true };
const LAX: AddressPolicy = { allowLoopback: true, allowPrivate: true };
const POLICIES = [STRICT_ADDRESS_POLICY, LOOPBACK_ONLY, PRIVATE_ONLY, LAX];

/** Blocks of the IANA special-purpose registries no webhook may reach, whatever the policy. */
const NEVER: readonly [prefix: string, length: number][] = [
  ['0.0.0.0', 8], ['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24], ['192.88.99.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ['::', 128], ['100::', 64], ['100:0:0:1::', 64], ['2001:db8::', 32], ['3fff::', 20], ['2001:10::', 28], ['2001:100::', 24], ['ff00::', 8],
  ['6000::', 3], ['c000::', 3], ['::1:0:0:0', 80],
];

/** Blocks reachable only when the policy allows private (or, for loopback, loopback) targets. */
const PRIVATE: readonly [prefix: string, length: number][] = [
  ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 29], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['2001:2::', 48], ['5f00::', 16],
];
const LOOPBACK: readonly [prefix: string, length: number][] = [['127.0.0.0', 8], ['::1', 128]];

/** An address inside prefix/length, its free bits taken from `random` (a 128-bit number). */
function inside(prefix: string, length: number, random: bigint): string {
  if (prefix.includes('.')) {
    const base = prefix.split('.').reduce((value, part) => (value << 8n) | BigInt(part), 0n);
    const free = 32n - BigInt(length);
    const value = ((base >> free) << free) | (random & ((1n << free) - 1n));
    return [24n, 16n, 8n, 0n].map((shift) => (value >> shift) & 255n).join('.');
  }
  const [head = '', tail = ''] = prefix.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((w) => BigInt(`0x${w}`)));
  const all = [...words(head), ...Array<bigint>(8 - words(head).length - words(tail).length).fill(0n), ...words(tail)];
  const base = all.reduce((value, word) => (value << 16n) | word, 0n);
  const free = 128n - BigInt(length);
  const value = ((base >> free) << free) | (random & ((1n << free) - 1n));
  return [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((value >> shift) & 0xffffn).toString(16)).join(':');
}

const random128 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
const hex = (a: number, b: number) => ((a << 8) | b).toString(16);

describe('webhook address policy', () => {
  it('refuses loopback, private, link-local and unroutable addresses by default', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', 'fd00::1', 'fe80::1', '0.0.0.0', '::', '224.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1']) {
      expect(deniedAddress(address, STRICT_ADDRESS_POLICY), address).not.toBeNull();
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '172.32.0.1']) {
      expect(deniedAddress(address, STRICT_ADDRESS_POLICY), address).toBeNull();
    }
  });

  it('allows loopback and private ranges only when told to, never unroutable ones', () => {
    expect(deniedAddress('127.0.0.1', { allowLoopback: true, allowPrivate: false })).toBeNull();
    expect(deniedAddress('10.0.0.1', { allowLoopback: true, allowPrivate: false })).not.toBeNull();
    expect(deniedAddress('10.0.0.1', { allowLoopback: false, allowPrivate: true })).toBeNull();
    expect(deniedAddress('0.0.0.0', { allowLoopback: true, allowPrivate: true })).not.toBeNull();
  });

  it('checks URLs: scheme, credentials, literal hosts and localhost names', () => {
    expect(checkWebhookUrl('url', 'https://hooks.example.com/restock', STRICT_ADDRESS_POLICY)).toBeNull();
    expect(checkWebhookUrl('url', 'http://localhost:8080/x', { allowLoopback: true, allowPrivate: false })).toBeNull();
    for (const url of ['', 'not a url', 'file:///etc/passwd', 'http://a:b@example.com/', 'http://[::1]/', 'http://app.localhost/']) {
      expect(checkWebhookUrl('url', url, STRICT_ADDRESS_POLICY), url).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'url' } });
    }
  });

  it('refuses every address of the special-purpose blocks that are not globally reachable, by the policy\'s switches', () => {
    fc.assert(fc.property(random128, (random) => {
      for (const [prefix, length] of NEVER) {
        const address = inside(prefix, length, random);
        for (const policy of POLICIES) expect(deniedAddress(address, policy), address).toMatch(/not a routable address/);
      }
      for (const [prefix, length] of PRIVATE) {
        const address = inside(prefix, length, random);
        expect(POLICIES.map((policy) => deniedAddress(address, policy) === null), address).toEqual([false, false, true, true]);
      }
      for (const [prefix, length] of LOOPBACK) {
        const address = inside(prefix, length, random);
        expect(POLICIES.map((policy) => deniedAddress(address, policy) === null), address).toEqual([false, true, false, true]);
      }
    }));
  });

  it('names the block a refused address is in', () => {
    expect(deniedAddress('192.0.2.1', LAX)).toBe('192.0.2.1 is not a routable address (documentation (TEST-NET-1), RFC 5737)');
    expect(deniedAddress('2001:db8::1', LAX)).toBe('2001:db8::1 is not a routable address (documentation, RFC 3849)');
    expect(deniedAddress('100.64.0.1', STRICT_ADDRESS_POLICY)).toBe('100.64.0.1 is a private or link-local address (shared address space, RFC 6598)');
    expect(deniedAddress('::ffff:0:7f00:1', STRICT_ADDRESS_POLICY)).toBe('::ffff:0:7f00:1 leads to 127.0.0.1, a loopback address (loopback, RFC 1122)');
  });

  it('reaches the globally reachable blocks of the registries, and global unicast addresses', () => {
    for (const address of ['192.0.0.9', '192.0.0.10', '192.31.196.1', '192.52.193.1', '192.175.48.1', '2001:1::1', '2001:1::2', '2001:1::3', '2001:3::1', '2001:4:112::1', '2001:20::1', '2001:30::1', '2620:4f:8000::1', '2a00:1450:4001:80b::200e']) {
      expect(deniedAddress(address, STRICT_ADDRESS_POLICY), address).toBeNull();
    }
  });

  it('judges the IPv4 address inside mapped, IPv4-translated, NAT64, 6to4 and Teredo addresses as that address', () => {
    fc.assert(fc.property(fc.ipV4(), fc.ipV4(), (ipv4, server) => {
      const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
      const [e, f, g, h] = server.split('.').map(Number) as [number, number, number, number];
      const wrapped = [`::ffff:${ipv4}`, `::ffff:0:${ipv4}`, `64:ff9b::${hex(a, b)}:${hex(c, d)}`, `2002:${hex(a, b)}:${hex(c, d)}::1`];
      const teredo = `2001:0:${hex(e, f)}:${hex(g, h)}:0:0:${hex(255 - a, 255 - b)}:${hex(255 - c, 255 - d)}`;
      for (const policy of POLICIES) {
        const ownRefused = deniedAddress(ipv4, policy) !== null;
        for (const address of wrapped) expect(deniedAddress(address, policy) !== null, address).toBe(ownRefused);
        // A Teredo address reaches its client through its server: refused if either is.
        expect(deniedAddress(teredo, policy) !== null, teredo).toBe(ownRefused || deniedAddress(server, policy) !== null);
      }
    }));
  });
});
