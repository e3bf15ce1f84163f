import { expectAnswer, type Answered, type ApiClient, type Outcome } from './http-client.js';

/** Where the load works: locations and items created by `seedLoadCatalogue`. */
export interface Catalogue {
  readonly skus: readonly string[];
  readonly locations: readonly string[];
}

interface LineView {
  readonly id: number;
  readonly sku: string;
  readonly quantity: number;
  readonly allocated: number;
  readonly backordered: number;
  readonly shipped: number;
  readonly cancelled: number;
}

export interface OrderView {
  readonly id: number;
  readonly status: string;
  readonly lines: readonly LineView[];
}

export interface OrderBody {
  readonly externalId?: string;
  readonly priority: number;
  readonly shortage: 'backorder' | 'partial' | 'in_stock_only';
  readonly customer?: { readonly email: string };
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
}

/** How the first answer to a request went: accepted (2xx), rejected by the rules (4xx), or unknown. */
export type FirstOutcome = 'accepted' | 'refused' | 'lost';

export interface OrderAttempt {
  readonly key: string;
  readonly body: OrderBody;
  outcome: FirstOutcome;
  /** The status of the answer that settled it (201, or 409 for an order rejected as out of stock). */
  status?: number;
  orderId?: number;
}

export interface StockAttempt {
  /** Unique reason text: finds the attempt's movements in the ledger. */
  readonly tag: string;
  readonly kind: 'adjustment' | 'transfer';
  readonly body: Record<string, unknown>;
  outcome: FirstOutcome;
  /** The adjustment's acknowledged delta. */
  delta?: number;
}

/** Everything the load asked for and what it was told, so the effects can be checked afterwards. */
export class Journal {
  readonly orders = new Map<string, OrderAttempt>();
  readonly stock = new Map<string, StockAttempt>();
  /** line id → the highest shipped and cancelled counts an acknowledged answer reported. */
  readonly lines = new Map<number, { orderId: number; shipped: number; cancelled: number }>();
  /** The latest acknowledged view of every accepted order. */
  readonly views = new Map<number, OrderView>();
  /** The most recently accepted orders (what shipments, cancellations and priority changes pick from). */
  readonly recent: number[] = [];
  readonly statuses = new Map<string, number>();
  requests = 0;
  lost = 0;
  /** While true (a database outage), 503 UNAVAILABLE is an expected answer; its latencies are kept. */
  allowUnavailable = false;
  readonly unavailableMs: number[] = [];
  /** 5xx answers and answers the load never expects (auth, not found, mismatch): must stay empty. */
  readonly unexpected: string[] = [];
  private sequence = 0;

  constructor(readonly runId: string) {}

  nextId(kind: string): string {
    this.sequence += 1;
    return `${this.runId}-${kind}-${this.sequence}`;
  }

