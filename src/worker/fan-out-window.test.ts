import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fanOutWindow } from './fan-out-window.js';

const events = (...seqs: number[]) => seqs.map((seq) => ({ seq }));
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe('fanOutWindow', () => {
  it('passes holes at once on SQLite, where commits follow the sequence', () => {
    const window = fanOutWindow({ cursor: { lastSeq: 0, gap: null }, events: events(1, 3, 4), holeWritersEnded: null, writersNow: null, now: at(0) });
    expect(window.ready.map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(window.cursor).toEqual({ lastSeq: 4, gap: null });
  });

  it('stops in front of a new hole on PostgreSQL and remembers who was writing', () => {
    const window = fanOutWindow({ cursor: { lastSeq: 0, gap: null }, events: events(1, 3, 4), holeWritersEnded: false, writersNow: ['3/7', '4/9'], now: at(0) });
    expect(window.ready.map((e) => e.seq)).toEqual([1]);
    expect(window.cursor).toEqual({ lastSeq: 1, gap: { horizon: 4, writers: ['3/7', '4/9'], seenAt: at(0) } });
  });

  it('passes the hole once those writers have ended, and judges a newer hole afresh', () => {
    const cursor = { lastSeq: 1, gap: { horizon: 4, writers: ['3/7'], seenAt: at(0) } };
    expect(fanOutWindow({ cursor, events: events(3, 4, 6), holeWritersEnded: false, writersNow: ['5/1'], now: at(10) }).ready).toEqual([]);
    const passed = fanOutWindow({ cursor, events: events(3, 4, 6), holeWritersEnded: true, writersNow: ['5/1'], now: at(10) });
    expect(passed.ready.map((e) => e.seq)).toEqual([3, 4]);
    expect(passed.cursor).toEqual({ lastSeq: 4, gap: { horizon: 6, writers: ['5/1'], seenAt: at(10) } });
  });

  it('forgets a hole that filled in', () => {
    const cursor = { lastSeq: 1, gap: { horizon: 4, writers: ['3/7'], seenAt: at(0) } };
    const window = fanOutWindow({ cursor, events: events(2, 3, 4), holeWritersEnded: false, writersNow: null, now: at(10) });
    expect(window.ready.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(window.cursor).toEqual({ lastSeq: 4, gap: null });
  });

  it('only ever releases a prefix of what it read, and never moves the cursor past an event it did not release', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 30 }),
        fc.constantFrom(null, true, false),
        fc.option(fc.record({ horizon: fc.integer({ min: 1, max: 60 }), writers: fc.array(fc.string()), seenAt: fc.constant(at(0)) }), { nil: null }),
        (seqs, holeWritersEnded, gap) => {
          const read = events(...[...seqs].sort((a, b) => a - b));
          const window = fanOutWindow({ cursor: { lastSeq: 0, gap }, events: read, holeWritersEnded, writersNow: [], now: at(1) });
          expect(read.slice(0, window.ready.length)).toEqual(window.ready);
          const next = read[window.ready.length];
          if (next) expect(window.cursor.lastSeq).toBeLessThan(next.seq);
          for (const e of window.ready) expect(window.cursor.lastSeq).toBeGreaterThanOrEqual(e.seq);
          // A hole is only passed on SQLite or when its recorded writers have ended.
          if (holeWritersEnded !== true && holeWritersEnded !== null) {
            window.ready.forEach((e, i) => expect(e.seq).toBe(i + 1));
          }
        },
      ),
    );
  });
});
