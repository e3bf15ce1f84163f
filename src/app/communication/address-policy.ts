import { BlockList, isIP } from 'node:net';
import { invalid, type Failure } from '../result.js';
import { embeddedIpv4 } from './embedded-ipv4.js';

/**
 * Which network addresses webhooks may reach. Loopback and private ranges are refused unless
 * allowed explicitly, so a registered URL cannot probe the service's own network (SSRF).
 */
export interface AddressPolicy {
  readonly allowLoopback: boolean;
  readonly allowPrivate: boolean;
}

export const STRICT_ADDRESS_POLICY: AddressPolicy = { allowLoopback: false, allowPrivate: false };

const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addSubnet('240.0.0.0', 4, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** NAT64 local-use prefix (RFC 8215): not globally reachable, and the network picks where the IPv4 address sits. */
const NAT64_LOCAL_USE = new BlockList();
NAT64_LOCAL_USE.addSubnet('64:ff9b:1::', 48, 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addSubnet('192.0.0.0', 24, 'ipv4');
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');
PRIVATE.addSubnet('64:ff9b:1::', 48, 'ipv6');

type Range = 'never' | 'loopback' | 'private' | 'public';

const DESCRIBED: Readonly<Record<Exclude<Range, 'public'>, string>> = {
  never: 'not a routable address',
  loopback: 'a loopback address',
  private: 'a private or link-local address',
};

/**
 * Why an address may not be reached under the policy, or null when it may. An IPv6 address that
 * carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged as that IPv4 address too, so
 * `[::ffff:127.0.0.1]`, `[::127.0.0.1]`, `[64:ff9b::7f00:1]` and `[2002:7f00:1::]` are loopback.
 */
export function deniedAddress(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const own = rangeOf(address, family === 4 ? 'ipv4' : 'ipv6');
  const ownDenied = refused(own, policy);
  if (ownDenied) return `${address} is ${DESCRIBED[ownDenied]}`;
  let inside = embeddedIpv4(address).map((ipv4) => [ipv4, rangeOf(ipv4, 'ipv4')] as const);
  // Under the local-use NAT64 prefix every layout counts, but one that reads an address that is no
  // destination at all is not the network's (a /96 address read as /48 gives 0.0.0.0).
  if (NAT64_LOCAL_USE.check(address, 'ipv6')) inside = inside.filter(([, range]) => range !== 'never');
  for (const [ipv4, range] of inside) {
    const denied = refused(range, policy);
    if (denied) return `${address} leads to ${ipv4}, ${DESCRIBED[denied]}`;
  }
  return null;
}

function rangeOf(ip: string, type: 'ipv4' | 'ipv6'): Range {
  if (NEVER.check(ip, type)) return 'never';
  if (LOOPBACK.check(ip, type)) return 'loopback';
  if (PRIVATE.check(ip, type)) return 'private';
  return 'public';
}

function refused(range: Range, policy: AddressPolicy): Exclude<Range, 'public'> | null {
  if (range === 'never') return range;
  if (range === 'loopback') return policy.allowLoopback ? null : range;
  if (range === 'private') return policy.allowPrivate ? null : range;
  return null;
}

/**
 * Checks a webhook URL at registration: http or https, no credentials in it, and a host that is
 * not a refused literal address. Host names are checked again on every connection, after DNS.
 */
export function checkWebhookUrl(field: string, value: unknown, policy: AddressPolicy): Failure | null {
  if (typeof value !== 'string' || value.length === 0) return invalid(field, 'must be a URL');
  if (value.length > 2000) return invalid(field, 'must be at most 2000 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid(field, 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return invalid(field, 'must use http or https');
  if (url.username || url.password) return invalid(field, 'must not carry credentials; the signature authenticates deliveries');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const denied = deniedAddress(host, policy);
    if (denied) return invalid(field, `${denied}; such targets are refused by the webhook address policy`);
  } else if (/^localhost\.?$/i.test(host) || /\.localhost\.?$/i.test(host)) {
    if (!policy.allowLoopback) return invalid(field, 'localhost is a loopback address; such targets are refused by the webhook address policy');
  }
  return null;
}
