import { isIP } from 'node:net';

/**
 * The IPv4 addresses an IPv6 address leads to: IPv4-mapped `::ffff:0:0/96`, IPv4-translated
 * `::ffff:0:0:0/96` (SIIT, RFC 2765), IPv4-compatible `::/96` (but `::` and `::1`), NAT64
 * `64:ff9b::/96` (RFC 6052) and its local-use `64:ff9b:1::/48` (the network picks the prefix
 * length, so every layout RFC 6052 allows there is returned), 6to4 `2002::/16`, and Teredo
 * `2001::/32` (RFC 4380: the client's address, stored inverted in the last 32 bits, then its
 * server's). Empty for any other address; the caller checks each against its own rules.
 */
export function embeddedIpv4(address: string): readonly string[] {
  if (isIP(address) !== 6) return [];
  const value = ipv6Value(address);
  const top96 = value >> 32n;
  if (top96 === 0xffffn || top96 === IPV4_TRANSLATED || (top96 === 0n && value > 1n) || top96 === NAT64_WELL_KNOWN) return [ipv4At(value, 96)];
  if (value >> 80n === NAT64_LOCAL_USE) return [...new Set([48, 56, 64, 96].map((length) => nat64Ipv4(value, length)))];
  if (value >> 112n === 0x2002n) return [ipv4At(value, 16)];
  if (value >> 96n === TEREDO) return [...new Set([ipv4At(value ^ 0xffffffffn, 96), ipv4At(value, 32)])];
  return [];
}

const IPV4_TRANSLATED = 0xffff0000n;
const NAT64_WELL_KNOWN = 0x64ff9bn << 64n;
const NAT64_LOCAL_USE = (0x64n << 32n) | (0xff9bn << 16n) | 1n;
const TEREDO = 0x20010000n;

/** The IPv4 address behind a NAT64 prefix of this length: RFC 6052 §2.2 skips bits 64–71. */
function nat64Ipv4(value: bigint, prefixLength: number): string {
  if (prefixLength === 96) return ipv4At(value, 96);
  const withoutU = ((value >> 64n) << 56n) | (value & ((1n << 56n) - 1n));
  return ipv4At(withoutU << 8n, prefixLength);
}

/** The 32 bits starting `from` bits after the top of a 128-bit address, dotted. */
function ipv4At(value: bigint, from: number): string {
  const bits = Number((value >> BigInt(96 - from)) & 0xffffffffn);
  return [bits >>> 24, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255].join('.');
}

/** A valid IPv6 address (as isIP accepts it: `::` shorthand, a dotted IPv4 tail, a zone) as a number. */
function ipv6Value(address: string): bigint {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const words = (part: string) => (part === '' ? [] : part.split(':').map((word) => BigInt(`0x${word}`)));
  const [head = '', tail] = text.split('::');
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  const all = [...front, ...Array<bigint>(8 - front.length - back.length).fill(0n), ...back];
  return all.reduce((value, word) => (value << 16n) | word, 0n);
}
