import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { heldPromiseDates, OVERDUE_PROMISE_DAYS, promiseDates, promiseForNewBackorder, restockLeadTimeDays, type HeldPromise, type IncomingSupply, type PromisedLine, type WaitingLine } from './eta.js';

const TODAY = '2026-03-01';
const day = (offset: number) => addDays(TODAY, offset);

const queueArb: fc.Arbitrary<WaitingLine[]> = fc
  .array(fc.integer({ min: 1, max: 6 }), { maxLength: 10 })
  .map((sizes) => sizes.map((backordered, index) => ({ lineId: index + 1, backordered })));
const supplyArb: fc.Arbitrary<IncomingSupply[]> = fc.array(
  fc.record({ expectedOn: fc.integer({ min: -5, max: 40 }).map(day), quantity: fc.integer({ min: 0, max: 12 }) }),
  { maxLength: 5 },
);
/** Supply whose dates have not passed. */
const onTimeSupplyArb: fc.Arbitrary<IncomingSupply[]> = supplyArb.map((supply) => supply.filter((s) => s.expectedOn >= TODAY));
const leadArb = fc.integer({ min: 0, max: 30 });

/**
 * Independent oracle: expand supply into dated units (an overdue unit a week from today, marked as
 * an estimate; a purchase order's own date first among units of one day) and look up the date of
 * each line's last unit.
 */
function oracle(queue: readonly WaitingLine[], supply: readonly IncomingSupply[], today: string, lead: number) {
  const units = supply
    .flatMap((s) => Array.from({ length: s.quantity }, () => (s.expectedOn < today ? `${addDays(today, OVERDUE_PROMISE_DAYS)}~overdue` : s.expectedOn)))
    .sort();
  let cumulative = 0;
  let latest = today;
  return queue.map((line) => {
    cumulative += line.backordered;
    const covered = cumulative <= units.length;
    const fallback = addDays(today, lead);
    const lastUnit = units[units.length - 1]?.slice(0, 10);
    const unit = covered ? (units[cumulative - 1] as string) : null;
    const date = unit !== null ? unit.slice(0, 10) : lastUnit !== undefined && lastUnit > fallback ? lastUnit : fallback;
    latest = date > latest ? date : latest;
    return { lineId: line.lineId, eta: latest, estimated: unit === null || unit.endsWith('~overdue') };
  });
}

describe('promiseDates examples', () => {
  it('walks the queue across several purchase orders that cover it partially', () => {
    const supply = [{ expectedOn: day(9), quantity: 4 }, { expectedOn: day(0), quantity: 3 }];
    const queue = [2, 2, 2, 2].map((backordered, index) => ({ lineId: index + 1, backordered }));
    expect(promiseDates(queue, supply, TODAY, 14)).toEqual([
      { lineId: 1, eta: day(0), estimated: false },
      { lineId: 2, eta: day(9), estimated: false },
      { lineId: 3, eta: day(9), estimated: false },
      { lineId: 4, eta: day(14), estimated: true },
    ]);
  });

  it('expects an overdue purchase order a week from today, as an estimate, behind the supplier dates before it', () => {
    const supply = [{ expectedOn: day(-3), quantity: 2 }, { expectedOn: day(5), quantity: 2 }, { expectedOn: day(7), quantity: 2 }, { expectedOn: day(20), quantity: 2 }];
    const queue = [2, 2, 2, 2].map((backordered, index) => ({ lineId: index + 1, backordered }));
    expect(promiseDates(queue, supply, TODAY, 30)).toEqual([
      { lineId: 1, eta: day(5), estimated: false },
      { lineId: 2, eta: day(7), estimated: false },
      { lineId: 3, eta: day(OVERDUE_PROMISE_DAYS), estimated: true },
      { lineId: 4, eta: day(20), estimated: false },
    ]);
    expect(promiseDates([{ lineId: 1, backordered: 1 }], [{ expectedOn: day(-1), quantity: 5 }], TODAY, 3)).toEqual([
      { lineId: 1, eta: day(OVERDUE_PROMISE_DAYS), estimated: true },
    ]);
    // Due today is not overdue yet.
    expect(promiseDates([{ lineId: 1, backordered: 1 }], [{ expectedOn: TODAY, quantity: 1 }], TODAY, 3)).toEqual([
      { lineId: 1, eta: TODAY, estimated: false },
    ]);
  });

  it('moves exactly the lines a slipped purchase order covered', () => {
    const queue = [3, 2, 4, 1].map((backordered, index) => ({ lineId: index + 1, backordered }));
    const before = promiseDates(queue, [{ expectedOn: day(2), quantity: 5 }, { expectedOn: day(10), quantity: 5 }], TODAY, 30);
    const after = promiseDates(queue, [{ expectedOn: day(6), quantity: 5 }, { expectedOn: day(10), quantity: 5 }], TODAY, 30);
    expect(before.map((p) => p.eta)).toEqual([day(2), day(2), day(10), day(10)]);
    expect(after.map((p) => p.eta)).toEqual([day(6), day(6), day(10), day(10)]);
  });

  it('never promises a line earlier than a purchase order whose last units it takes', () => {
    const promises = promiseDates([{ lineId: 1, backordered: 3 }], [{ expectedOn: day(9), quantity: 1 }], TODAY, 2);
    expect(promises).toEqual([{ lineId: 1, eta: day(9), estimated: true }]);
  });

  it('gives a new backorder the promise of the next unit behind the queue', () => {
    const supply = [{ expectedOn: day(4), quantity: 3 }];
    expect(promiseForNewBackorder([{ lineId: 1, backordered: 2 }], supply, TODAY, 20)).toEqual({ eta: day(4), estimated: false });
    expect(promiseForNewBackorder([{ lineId: 1, backordered: 3 }], supply, TODAY, 20)).toEqual({ eta: day(20), estimated: true });
    expect(promiseForNewBackorder([], [], TODAY, 5, 2)).toEqual({ eta: day(5), estimated: true });
  });
});

