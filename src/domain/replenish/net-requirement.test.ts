import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventoryPosition } from './inventory-position.js';
import { netRequirement } from './net-requirement.js';

describe('inventoryPosition', () => {
  it('is onHand + incoming − allocated − backordered', () => {
    expect(inventoryPosition({ onHand: 40, incoming: 100, allocated: 15, backordered: 30 })).toBe(95);
  });
});

describe('netRequirement', () => {
  it('orders whole lots at or below the reorder point (s, nQ)', () => {
    const rule = { kind: 'reorder-point', reorderPoint: 600, lotSize: 1000 } as const;
    expect(netRequirement(rule, 601)).toBe(0);
    expect(netRequirement(rule, 600)).toBe(1000);
    expect(netRequirement(rule, -450)).toBe(2000);
  });

  it('orders up to max at or below min, and up to S at every review', () => {
    expect(netRequirement({ kind: 'min-max', min: 50, max: 200 }, 51)).toBe(0);
    expect(netRequirement({ kind: 'min-max', min: 50, max: 200 }, 50)).toBe(150);
    expect(netRequirement({ kind: 'order-up-to', orderUpTo: 200 }, 120)).toBe(80);
    expect(netRequirement({ kind: 'order-up-to', orderUpTo: 200 }, 230)).toBe(0);
  });

  it('lifts the position above the trigger whenever it orders, by less than one lot too many', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.integer({ min: -1_000, max: 5_000 }),
        fc.integer({ min: 1, max: 3_000 }),
        (position, reorderPoint, lotSize) => {
          const need = netRequirement({ kind: 'reorder-point', reorderPoint, lotSize }, position);
          expect(need % lotSize).toBe(0);
          if (position > reorderPoint) expect(need).toBe(0);
          else {
            expect(position + need).toBeGreaterThan(reorderPoint);
            expect(position + need - lotSize).toBeLessThanOrEqual(reorderPoint);
          }
          const upTo = netRequirement({ kind: 'order-up-to', orderUpTo: reorderPoint }, position);
          expect(upTo).toBe(Math.max(0, reorderPoint - position));
        },
      ),
    );
  });
});
