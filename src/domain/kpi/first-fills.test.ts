import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstFills } from './first-fills.js';
import type { QueueEvent } from './queue-event.js';

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 3, day, hour)).toISOString();

describe('firstFills', () => {
  it('does not count units again when a count returned them and the queue filled them again', () => {
    const events: QueueEvent[] = [
      { at: at(2, 12), kind: 'filled', units: 3 },
      { at: at(4, 12), kind: 'returned', units: 3 },
      { at: at(6, 12), kind: 'filled', units: 3 },
    ];
    expect(firstFills({ placedAt: at(1, 12), quantity: 3, placedBackordered: 3, events })).toEqual([{ at: at(2, 12), days: 1, units: 3 }]);
  });

  it('measures units allocated at placement and returned by a count from the count', () => {
    // 8 ordered, 6 allocated at once; a count takes 2 back on the 5th; 4 filled on the 9th.
    const events: QueueEvent[] = [{ at: at(5), kind: 'returned', units: 2 }, { at: at(9), kind: 'filled', units: 4 }];
    expect(firstFills({ placedAt: at(1), quantity: 8, placedBackordered: 2, events })).toEqual([
      { at: at(9), days: 8, units: 2 },
      { at: at(9), days: 4, units: 2 },
    ]);
  });

  it('fills the longest waits first and lets cancellations take the newest', () => {
    const events: QueueEvent[] = [
      { at: at(3), kind: 'returned', units: 2 },
      { at: at(4), kind: 'cancelled', units: 1 },
      { at: at(6), kind: 'filled', units: 2 },
    ];
    expect(firstFills({ placedAt: at(1), quantity: 5, placedBackordered: 1, events })).toEqual([
      { at: at(6), days: 5, units: 1 },
      { at: at(6), days: 3, units: 1 },
    ]);
  });

  it('never counts more units than the line asked for, nor than were filled, and no negative waits', () => {
    const history = fc.array(
      fc.record({ kind: fc.constantFrom<QueueEvent['kind']>('filled', 'returned', 'cancelled'), units: fc.integer({ min: 1, max: 6 }) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }), history, (quantity, backordered, steps) => {
        const events = steps.map((s, i) => ({ at: at(2 + i), kind: s.kind, units: s.units }));
        const fills = firstFills({ placedAt: at(1), quantity, placedBackordered: Math.min(backordered, quantity), events });
        const counted = fills.reduce((sum, f) => sum + f.units, 0);
        const filled = events.filter((e) => e.kind === 'filled').reduce((sum, e) => sum + e.units, 0);
        expect(counted).toBeLessThanOrEqual(Math.min(quantity, filled));
        for (const fill of fills) expect(fill.days).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
