import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promiseOutcome } from './promise-outcome.js';
import type { QueueEvent } from './queue-event.js';

const at = (day: string, hour = 10) => `2026-04-${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const after = '2026-04-30T00:00:00.000Z';

describe('promiseOutcome', () => {
  it('keeps a promise filled by the end of its ETA day, even when a later count takes the units back', () => {
    const events: QueueEvent[] = [
      { at: at('02'), kind: 'filled', units: 3 },
      { at: at('04'), kind: 'returned', units: 3 },
      { at: at('06'), kind: 'filled', units: 3 },
    ];
    expect(promiseOutcome({ firstEta: '2026-04-03', waitingNow: 0, events }, after)).toBe('kept');
    // Taken back and still waiting today: the promise was still kept on its day.
    expect(promiseOutcome({ firstEta: '2026-04-03', waitingNow: 3, events: events.slice(0, 2) }, after)).toBe('kept');
  });

  it('breaks a promise with units waiting at the end of its ETA day, however they were served later', () => {
    const filledLate: QueueEvent[] = [{ at: at('04', 0), kind: 'filled', units: 2 }];
    expect(promiseOutcome({ firstEta: '2026-04-03', waitingNow: 0, events: filledLate }, after)).toBe('broken');
    const cancelledLate: QueueEvent[] = [{ at: at('01'), kind: 'filled', units: 1 }, { at: at('05'), kind: 'cancelled', units: 1 }];
    expect(promiseOutcome({ firstEta: '2026-04-03', waitingNow: 0, events: cancelledLate }, after)).toBe('broken');
  });

  it('judges nothing before the ETA day has ended, nor a backorder cancelled before it', () => {
    expect(promiseOutcome({ firstEta: '2026-04-03', waitingNow: 2, events: [] }, '2026-04-03T23:59:59.999Z')).toBeNull();
    expect(promiseOutcome({ firstEta: '2026-04-03', waitingNow: 2, events: [] }, '2026-04-04T00:00:00.000Z')).toBe('broken');
    expect(promiseOutcome({ firstEta: '2026-04-03', waitingNow: 0, events: [{ at: at('02'), kind: 'cancelled', units: 2 }] }, after)).toBeNull();
  });

  it('depends only on what happened by the end of the ETA day', () => {
    const event = fc.record({
      day: fc.integer({ min: 1, max: 9 }),
      kind: fc.constantFrom<QueueEvent['kind']>('filled', 'returned', 'cancelled'),
      units: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 8 }), fc.array(event, { maxLength: 8 }), fc.integer({ min: 0, max: 10 }), (before, later, waitingAtDue) => {
        // Lines whose history up to the end of 04-05 is the same, whatever followed it.
        const early = before.map((e) => ({ at: at(`0${Math.min(e.day, 5)}`), kind: e.kind, units: e.units }));
        const late = later.map((e) => ({ at: at(`${10 + e.day}`), kind: e.kind, units: e.units }));
        const waitingNow = late.reduce((w, e) => w + (e.kind === 'returned' ? e.units : -e.units), waitingAtDue);
        const withLater = promiseOutcome({ firstEta: '2026-04-05', waitingNow, events: [...early, ...late] }, after);
        const without = promiseOutcome({ firstEta: '2026-04-05', waitingNow: waitingAtDue, events: early }, after);
        expect(withLater).toBe(without);
      }),
    );
  });
});
