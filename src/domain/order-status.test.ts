import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isClosed, orderStatus, WAITING_STATUSES, type LineUnits } from './order-status.js';

const line = (allocated: number, backordered: number, shipped: number, cancelled: number): LineUnits => ({
  quantity: allocated + backordered + shipped + cancelled, allocated, backordered, shipped, cancelled,
});

const linesArb = fc.array(
  fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.nat({ max: 3 })).filter((units) => units.some((u) => u > 0)).map((u) => line(...u)),
  { minLength: 1, maxLength: 4 },
);

describe('orderStatus', () => {
  it('derives the status from where the units stand', () => {
    expect(orderStatus([line(2, 0, 0, 0)])).toBe('open');
    expect(orderStatus([line(1, 1, 0, 0)])).toBe('backordered');
    expect(orderStatus([line(1, 1, 1, 0)])).toBe('partially_shipped');
    expect(orderStatus([line(0, 0, 2, 1)])).toBe('shipped');
    expect(orderStatus([line(0, 0, 0, 3)])).toBe('cancelled');
    expect(orderStatus([line(0, 0, 0, 3), line(0, 2, 0, 0)])).toBe('backordered');
  });

  it('is closed (shipped or cancelled) exactly when no unit is open, and shipped only if something shipped', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        const status = orderStatus(lines);
        const open = lines.some((l) => l.allocated + l.backordered > 0);
        const shipped = lines.some((l) => l.shipped > 0);
        expect(status === 'shipped' || status === 'cancelled').toBe(!open);
        if (!open) expect(status).toBe(shipped ? 'shipped' : 'cancelled');
        if (open && shipped) expect(status).toBe('partially_shipped');
        if (open && !shipped) expect(status).toBe(lines.some((l) => l.backordered > 0) ? 'backordered' : 'open');
      }),
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        expect(orderStatus([...lines].reverse())).toBe(orderStatus(lines));
      }),
    );
  });

  it('is closed exactly when nothing of the order is open any more', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        expect(isClosed(orderStatus(lines))).toBe(lines.every((l) => l.allocated + l.backordered === 0));
      }),
    );
    expect(isClosed('rejected')).toBe(true);
  });

  it('shows one of the waiting statuses whenever units wait, and backordered only then', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        const status = orderStatus(lines);
        if (lines.some((l) => l.backordered > 0)) expect(WAITING_STATUSES).toContain(status);
        else expect(status).not.toBe('backordered');
      }),
    );
  });
});
