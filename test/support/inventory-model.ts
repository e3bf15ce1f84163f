/**
 * A small in-memory model of SPEC §3, written independently of src/ so the property tests can use
 * it as an oracle: every rule (allocation, shortage modes, limits, queue, release, clawback) is
 * restated here in the most direct way, and the database must agree with it after every step.
 */

export type Mode = 'backorder' | 'partial' | 'in_stock_only';
export type Outcome = { readonly ok: true } | { readonly ok: false; readonly code: string };

export interface ModelLocation {
  readonly code: string;
  /** Creation order, which is also database id order (the allocation tie-break). */
  readonly seq: number;
  readonly priority: number;
  active: boolean;
}

export interface ModelItem {
  readonly sku: string;
  policy: 'allow' | 'deny';
  limit: number | null;
  discontinued: boolean;
}

export interface ModelLine {
  id: number;
  readonly lineNo: number;
  readonly sku: string;
  readonly quantity: number;
  priority: number;
  /** Placement order: the model's stand-in for placedAt. */
  readonly seq: number;
  readonly alloc: Map<string, number>;
  backordered: number;
  shipped: number;
  cancelled: number;
}

export interface ModelOrder {
  id: number;
  priority: number;
  readonly seq: number;
  readonly rejected: boolean;
  readonly lines: ModelLine[];
}

export interface ModelState {
  readonly locations: ModelLocation[];
  readonly items: ModelItem[];
  /** `${sku}|${code}` → stock level. */
  readonly stock: Map<string, { onHand: number; allocated: number }>;
  readonly orders: ModelOrder[];
  seq: number;
}

export function emptyModel(): ModelState {
  return { locations: [], items: [], stock: new Map(), orders: [], seq: 0 };
}

export function cloneModel(m: ModelState): ModelState {
  return {
    locations: m.locations.map((l) => ({ ...l })),
    items: m.items.map((i) => ({ ...i })),
    stock: new Map([...m.stock].map(([k, v]) => [k, { ...v }])),
    orders: m.orders.map((o) => ({ ...o, lines: o.lines.map((l) => ({ ...l, alloc: new Map(l.alloc) })) })),
    seq: m.seq,
  };
}

/** Copies `from` into `into` (the model objects are shared with the command runner). */
export function replaceModel(into: ModelState, from: ModelState): void {
  into.locations.splice(0, into.locations.length, ...from.locations);
  into.items.splice(0, into.items.length, ...from.items);
  into.stock.clear();
  for (const [k, v] of from.stock) into.stock.set(k, v);
  into.orders.splice(0, into.orders.length, ...from.orders);
  into.seq = from.seq;
}

export function level(m: ModelState, sku: string, code: string): { onHand: number; allocated: number } {
  const key = `${sku}|${code}`;
  let found = m.stock.get(key);
  if (!found) {
    found = { onHand: 0, allocated: 0 };
    m.stock.set(key, found);
  }
  return found;
}

const byAllocationPreference = (a: ModelLocation, b: ModelLocation) => a.priority - b.priority || a.seq - b.seq;

export function acceptedLines(m: ModelState, sku?: string): ModelLine[] {
  return m.orders.filter((o) => !o.rejected).flatMap((o) => o.lines).filter((l) => sku === undefined || l.sku === sku);
}

export function waitingUnits(m: ModelState, sku: string): number {
  return acceptedLines(m, sku).reduce((sum, l) => sum + l.backordered, 0);
}

/** Serving order: higher priority, then earlier placement, then lower line id. */
export function servingOrder(a: ModelLine, b: ModelLine): number {
  return b.priority - a.priority || a.seq - b.seq || a.id - b.id;
}

/** Best single active location covering the quantity, else split over active ones by preference. */
function plan(m: ModelState, sku: string, quantity: number): { takes: [string, number][]; remaining: number } {
  const candidates = m.locations
    .filter((l) => l.active)
    .sort(byAllocationPreference)
    .map((l) => ({ code: l.code, free: level(m, sku, l.code).onHand - level(m, sku, l.code).allocated }))
    .filter((c) => c.free > 0);
  const whole = candidates.find((c) => c.free >= quantity);
  if (whole && quantity > 0) return { takes: [[whole.code, quantity]], remaining: 0 };
  const takes: [string, number][] = [];
  let remaining = quantity;
  for (const c of candidates) {
    if (remaining === 0) break;
    const take = Math.min(remaining, c.free);
    takes.push([c.code, take]);
    remaining -= take;
  }
  return { takes, remaining };
}

function allocate(m: ModelState, line: ModelLine, takes: readonly [string, number][]): number {
  let total = 0;
  for (const [code, quantity] of takes) {
    level(m, line.sku, code).allocated += quantity;
    line.alloc.set(code, (line.alloc.get(code) ?? 0) + quantity);
    total += quantity;
  }
  return total;
}

