import { isIP } from 'node:net';

/** Most clients remembered at once; beyond it the oldest window is forgotten first. */
const MAX_CLIENTS = 10_000;

/**
 * Failed authentications per client, each counted in a window that starts at its first failure,
 * so a client over the limit is refused before any key lookup until its window ends. A client is
 * its network as clientNetwork names it: an IPv6 /64 counts once, however many of its addresses
 * try. Successful requests are never counted. Memory is bounded: ended windows are dropped, and
 * at most MAX_CLIENTS clients are remembered.
 */
export class FailedAuthentications {
  /** In order of window start, so ended windows are at the front. */
  private readonly clients = new Map<string, { failures: number; until: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whole seconds until the client at `address` may try again; 0 while it has failures left. */
  retryAfterSeconds(address: string): number {
    const window = this.current(clientNetwork(address));
    if (!window || window.failures < this.max) return 0;
    return Math.max(1, Math.ceil((window.until - this.now()) / 1000));
  }

  /** Counts one failed authentication of the client at `address`. */
  record(address: string): void {
    const client = clientNetwork(address);
    const window = this.current(client);
    if (window) {
      window.failures += 1;
      return;
    }
    this.dropEnded();
    if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    this.clients.set(client, { failures: 1, until: this.now() + this.windowMs });
  }

  private current(client: string): { failures: number; until: number } | undefined {
    const window = this.clients.get(client);
    if (window && window.until <= this.now()) {
      this.clients.delete(client);
      return undefined;
    }
    return window;
  }

  private dropEnded(): void {
    const now = this.now();
    for (const [client, window] of this.clients) {
      if (window.until > now) return;
      this.clients.delete(client);
    }
  }
}

/**
 * What a client address is counted as: an IPv4 address as itself, an IPv4-mapped IPv6 address
 * (`::ffff:a.b.c.d`, how a dual-stack socket sees an IPv4 client) as that IPv4 address, and any
 * other IPv6 address as its /64 (`2001:db8:1:2::/64`). A /64 is what one end site is given, so
 * an attacker holding one has 2^64 addresses: counted one by one, each would get its own tries.
 */
export function clientNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` shorthand, a dotted IPv4 tail, a zone). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const [head = '', tail] = text.split('::');
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