  record(what: string, outcome: Outcome): void {
    this.requests += 1;
    if (outcome.kind === 'lost') {
      this.lost += 1;
      return;
    }
    const code = (outcome.body as { error?: { code?: string } } | null)?.error?.code;
    const label = code ? `${outcome.status} ${code}` : String(outcome.status);
    this.statuses.set(label, (this.statuses.get(label) ?? 0) + 1);
    if (outcome.status === 503 && code === 'UNAVAILABLE' && this.allowUnavailable) {
      this.unavailableMs.push(outcome.ms);
      return;
    }
    const expected = outcome.status < 300 || (outcome.status === 409 && code !== undefined) || (outcome.status === 400 && code === 'VALIDATION_FAILED' && what === 'cancel');
    if (!expected) this.unexpected.push(`${what}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
  }

  /** Remembers the counts an acknowledged answer reported for each line (they never go down). */
  remember(view: OrderView): void {
    if (!this.views.has(view.id)) {
      this.recent.push(view.id);
      if (this.recent.length > 100) this.recent.shift();
    }
    this.views.set(view.id, view);
    for (const line of view.lines) {
      const seen = this.lines.get(line.id);
      this.lines.set(line.id, {
        orderId: view.id,
        shipped: Math.max(seen?.shipped ?? 0, line.shipped),
        cancelled: Math.max(seen?.cancelled ?? 0, line.cancelled),
      });
    }
  }

  /** Totals for reports. */
  summary(): Record<string, unknown> {
    const count = <T extends { outcome: FirstOutcome }>(map: Map<string, T>, outcome: FirstOutcome) => [...map.values()].filter((a) => a.outcome === outcome).length;
    return {
      requests: this.requests,
      lost: this.lost,
      ordersAccepted: count(this.orders, 'accepted'),
      ordersRefused: count(this.orders, 'refused'),
      ordersLost: count(this.orders, 'lost'),
      stockAccepted: count(this.stock, 'accepted'),
      stockLost: count(this.stock, 'lost'),
      statuses: Object.fromEntries([...this.statuses].sort()),
    };
  }
}

/** A small deterministic random source (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Creates two locations and ten items through the API: items 0–5 may be backordered (the odd ones
 * up to a limit of 40 units), items 6–9 may not; each starts with 25 units at A and 10 at B.
 */
export async function seedLoadCatalogue(client: ApiClient, prefix: string): Promise<Catalogue> {
  const locations = [`${prefix}-A`, `${prefix}-B`];
  const skus = Array.from({ length: 10 }, (_, i) => `${prefix}-SKU-${i}`);
  const post = async (path: string, body: unknown) => expectAnswer(await client.send('POST', path, body), 201, `POST ${path}`);
  for (const [index, code] of locations.entries()) await post('/locations', { code, name: `Load ${code}`, priority: index * 5 });
  for (const [index, sku] of skus.entries()) {
    const allow = index < 6;
    await post('/items', {
      sku, name: `Load item ${sku}`, unitPrice: 1000 + index, unitCost: 600, leadTimeDays: 7, lowStockThreshold: 3,
      backorderPolicy: allow ? 'allow' : 'deny', ...(allow && index % 2 === 1 ? { backorderLimit: 40 } : {}),
    });
    await post('/stock/adjustments', { sku, location: locations[0], delta: 25, reason: 'opening count' });
    await post('/stock/adjustments', { sku, location: locations[1], delta: 10, reason: 'opening count' });
  }
  return { skus, locations };
}

export interface LoadOptions {
  readonly workers: number;
  readonly random: () => number;
  /** Pause between a worker's requests (ms); 0 runs flat out. */
  readonly pauseMs?: number;
}

export interface RunningLoad {
  /** Requests sent and not yet answered or lost. */
  inFlight(): number;
  /** Stops issuing requests and waits for the ones in flight to end (answered or lost). */
  stop(): Promise<void>;
}

/**
 * Runs `workers` clients in a loop of mixed requests — orders with an Idempotency-Key (some with an
 * externalId), receipts and counts, negative adjustments, transfers, shipments, cancellations,
 * priority changes and reads — recording every request and answer in the journal.
 */
export function runMixedLoad(client: ApiClient, catalogue: Catalogue, journal: Journal, options: LoadOptions): RunningLoad {
  let stopped = false;
  let inFlight = 0;
  const random = options.random;
  const send: ApiClient['send'] = async (...args) => {
    inFlight += 1;
    try {
      return await client.send(...args);
    } finally {
      inFlight -= 1;
    }
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  async function placeOrder(): Promise<void> {
    const key = journal.nextId('order');
    const skus = [...new Set(Array.from({ length: int(1, 3) }, () => pick(catalogue.skus)))];
    const body: OrderBody = {
      ...(random() < 0.2 ? { externalId: journal.nextId('ext') } : {}),
      priority: int(-1, 2),
      shortage: pick(['backorder', 'backorder', 'partial', 'in_stock_only'] as const),
      ...(random() < 0.3 ? { customer: { email: `${key}@example.com` } } : {}),
      lines: skus.map((sku) => ({ sku, quantity: int(1, 4) })),
    };
    const attempt: OrderAttempt = { key, body, outcome: 'lost' };
    journal.orders.set(key, attempt);
    const outcome = await send('POST', '/orders', body, { 'idempotency-key': key });
    journal.record('order', outcome);
    settleOrderAttempt(journal, attempt, outcome);
  }

  async function adjust(): Promise<void> {
    const tag = journal.nextId('adjust');
    const roll = random();
    const amount = roll < 0.7 ? { delta: int(1, 12) } : roll < 0.9 ? { delta: -int(1, 4) } : { count: int(5, 30) };
    const body = { sku: pick(catalogue.skus), location: pick(catalogue.locations), ...amount, reason: tag };
    const attempt: StockAttempt = { tag, kind: 'adjustment', body, outcome: 'lost' };
    journal.stock.set(tag, attempt);
    const outcome = await send('POST', '/stock/adjustments', body);
    journal.record('adjustment', outcome);
    if (outcomeKnown(outcome)) {
      attempt.outcome = outcome.status === 201 ? 'accepted' : 'refused';
      if (outcome.status === 201) attempt.delta = (outcome.body as { delta: number }).delta;
    }
  }

  async function transfer(): Promise<void> {
    const tag = journal.nextId('transfer');
    const [from, to] = random() < 0.5 ? catalogue.locations : [...catalogue.locations].reverse();
    const body = { sku: pick(catalogue.skus), from, to, quantity: int(1, 3), reason: tag };
    const attempt: StockAttempt = { tag, kind: 'transfer', body, outcome: 'lost' };
    journal.stock.set(tag, attempt);
    const outcome = await send('POST', '/stock/transfers', body);
    journal.record('transfer', outcome);
    if (outcomeKnown(outcome)) attempt.outcome = outcome.status === 201 ? 'accepted' : 'refused';
  }

  function openOrder(): OrderView | undefined {
    const open = journal.recent.map((id) => journal.views.get(id) as OrderView).filter((v) => v.status !== 'cancelled' && v.status !== 'shipped');
    return open.length === 0 ? undefined : pick(open);
  }

  async function ship(): Promise<void> {
    const view = openOrder();
    const line = view?.lines.find((l) => l.allocated > 0);
    if (!view || !line) return placeOrder();
    const outcome = await send('POST', `/orders/${view.id}/shipments`, { lines: [{ sku: line.sku, quantity: int(1, line.allocated) }] });
    journal.record('shipment', outcome);
    if (outcome.kind === 'answered' && outcome.status === 200) journal.remember(outcome.body as OrderView);
  }

  async function cancel(): Promise<void> {
    const view = openOrder();
    if (!view) return placeOrder();
    const line = view.lines.find((l) => l.backordered + l.allocated > 0);
    const body = random() < 0.4 || !line ? {} : { lines: [{ sku: line.sku, quantity: 1 }] };
    const outcome = await send('POST', `/orders/${view.id}/cancel`, body);
    journal.record('cancel', outcome);
    if (outcome.kind === 'answered' && outcome.status === 200) journal.remember(outcome.body as OrderView);
  }

  async function reprioritise(): Promise<void> {
    const view = openOrder();
    if (!view) return placeOrder();
    const outcome = await send('PATCH', `/orders/${view.id}`, { priority: int(-2, 3) });
    journal.record('priority', outcome);
    if (outcome.kind === 'answered' && outcome.status === 200) journal.remember(outcome.body as OrderView);
  }

  async function read(): Promise<void> {
    const outcome = random() < 0.5
      ? await send('GET', `/availability?${catalogue.skus.slice(0, 4).map((s) => `sku=${s}`).join('&')}`)
      : await send('GET', `/backorders?sku=${pick(catalogue.skus)}`);
    journal.record('read', outcome);
  }

  async function worker(): Promise<void> {
    while (!stopped) {
      const roll = random();
      if (roll < 0.4) await placeOrder();
      else if (roll < 0.58) await adjust();
      else if (roll < 0.66) await transfer();
      else if (roll < 0.78) await ship();
      else if (roll < 0.9) await cancel();
      else if (roll < 0.94) await reprioritise();
      else await read();
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  }

  const running = Array.from({ length: options.workers }, () => worker());
  return {
    inFlight: () => inFlight,
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

/** Records the answer to an order request (201 accepted, 409 rejected: both are stored outcomes). */
export function settleOrderAttempt(journal: Journal, attempt: OrderAttempt, outcome: Outcome): void {
  if (!outcomeKnown(outcome)) return;
  if (outcome.status === 201) {
    const view = outcome.body as OrderView;
    attempt.outcome = 'accepted';
    attempt.status = 201;
    attempt.orderId = view.id;
    journal.remember(view);
  } else {
    attempt.outcome = 'refused';
    attempt.status = outcome.status;
  }
}

/**
 * False for no answer or a 503: the request may or may not have taken effect (a commit can succeed while its
 * acknowledgement is lost), so only all-or-nothing can be checked, and the client should retry.
 */
export function outcomeKnown(outcome: Outcome): outcome is Answered {
  return outcome.kind === 'answered' && outcome.status !== 503;
}
