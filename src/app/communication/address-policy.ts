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

type Kind = 'never' | 'loopback' | 'private' | 'public';

/** One block of the IANA special-purpose address registries (RFC 6890), and how webhooks treat it. */
interface SpecialBlock {
  readonly prefix: string;
  readonly length: number;
  readonly kind: Kind;
  /** The registry's name for it, told in a refusal. */
  readonly name: string;
}

/**
 * The IPv4 special-purpose registry, first match wins: a block that is not globally reachable is
 * refused (private ones only unless allowed); the globally reachable anycast addresses inside
 * 192.0.0.0/24 are ordinary destinations. Multicast is not in the registry but is no target either.
 */
const IPV4_BLOCKS: readonly SpecialBlock[] = [
  { prefix: '0.0.0.0', length: 8, kind: 'never', name: '"this network", RFC 791' },
  { prefix: '10.0.0.0', length: 8, kind: 'private', name: 'private-use, RFC 1918' },
  { prefix: '100.64.0.0', length: 10, kind: 'private', name: 'shared address space, RFC 6598' },
  { prefix: '127.0.0.0', length: 8, kind: 'loopback', name: 'loopback, RFC 1122' },
  { prefix: '169.254.0.0', length: 16, kind: 'private', name: 'link-local, RFC 3927' },
  { prefix: '172.16.0.0', length: 12, kind: 'private', name: 'private-use, RFC 1918' },
  { prefix: '192.0.0.9', length: 32, kind: 'public', name: 'port control protocol anycast, RFC 7723' },
  { prefix: '192.0.0.10', length: 32, kind: 'public', name: 'TURN anycast, RFC 8155' },
  { prefix: '192.0.0.0', length: 24, kind: 'private', name: 'IETF protocol assignments, RFC 6890' },
  { prefix: '192.0.2.0', length: 24, kind: 'never', name: 'documentation (TEST-NET-1), RFC 5737' },
  { prefix: '192.88.99.0', length: 24, kind: 'never', name: 'deprecated 6to4 relay anycast, RFC 7526' },
  { prefix: '192.168.0.0', length: 16, kind: 'private', name: 'private-use, RFC 1918' },
  { prefix: '198.18.0.0', length: 15, kind: 'private', name: 'benchmarking, RFC 2544' },
  { prefix: '198.51.100.0', length: 24, kind: 'never', name: 'documentation (TEST-NET-2), RFC 5737' },
  { prefix: '203.0.113.0', length: 24, kind: 'never', name: 'documentation (TEST-NET-3), RFC 5737' },
  { prefix: '224.0.0.0', length: 4, kind: 'never', name: 'multicast, RFC 5771' },
  { prefix: '240.0.0.0', length: 4, kind: 'never', name: 'reserved, and the limited broadcast address, RFC 1112 and RFC 919' },
];

/**
 * The IPv6 special-purpose registry, first match wins. Forms that carry an IPv4 address (mapped,
 * IPv4-translated, compatible, NAT64, 6to4, Teredo) are not listed: they are judged by the IPv4
 * address they lead to, except the local-use NAT64 prefix, which is private itself. Inside
 * 2001::/23 only the blocks the registry marks globally reachable are ordinary destinations.
 */
const IPV6_BLOCKS: readonly SpecialBlock[] = [
  { prefix: '::', length: 128, kind: 'never', name: 'the unspecified address, RFC 4291' },
  { prefix: '::1', length: 128, kind: 'loopback', name: 'loopback, RFC 4291' },
  { prefix: '64:ff9b:1::', length: 48, kind: 'private', name: 'local-use IPv4/IPv6 translation, RFC 8215' },
  { prefix: '100::', length: 64, kind: 'never', name: 'discard-only, RFC 6666' },
  { prefix: '100:0:0:1::', length: 64, kind: 'never', name: 'dummy IPv6 prefix, RFC 9780' },
  { prefix: '2001::', length: 32, kind: 'public', name: 'Teredo, RFC 4380' },
  { prefix: '2001:1::1', length: 128, kind: 'public', name: 'port control protocol anycast, RFC 7723' },
  { prefix: '2001:1::2', length: 128, kind: 'public', name: 'TURN anycast, RFC 8155' },
  { prefix: '2001:1::3', length: 128, kind: 'public', name: 'DNS-SD service registration protocol anycast, RFC 9665' },
  { prefix: '2001:2::', length: 48, kind: 'private', name: 'benchmarking, RFC 5180' },
  { prefix: '2001:3::', length: 32, kind: 'public', name: 'AMT, RFC 7450' },
  { prefix: '2001:4:112::', length: 48, kind: 'public', name: 'AS112-v6, RFC 7535' },
  { prefix: '2001:10::', length: 28, kind: 'never', name: 'deprecated ORCHID, RFC 4843' },
  { prefix: '2001:20::', length: 28, kind: 'public', name: 'ORCHIDv2, RFC 7343' },
  { prefix: '2001:30::', length: 28, kind: 'public', name: 'drone remote ID, RFC 9374' },
  { prefix: '2001::', length: 23, kind: 'never', name: 'IETF protocol assignments, RFC 2928' },
  { prefix: '2001:db8::', length: 32, kind: 'never', name: 'documentation, RFC 3849' },
  { prefix: '3fff::', length: 20, kind: 'never', name: 'documentation, RFC 9637' },
  { prefix: '5f00::', length: 16, kind: 'private', name: 'segment routing (SRv6) SIDs, RFC 9602' },
  { prefix: 'fc00::', length: 7, kind: 'private', name: 'unique-local, RFC 4193' },
  { prefix: 'fe80::', length: 10, kind: 'private', name: 'link-local, RFC 4291' },
  { prefix: 'fec0::', length: 10, kind: 'private', name: 'deprecated site-local, RFC 3879' },
  { prefix: 'ff00::', length: 8, kind: 'never', name: 'multicast, RFC 4291' },
];