describe('promiseDates properties', () => {
  it('matches the unit-by-unit walk of the queue against dated supply', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, leadArb, (queue, supply, lead) => {
        expect(promiseDates(queue, supply, TODAY, lead)).toEqual(oracle(queue, supply, TODAY, lead));
      }),
    );
  });

  it('gives ETAs that never decrease along the queue and are never earlier than today', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, leadArb, (queue, supply, lead) => {
        const promises = promiseDates(queue, supply, TODAY, lead);
        expect(promises.map((p) => p.lineId)).toEqual(queue.map((l) => l.lineId));
        promises.forEach((promise, index) => {
          expect(promise.eta >= TODAY).toBe(true);
          if (index > 0) expect(promise.eta >= (promises[index - 1]?.eta as string)).toBe(true);
        });
      }),
    );
  });

  it('with every supplier date still ahead, estimates only the lines beyond all supply', () => {
    fc.assert(
      fc.property(queueArb, onTimeSupplyArb, leadArb, (queue, supply, lead) => {
        const promises = promiseDates(queue, supply, TODAY, lead);
        const firstEstimated = promises.findIndex((p) => p.estimated);
        if (firstEstimated >= 0) expect(promises.slice(firstEstimated).every((p) => p.estimated)).toBe(true);
      }),
    );
  });

  it('when a purchase order slips later, moves exactly the lines it covered, to the new date', () => {
    const distinctSupply = fc
      .uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 4 })
      .chain((offsets) =>
        fc.tuple(
          fc.constant([...offsets].sort((a, b) => a - b)),
          fc.array(fc.integer({ min: 1, max: 8 }), { minLength: offsets.length, maxLength: offsets.length }),
          fc.nat({ max: offsets.length - 1 }),
        ),
      );
    fc.assert(
      fc.property(queueArb, distinctSupply, (queue, [offsets, quantities, slipped]) => {
        const supply = offsets.map((offset, index) => ({ expectedOn: day(offset), quantity: quantities[index] as number }));
        const next = offsets[slipped + 1] ?? 60;
        fc.pre(next - (offsets[slipped] as number) >= 2);
        const newDate = day((offsets[slipped] as number) + 1);
        const slippedSupply = supply.map((s, index) => (index === slipped ? { ...s, expectedOn: newDate } : s));
        const before = promiseDates(queue, supply, TODAY, 90);
        const after = promiseDates(queue, slippedSupply, TODAY, 90);
        before.forEach((promise, index) => {
          const covered = !promise.estimated && promise.eta === (supply[slipped] as IncomingSupply).expectedOn;
          const moved = after[index] as (typeof after)[number];
          if (covered) {
            expect(moved).toEqual({ ...promise, eta: newDate });
          } else {
            expect(moved).toEqual(promise);
          }
        });
      }),
    );
  });

  it('follows the position, not the line: swapping two equal backorders (a priority change) swaps their promises', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, leadArb, fc.nat(), fc.nat(), (queue, supply, lead, i, j) => {
        fc.pre(queue.length >= 2);
        const a = i % queue.length;
        const b = j % queue.length;
        const swapped = [...queue];
        const lineA = queue[a] as WaitingLine;
        const lineB = { ...(queue[b] as WaitingLine), backordered: lineA.backordered };
        const equalSized = queue.map((l, index) => (index === b ? lineB : l));
        swapped.splice(0, swapped.length, ...equalSized);
        [swapped[a], swapped[b]] = [swapped[b] as WaitingLine, swapped[a] as WaitingLine];
        const before = promiseDates(equalSized, supply, TODAY, lead);
        const after = promiseDates(swapped, supply, TODAY, lead);
        const find = (promises: typeof before, lineId: number) => promises.find((p) => p.lineId === lineId);
        expect(find(after, lineA.lineId)).toEqual({ ...find(before, lineB.lineId), lineId: lineA.lineId });
        expect(find(after, lineB.lineId)).toEqual({ ...find(before, lineA.lineId), lineId: lineB.lineId });
      }),
    );
  });

  it('pulls later ETAs forward (never back) when an earlier backorder is cancelled in whole or in part', () => {
    fc.assert(
      fc.property(queueArb, onTimeSupplyArb, leadArb, fc.nat(), fc.nat(), (queue, supply, lead, pick, keep) => {
        fc.pre(queue.length >= 1);
        const index = pick % queue.length;
        const cancelled = queue[index] as WaitingLine;
        const left = keep % cancelled.backordered;
        const after = left === 0 ? queue.filter((_, i) => i !== index) : queue.map((l, i) => (i === index ? { ...l, backordered: left } : l));
        const beforePromises = promiseDates(queue, supply, TODAY, lead);
        const afterPromises = promiseDates(after, supply, TODAY, lead);
        for (const promise of afterPromises) {
          const was = beforePromises.find((p) => p.lineId === promise.lineId);
          expect(promise.eta <= (was?.eta as string)).toBe(true);
          if (!was?.estimated) expect(promise.estimated).toBe(false);
        }
      }),
    );
  });

  it('strictly brings a waiting line forward when the order ahead of it is cancelled and supply arrives in two batches', () => {
    const queue = [{ lineId: 1, backordered: 3 }, { lineId: 2, backordered: 3 }];
    const supply = [{ expectedOn: day(3), quantity: 3 }, { expectedOn: day(12), quantity: 3 }];
    expect(promiseDates(queue, supply, TODAY, 30).map((p) => p.eta)).toEqual([day(3), day(12)]);
    expect(promiseDates(queue.slice(1), supply, TODAY, 30).map((p) => p.eta)).toEqual([day(3)]);
  });
});

