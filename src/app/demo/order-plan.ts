import { addDays, daysBetween } from '../../domain/dates.js';
import type { DemoItem } from './catalogue.js';
import type { Random } from './random.js';

export interface DemoCustomer {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Key accounts are served first from the backorder queue. */
  readonly priority: number;
  readonly shortage: 'backorder' | 'partial' | 'in_stock_only';
  readonly weight: number;
}

export interface DemoOrder {
  /** When it is placed (ISO instant). */
  readonly at: string;
  readonly customer: DemoCustomer;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
}

const SURNAMES = ['Andersen', 'Baker', 'Costa', 'Dubois', 'Eriksson', 'Fischer', 'Garcia', 'Hansen', 'Iversen', 'Jensen', 'Kowalski', 'Larsen', 'Martin', 'Nielsen', 'Olsen', 'Petersen', 'Quinn', 'Rossi', 'Schmidt', 'Turner', 'Urban', 'Vogel', 'Weber', 'Young', 'Zimmer'];
const KINDS = ['Motors', 'Garage', 'Auto Repair', 'Car Service', 'Autoworks'];
const LINE_SIZES = [1, 2, 3, 4, 6];
const LINE_WEIGHTS = [60, 20, 10, 6, 4];

/** Workshops that buy parts: a few key accounts (priority 5) and many small garages with their own shortage habits. */
export function demoCustomers(random: Random): DemoCustomer[] {
  const customers: DemoCustomer[] = [];
  for (const [index, surname] of SURNAMES.entries()) {
    const key = index < 4;
    const name = `${surname} ${random.pick(KINDS)}`;
    customers.push({
      id: `C${1001 + index}`,
      name,
      email: `parts@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
      priority: key ? 5 : 0,
      shortage: key ? 'backorder' : random.weighted(['backorder', 'partial', 'in_stock_only'] as const, [70, 20, 10]),
      weight: key ? 5 : random.int(1, 3),
    });
  }
  return customers;
}

/**
 * Replays each item's monthly demand as order lines on random days and times of that month
 * (windowed months end today, and nothing is placed after `now`), then groups lines of the same
 * customer and day into one order, in time order.
 */
export function planOrders(items: readonly DemoItem[], customers: readonly DemoCustomer[], windowStart: string, now: Date, random: Random): DemoOrder[] {
  const grouped = new Map<string, { at: string; customer: DemoCustomer; lines: Map<string, number> }>();
  const weights = customers.map((c) => c.weight);
  for (const item of items) {
    item.demand.forEach((units, month) => {
      const from = addMonths(windowStart, month);
      const days = daysBetween(from, addMonths(windowStart, month + 1));
      let remaining = units;
      while (remaining > 0) {
        const quantity = Math.min(remaining, random.weighted(LINE_SIZES, LINE_WEIGHTS));
        remaining -= quantity;
        const day = addDays(from, random.int(0, days - 1));
        const at = `${day}T${pad(random.int(7, 18))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}.000Z`;
        if (Date.parse(at) >= now.getTime()) continue;
        const customer = random.weighted(customers, weights);
        const key = `${customer.id}|${day}`;
        const order = grouped.get(key) ?? { at, customer, lines: new Map<string, number>() };
        order.lines.set(item.sku, (order.lines.get(item.sku) ?? 0) + quantity);
        if (at < order.at) grouped.set(key, { ...order, at });
        else grouped.set(key, order);
      }
    });
  }
  return [...grouped.values()]
    .map((o) => ({ at: o.at, customer: o.customer, lines: [...o.lines].map(([sku, quantity]) => ({ sku, quantity })) }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.customer.id.localeCompare(b.customer.id));
}

/** The same day `months` calendar months later (clamped to the month's last day), `YYYY-MM-DD`. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