const blockLists = (blocks: readonly SpecialBlock[], type: 'ipv4' | 'ipv6') =>
  blocks.map((block) => {
    const list = new BlockList();
    list.addSubnet(block.prefix, block.length, type);
    return { ...block, list };
  });
const IPV4 = blockLists(IPV4_BLOCKS, 'ipv4');
const IPV6 = blockLists(IPV6_BLOCKS, 'ipv6');

/** Global unicast (RFC 4291 §2.4): every other IPv6 address is reserved or unassigned, unless it carries an IPv4 one. */
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/** NAT64 local-use prefix (RFC 8215): the network picks where the IPv4 address sits. */
const NAT64_LOCAL_USE = new BlockList();
NAT64_LOCAL_USE.addSubnet('64:ff9b:1::', 48, 'ipv6');

const DESCRIBED: Readonly<Record<Exclude<Kind, 'public'>, string>> = {
  never: 'not a routable address',
  loopback: 'a loopback address',
  private: 'a private or link-local address',
};

/** What the registries say of one address: its kind and, when special, the block's name. */
interface Judged {
  readonly kind: Kind;
  readonly name: string | null;
}

/**
 * Why an address may not be reached under the policy, or null when it may. Blocks of the IANA
 * special-purpose registries that are not globally reachable are refused: documentation,
 * reserved, multicast and the like always, loopback and private ones unless the policy allows
 * them; an IPv6 address outside global unicast 2000::/3 is refused unless it carries an IPv4
 * address. An IPv6 address that carries one (mapped, IPv4-translated, compatible, NAT64, 6to4,
 * Teredo) is judged as that IPv4 address too, so `[::ffff:127.0.0.1]`, `[::127.0.0.1]`,
 * `[64:ff9b::7f00:1]`, `[2002:7f00:1::]` and a Teredo address of client 127.0.0.1 are loopback.
 */
export function deniedAddress(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const own = family === 4 ? judge(address, IPV4, 'ipv4') : judgeIpv6(address);
  const ownDenied = refused(own.kind, policy);
  if (ownDenied) return `${address} is ${DESCRIBED[ownDenied]}${own.name ? ` (${own.name})` : ''}`;
  let inside = embeddedIpv4(address).map((ipv4) => [ipv4, judge(ipv4, IPV4, 'ipv4')] as const);
  // Under the local-use NAT64 prefix every layout counts, but one that reads an address that is no
  // destination at all is not the network's (a /96 address read as /48 gives 0.0.0.0).
  if (NAT64_LOCAL_USE.check(address, 'ipv6')) inside = inside.filter(([, judged]) => judged.kind !== 'never');
  for (const [ipv4, judged] of inside) {
    const denied = refused(judged.kind, policy);
    if (denied) return `${address} leads to ${ipv4}, ${DESCRIBED[denied]}${judged.name ? ` (${judged.name})` : ''}`;
  }
  return null;
}

function judge(ip: string, blocks: typeof IPV4, type: 'ipv4' | 'ipv6'): Judged {
  const block = blocks.find((b) => b.list.check(ip, type));
  return block ? { kind: block.kind, name: block.name } : { kind: 'public', name: null };
}

function judgeIpv6(ip: string): Judged {
  const listed = judge(ip, IPV6, 'ipv6');
  if (listed.name !== null || GLOBAL_UNICAST.check(ip, 'ipv6') || embeddedIpv4(ip).length > 0) return listed;
  return { kind: 'never', name: 'outside global unicast 2000::/3, RFC 4291' };
}

function refused(kind: Kind, policy: AddressPolicy): Exclude<Kind, 'public'> | null {
  if (kind === 'never') return kind;
  if (kind === 'loopback') return policy.allowLoopback ? null : kind;
  if (kind === 'private') return policy.allowPrivate ? null : kind;
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
    if (denied) return policyRefusal(field, denied);
  } else if (/^localhost\.?$/i.test(host) || /\.localhost\.?$/i.test(host)) {
    if (!policy.allowLoopback) return policyRefusal(field, `localhost is ${DESCRIBED.loopback}`);
  }
  return null;
}

/** The settings that let a shop send webhooks to its own machine or network, by what they allow. */
const ALLOWED_BY: readonly (readonly [string, string])[] = [
  [DESCRIBED.loopback, 'RESTOCK_WEBHOOK_ALLOW_LOOPBACK=1'],
  [DESCRIBED.private, 'RESTOCK_WEBHOOK_ALLOW_PRIVATE=1'],
];

/** A refused target, naming the setting that would allow it where there is one. */
function policyRefusal(field: string, denied: string): Failure {
  const setting = ALLOWED_BY.find(([described]) => denied.includes(described))?.[1];
  const allowed = setting ? ` unless ${setting} is set for the server and its workers` : '';
  return invalid(field, `${denied}; such targets are refused by the webhook address policy${allowed}`);
}