describe('heldPromiseDates', () => {
  /** Each line of `queue` holding the promise of `promises` (as stored). */
  const holding = (queue: readonly WaitingLine[], promises: readonly HeldPromise[]): PromisedLine[] =>
    queue.map((line, index) => {
      const promise = promises[index] as HeldPromise;
      return { ...line, eta: promise.eta, etaEstimated: promise.estimated, etaMadeOn: promise.madeOn };
    });
  const fresh = (queue: readonly WaitingLine[]): PromisedLine[] => queue.map((line) => ({ ...line, eta: null, etaEstimated: false, etaMadeOn: null }));

  it('keeps a lead-time estimate that has not passed when only the days went by', () => {
    const line = { lineId: 1, backordered: 2, eta: day(10), etaEstimated: true, etaMadeOn: day(0) };
    expect(heldPromiseDates([line], [], day(3), 10)).toEqual([{ lineId: 1, eta: day(10), estimated: true, madeOn: day(0) }]);
    // Due today is still ahead; the day after, it has passed and is made afresh.
    expect(heldPromiseDates([line], [], day(10), 10)).toEqual([{ lineId: 1, eta: day(10), estimated: true, madeOn: day(0) }]);
    expect(heldPromiseDates([line], [], day(11), 10)).toEqual([{ lineId: 1, eta: day(21), estimated: true, madeOn: day(11) }]);
  });

  it('moves a promise on news, later or earlier: a longer or shorter lead time, a purchase order, one turning overdue', () => {
    const line = { lineId: 1, backordered: 2, eta: day(10), etaEstimated: true, etaMadeOn: day(0) };
    expect(heldPromiseDates([line], [], day(3), 20)).toEqual([{ lineId: 1, eta: day(20), estimated: true, madeOn: day(0) }]);
    expect(heldPromiseDates([line], [], day(3), 5)).toEqual([{ lineId: 1, eta: day(5), estimated: true, madeOn: day(0) }]);
    expect(heldPromiseDates([line], [], day(3), 2)).toEqual([{ lineId: 1, eta: day(5), estimated: true, madeOn: day(3) }]); // day 2 has passed: 2 days from today
    expect(heldPromiseDates([line], [{ expectedOn: day(30), quantity: 5 }], day(3), 10)).toEqual([{ lineId: 1, eta: day(30), estimated: false, madeOn: day(0) }]);
    expect(heldPromiseDates([line], [{ expectedOn: day(6), quantity: 5 }], day(3), 10)).toEqual([{ lineId: 1, eta: day(6), estimated: false, madeOn: day(0) }]);
    // A purchase order due on day 2 has not come: its units, and the line beyond them, are a week out.
    const beyond = { lineId: 2, backordered: 2, eta: day(4), etaEstimated: true, etaMadeOn: day(0) };
    const overdue = heldPromiseDates([{ lineId: 1, backordered: 3, eta: day(2), etaEstimated: false, etaMadeOn: day(0) }, beyond], [{ expectedOn: day(2), quantity: 3 }], day(3), 4);
    expect(overdue.map((p) => p.eta)).toEqual([day(3 + OVERDUE_PROMISE_DAYS), day(3 + OVERDUE_PROMISE_DAYS)]);
  });

  it('estimates afresh from today a line its purchase order no longer covers, not from the day its date was given', () => {
    // Promised the PO's day 21 on day 0; on day 8 the PO is cancelled: the 30-day lead time runs from today.
    const covered = { lineId: 1, backordered: 5, eta: day(21), etaEstimated: false, etaMadeOn: day(0) };
    expect(heldPromiseDates([covered], [], day(8), 30)).toEqual([{ lineId: 1, eta: day(38), estimated: true, madeOn: day(8) }]);
    // The same when a line with more priority takes the PO's units.
    const ahead = { lineId: 2, backordered: 5, eta: null, etaEstimated: false, etaMadeOn: null };
    expect(heldPromiseDates([ahead, covered], [{ expectedOn: day(21), quantity: 5 }], day(8), 30)).toEqual([
      { lineId: 2, eta: day(21), estimated: false, madeOn: day(8) },
      { lineId: 1, eta: day(38), estimated: true, madeOn: day(8) },
    ]);
  });

  it('moves a line whose purchase order turned overdue a week out once, not a day later with every recompute', () => {
    // Promised on day 0 from two POs (day 3 and day 8); on day 5 the first is overdue.
    const supply = [{ expectedOn: day(3), quantity: 5 }, { expectedOn: day(8), quantity: 10 }];
    const line = { lineId: 1, backordered: 15, eta: day(8), etaEstimated: false, etaMadeOn: day(0) };
    const moved = heldPromiseDates([line], supply, day(5), 30);
    expect(moved).toEqual([{ lineId: 1, eta: day(5 + OVERDUE_PROMISE_DAYS), estimated: true, madeOn: day(5) }]);
    const stored = { ...line, eta: moved[0]?.eta as string, etaEstimated: true, etaMadeOn: day(5) };
    for (const later of [6, 7, 8]) expect(heldPromiseDates([stored], supply, day(later), 30)).toEqual(moved);
    // The second PO turning overdue on day 9 is news again.
    expect(heldPromiseDates([stored], supply, day(9), 30)).toEqual([{ lineId: 1, eta: day(9 + OVERDUE_PROMISE_DAYS), estimated: true, madeOn: day(5) }]);
  });

  it('holds the week given for an overdue purchase order until it has passed', () => {
    const supply = [{ expectedOn: day(-2), quantity: 5 }];
    const line = { lineId: 1, backordered: 1, eta: day(-1 + OVERDUE_PROMISE_DAYS), etaEstimated: true, etaMadeOn: day(-1) };
    expect(heldPromiseDates([line], supply, day(2), 30)).toEqual([{ lineId: 1, eta: line.eta, estimated: true, madeOn: day(-1) }]);
    expect(heldPromiseDates([line], supply, day(OVERDUE_PROMISE_DAYS), 30)).toEqual([
      { lineId: 1, eta: day(2 * OVERDUE_PROMISE_DAYS), estimated: true, madeOn: day(OVERDUE_PROMISE_DAYS) },
    ]);
  });

  it('never promises a line later than one behind it', () => {
    // A high-priority line joins ahead of a held estimate: it takes that line's walk, which holds for it too.
    const held = { lineId: 1, backordered: 2, eta: day(10), etaEstimated: true, etaMadeOn: day(0) };
    const ahead = { lineId: 2, backordered: 1, eta: null, etaEstimated: false, etaMadeOn: null };
    expect(heldPromiseDates([ahead, held], [], day(3), 10)).toEqual([
      { lineId: 2, eta: day(10), estimated: true, madeOn: day(0) },
      { lineId: 1, eta: day(10), estimated: true, madeOn: day(0) },
    ]);
    // A line behind it that joins today gets today's estimate.
    const behind = { lineId: 3, backordered: 1, eta: null, etaEstimated: false, etaMadeOn: null };
    expect(heldPromiseDates([held, behind], [], day(3), 10).map((p) => p.eta)).toEqual([day(10), day(13)]);
  });

  it('gives what promiseDates gives to lines that hold no promise yet', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, leadArb, (queue, supply, lead) => {
        const held = heldPromiseDates(fresh(queue), supply, TODAY, lead);
        expect(held.map(({ lineId, eta, estimated }) => ({ lineId, eta, estimated }))).toEqual(promiseDates(queue, supply, TODAY, lead));
        for (const promise of held) expect(promise.madeOn).toBe(TODAY);
      }),
    );
  });

  it('never promises the past or out of queue order, and is stable: made again from what it stored, nothing moves', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, leadArb, fc.integer({ min: 1, max: 40 }), (queue, supply, lead, later) => {
        const today = day(later);
        const now = heldPromiseDates(holding(queue, heldPromiseDates(fresh(queue), supply, TODAY, lead)), supply, today, lead);
        now.forEach((promise, index) => {
          expect(promise.eta >= today).toBe(true);
          if (index > 0) expect(promise.eta >= (now[index - 1] as HeldPromise).eta).toBe(true);
        });
        expect(heldPromiseDates(holding(queue, now), supply, today, lead)).toEqual(now);
      }),
    );
  });

  it('does not move a promise later while nothing but the days changed and no estimate behind it has passed', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, fc.integer({ min: 1, max: 30 }), fc.nat(), (queue, anySupply, lead, pick) => {
        const later = 1 + (pick % Math.min(lead, OVERDUE_PROMISE_DAYS));
        const today = day(later);
        // Supply overdue already or still on time: a purchase order turning overdue is news.
        const supply = anySupply.filter((s) => s.expectedOn < TODAY || s.expectedOn >= today);
        const stored = heldPromiseDates(fresh(queue), supply, TODAY, lead);
        heldPromiseDates(holding(queue, stored), supply, today, lead).forEach((promise, index) => {
          const was = stored[index] as HeldPromise;
          if (was.eta >= today) expect(promise.eta <= was.eta).toBe(true);
        });
      }),
    );
  });
});

