import { clientNetwork } from './client-network.js';

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
