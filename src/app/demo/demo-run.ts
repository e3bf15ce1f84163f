import type { Store } from '../ports.js';
import type { Result } from '../result.js';
import type { DemoItem } from './catalogue.js';
import type { Random } from './random.js';

/** Sets the time the store's next transactions run at: the demo replays the past through it. */
export interface DemoClock {
  set(instant: Date): void;
}

export interface DemoCounters {
  ordersPlaced: number;
  ordersRejected: number;
  ordersCancelled: number;
  shipments: number;
  purchaseOrders: number;
  receipts: number;
  unitsLost: number;
}

/** What every step of the replay shares. */
export interface DemoRun {
  readonly store: Store;
  readonly clock: DemoClock;
  readonly random: Random;
  readonly items: readonly DemoItem[];
  /** The real current time: the replay stops here. */
  readonly now: Date;
  readonly counters: DemoCounters;
}

export const DEMO_ACTOR = 'demo';

/** Moves the store's clock to a time of a day (`YYYY-MM-DD`, `HH:MM`), never past the real now. */
export function setTime(run: DemoRun, day: string, time: string): void {
  const instant = new Date(`${day}T${time}:00.000Z`);
  run.clock.set(instant.getTime() > run.now.getTime() ? run.now : instant);
}

/** The value of a step the demo expects to succeed; a failure here is a bug in the demo itself. */
export function expectOk<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo: ${what} failed: ${result.code} ${result.message}`);
  return result.value;
}