function unallocate(m: ModelState, line: ModelLine, code: string, quantity: number): void {
  level(m, line.sku, code).allocated -= quantity;
  const left = (line.alloc.get(code) ?? 0) - quantity;
  if (left === 0) line.alloc.delete(code);
  else line.alloc.set(code, left);
}

/** Hands free units to each queue in serving order; a partly filled head blocks everyone behind it. */
export function fillQueues(m: ModelState): void {
  for (const item of m.items) {
    const queue = acceptedLines(m, item.sku).filter((l) => l.backordered > 0).sort(servingOrder);
    for (const line of queue) {
      const p = plan(m, item.sku, line.backordered);
      line.backordered -= allocate(m, line, p.takes);
      if (p.remaining > 0) break;
    }
  }
}

function headroom(m: ModelState, sku: string): number {
  const item = m.items.find((i) => i.sku === sku) as ModelItem;
  if (item.policy !== 'allow' || item.discontinued) return 0;
  return item.limit === null ? Infinity : Math.max(0, item.limit - waitingUnits(m, sku));
}

export interface PlacedLine {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * Places an order in the model and returns it, marked `rejected` when the shortage mode refuses it
 * (then nothing is reserved). Ids are filled in by the caller from the database's answer.
 */
export function placeInModel(m: ModelState, lines: readonly PlacedLine[], mode: Mode, priority: number): ModelOrder {
  const trial = cloneModel(m);
  const seq = ++trial.seq;
  const room = new Map(trial.items.map((i) => [i.sku, mode === 'in_stock_only' ? 0 : headroom(trial, i.sku)]));
  let cut = false;
  const placed = lines.map((request, index) => {
    const line: ModelLine = {
      id: -1, lineNo: index + 1, sku: request.sku, quantity: request.quantity, priority, seq, alloc: new Map(), backordered: 0, shipped: 0, cancelled: 0,
    };
    const p = plan(trial, request.sku, request.quantity);
    allocate(trial, line, p.takes);
    const left = room.get(request.sku) as number;
    line.backordered = Math.min(left, p.remaining);
    room.set(request.sku, left - line.backordered);
    line.cancelled = p.remaining - line.backordered;
    if (line.cancelled > 0) cut = true;
    return line;
  });
  if (cut && mode !== 'partial') {
    const rejected: ModelOrder = {
      id: -1, priority, seq, rejected: true,
      lines: lines.map((l, index) => ({ id: -1, lineNo: index + 1, sku: l.sku, quantity: l.quantity, priority, seq, alloc: new Map(), backordered: 0, shipped: 0, cancelled: l.quantity })),
    };
    m.seq = seq;
    m.orders.push(rejected);
    return rejected;
  }
  const order: ModelOrder = { id: -1, priority, seq, rejected: false, lines: placed };
  trial.orders.push(order);
  fillQueues(trial);
  replaceModel(m, trial);
  return order;
}

/** Count or delta at one location; a fall below the allocations there claws back the last served lines. */
export function adjustInModel(m: ModelState, sku: string, code: string, change: { delta: number } | { count: number }): Outcome {
  const at = level(m, sku, code);
  const delta = 'delta' in change ? change.delta : change.count - at.onHand;
  if (at.onHand + delta < 0) return { ok: false, code: 'CONFLICT' };
  if (delta === 0) return { ok: true };
  const newOnHand = at.onHand + delta;
  let shortfall = at.allocated - newOnHand;
  if (shortfall > 0) {
    const holders = acceptedLines(m, sku).filter((l) => (l.alloc.get(code) ?? 0) > 0).sort(servingOrder).reverse();
    for (const line of holders) {
      if (shortfall === 0) break;
      const take = Math.min(shortfall, line.alloc.get(code) ?? 0);
      unallocate(m, line, code, take);
      line.backordered += take;
      shortfall -= take;
    }
  }
  at.onHand = newOnHand;
  fillQueues(m);
  return { ok: true };
}

/**
 * Deactivates a location: the units each line holds there, in serving order, are taken from free
 * units at the active locations as placement would take them; what none has free stays there.
 */
export function deactivateInModel(m: ModelState, code: string): void {
  const location = m.locations.find((l) => l.code === code) as ModelLocation;
  location.active = false;
  for (const item of m.items) {
    const holders = acceptedLines(m, item.sku).filter((l) => (l.alloc.get(code) ?? 0) > 0).sort(servingOrder);
    for (const line of holders) {
      const p = plan(m, item.sku, line.alloc.get(code) as number);
      unallocate(m, line, code, allocate(m, line, p.takes));
    }
  }
  fillQueues(m);
}

export function transferInModel(m: ModelState, sku: string, from: string, to: string, quantity: number): Outcome {
  const source = level(m, sku, from);
  if (quantity > source.onHand - source.allocated) return { ok: false, code: 'CONFLICT' };
  source.onHand -= quantity;
  level(m, sku, to).onHand += quantity;
  fillQueues(m);
  return { ok: true };
}

function allocationsInOrder(m: ModelState, line: ModelLine): [string, number][] {
  return m.locations
    .filter((l) => (line.alloc.get(l.code) ?? 0) > 0)
    .sort(byAllocationPreference)
    .map((l) => [l.code, line.alloc.get(l.code) as number]);
}

/** Ships allocated units line by line, best location first; all or nothing. */
export function shipInModel(m: ModelState, order: ModelOrder, requests: readonly { sku: string; quantity: number; location?: string }[]): Outcome {
  const trial = cloneModel(m);
  const twin = trial.orders[m.orders.indexOf(order)] as ModelOrder;
  for (const request of requests) {
    let need = request.quantity;
    for (const line of twin.lines.filter((l) => l.sku === request.sku)) {
      for (const [code, held] of allocationsInOrder(trial, line)) {
        if (need === 0) break;
        if (request.location !== undefined && request.location !== code) continue;
        const take = Math.min(need, held);
        unallocate(trial, line, code, take);
        level(trial, line.sku, code).onHand -= take;
        line.shipped += take;
        need -= take;
      }
    }
    if (need > 0) return { ok: false, code: 'INSUFFICIENT_ALLOCATION' };
  }
  fillQueues(trial);
  replaceModel(m, trial);
  return { ok: true };
}

function releaseLine(m: ModelState, line: ModelLine, quantity: number): void {
  const fromBackorder = Math.min(quantity, line.backordered);
  line.backordered -= fromBackorder;
  let remaining = quantity - fromBackorder;
  for (const [code, held] of allocationsInOrder(m, line).reverse()) {
    if (remaining === 0) break;
    const take = Math.min(remaining, held);
    unallocate(m, line, code, take);
    remaining -= take;
  }
  line.cancelled += quantity;
}

/** Cancels the whole order (`requests` null) or some units per sku: every line's backordered units first, then allocated ones, last lines first. */
export function cancelInModel(m: ModelState, order: ModelOrder, requests: readonly { sku: string; quantity: number }[] | null): Outcome {
  if (order.rejected) return { ok: false, code: 'CONFLICT' };
  const trial = cloneModel(m);
  const twin = trial.orders[m.orders.indexOf(order)] as ModelOrder;
  const open = (l: ModelLine) => l.quantity - l.shipped - l.cancelled;
  const wanted = requests ?? twin.lines.map((l) => ({ sku: l.sku, quantity: open(l) })).filter((r) => r.quantity > 0);
  if (wanted.length === 0) return { ok: false, code: 'CONFLICT' };
  for (const request of wanted) {
    const lines = twin.lines.filter((l) => l.sku === request.sku);
    if (lines.length === 0) return { ok: false, code: 'VALIDATION_FAILED' };
    if (request.quantity > lines.reduce((sum, l) => sum + open(l), 0)) return { ok: false, code: 'CONFLICT' };
    // Waiting units of every line first (last lines first), then allocated ones.
    let need = request.quantity;
    for (const units of [(l: ModelLine) => l.backordered, (l: ModelLine) => open(l)]) {
      for (const line of [...lines].reverse()) {
        const take = Math.min(need, units(line));
        if (take === 0) continue;
        need -= take;
        releaseLine(trial, line, take);
      }
    }
  }
  fillQueues(trial);
  replaceModel(m, trial);
  return { ok: true };
}

export function changePriorityInModel(m: ModelState, order: ModelOrder, priority: number): Outcome {
  if (['rejected', 'shipped', 'cancelled'].includes(expectedStatus(order))) return { ok: false, code: 'CONFLICT' };
  order.priority = priority;
  for (const line of order.lines) line.priority = priority;
  fillQueues(m);
  return { ok: true };
}

/** The status an accepted order must show, derived from its lines. */
export function expectedStatus(order: ModelOrder): string {
  if (order.rejected) return 'rejected';
  const sum = (f: (l: ModelLine) => number) => order.lines.reduce((s, l) => s + f(l), 0);
  const open = sum((l) => l.quantity - l.shipped - l.cancelled);
  const shipped = sum((l) => l.shipped);
  if (open === 0) return shipped > 0 ? 'shipped' : 'cancelled';
  if (shipped > 0) return 'partially_shipped';
  return sum((l) => l.backordered) > 0 ? 'backordered' : 'open';
}
