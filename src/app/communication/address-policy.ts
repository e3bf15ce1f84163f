import { BlockList, isIP } from 'node:net';
import { invalid, type Failure } from '../result.js';

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

const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** Why an address may not be reached under the policy, or null when it may. */
export function deniedAddress(address: string, policy: AddressPolicy): string | null {
  const ip = unmapIpv4(address);
  const family = isIP(ip);
  if (family === 0) return `${address} is not an IP address`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (NEVER.check(ip, type)) return `${address} is not a routable address`;
  if (LOOPBACK.check(ip, type)) return policy.allowLoopback ? null : `${address} is a loopback address`;
  if (PRIVATE.check(ip, type)) return policy.allowPrivate ? null : `${address} is a private or link-local address`;
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

/** `::ffff:127.0.0.1` and `::ffff:7f00:1` are IPv4 addresses in IPv6 clothing. */
function unmapIpv4(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1] as string;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return address;
  const high = parseInt(hex[1] as string, 16);
  const low = parseInt(hex[2] as string, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}