describe('promise dates of an item with no supply planned beyond its open purchase orders (discontinued)', () => {
  const fresh = (queue: readonly WaitingLine[]): PromisedLine[] => queue.map((line) => ({ ...line, eta: null, etaEstimated: false, etaMadeOn: null }));
  type Held = ReturnType<typeof heldPromiseDates>[number];
  const holding = (queue: readonly WaitingLine[], promises: readonly Held[]): PromisedLine[] =>
    queue.map((line, index) => {
      const promise = promises[index] as Held;
      return { ...line, eta: promise.eta, etaEstimated: promise.estimated, etaMadeOn: promise.madeOn };
    });
  /** Backordered units of the queue up to and including each line, against the supply's units. */
  const coveredLines = (queue: readonly WaitingLine[], supply: readonly IncomingSupply[]) => {
    const units = supply.reduce((sum, s) => sum + s.quantity, 0);
    let cumulative = 0;
    return queue.map((line) => (cumulative += line.backordered) <= units);
  };

  it('uses no lead time for a discontinued item, else the preferred supplier\'s or the item\'s own', () => {
    expect(restockLeadTimeDays({ discontinued: true, leadTimeDays: 14 }, 7)).toBeNull();
    expect(restockLeadTimeDays({ discontinued: false, leadTimeDays: 14 }, 7)).toBe(7);
    expect(restockLeadTimeDays({ discontinued: false, leadTimeDays: 14 }, null)).toBe(14);
  });

  it('keeps the dates of the lines open purchase orders cover and gives the rest none, a partly covered line too', () => {
    const supply = [{ expectedOn: day(9), quantity: 3 }, { expectedOn: day(-2), quantity: 2 }];
    const queue = [2, 2, 2, 1].map((backordered, index) => ({ lineId: index + 1, backordered }));
    expect(promiseDates(queue, supply, TODAY, null)).toEqual([
      { lineId: 1, eta: day(OVERDUE_PROMISE_DAYS), estimated: true },
      { lineId: 2, eta: day(9), estimated: false },
      { lineId: 3, eta: null, estimated: false },
      { lineId: 4, eta: null, estimated: false },
    ]);
    expect(promiseDates(queue, [], TODAY, null).map((p) => p.eta)).toEqual([null, null, null, null]);
  });

  it('never renews a lapsed estimate: a line that held one gets none once the item is discontinued, and keeps none as days pass', () => {
    const lapsed = { lineId: 1, backordered: 2, eta: day(-1), etaEstimated: true, etaMadeOn: day(-15) };
    const ahead = { lineId: 2, backordered: 1, eta: day(20), etaEstimated: true, etaMadeOn: day(-1) };
    expect(heldPromiseDates([ahead, lapsed], [], TODAY, null)).toEqual([
      { lineId: 2, eta: null, estimated: false, madeOn: TODAY },
      { lineId: 1, eta: null, estimated: false, madeOn: TODAY },
    ]);
    const none = { lineId: 1, backordered: 2, eta: null, etaEstimated: false, etaMadeOn: TODAY };
    expect(heldPromiseDates([none], [], day(30), null)).toEqual([{ lineId: 1, eta: null, estimated: false, madeOn: day(30) }]);
    // A purchase order placed after all is news: the line it covers gets its date.
    expect(heldPromiseDates([none], [{ expectedOn: day(40), quantity: 2 }], day(30), null)).toEqual([{ lineId: 1, eta: day(40), estimated: false, madeOn: day(30) }]);
  });

  it('gives the lines supply covers in full what a restocked item gives them, and no date to every other line', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, leadArb, (queue, supply, lead) => {
        const none = promiseDates(queue, supply, TODAY, null);
        const restocked = promiseDates(queue, supply, TODAY, lead);
        coveredLines(queue, supply).forEach((covered, index) => {
          expect(none[index]).toEqual(covered ? restocked[index] : { lineId: queue[index]?.lineId, eta: null, estimated: false });
        });
      }),
    );
  });

  it('never gives a line beyond all supply a date, however many days pass, and is stable made again from what it stored', () => {
    fc.assert(
      fc.property(queueArb, supplyArb, fc.integer({ min: 1, max: 60 }), (queue, supply, later) => {
        const today = day(later);
        const stored = heldPromiseDates(fresh(queue), supply, TODAY, null);
        const now = heldPromiseDates(holding(queue, stored), supply, today, null);
        const covered = coveredLines(queue, supply);
        now.forEach((promise, index) => {
          if (!covered[index]) expect(promise).toMatchObject({ eta: null, estimated: false });
          else expect(promise.eta !== null && promise.eta >= today).toBe(true);
          const before = now.slice(0, index).map((p) => p.eta).filter((eta): eta is string => eta !== null);
          if (promise.eta !== null) for (const eta of before) expect(eta <= promise.eta).toBe(true);
        });
        expect(heldPromiseDates(holding(queue, now), supply, today, null)).toEqual(now);
      }),
    );
  });
});
