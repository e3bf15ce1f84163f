import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectItems } from './item-selection.js';

const item = (sku: string, key: number | null) => ({ sku, key });

describe('selectItems', () => {
  it('orders by key, null last, ties by sku, then cuts the page', () => {
    const items = [item('D', null), item('C', 2), item('B', 1), item('A', 2)];
    const keyOf = (i: { key: number | null }) => i.key;
    expect(selectItems(items, { sort: 'daysOfSupply', offset: 0, limit: null }, keyOf).map((i) => i.sku)).toEqual(['B', 'A', 'C', 'D']);
    expect(selectItems(items, { sort: 'daysOfSupply', offset: 1, limit: 2 }, keyOf).map((i) => i.sku)).toEqual(['A', 'C']);
    expect(selectItems(items, { sort: 'daysOfSupply', offset: 0, limit: 0 }, keyOf)).toEqual([]);
    expect(selectItems(items, { sort: 'daysOfSupply', offset: 9, limit: 2 }, keyOf)).toEqual([]);
  });

  it('pages through every item exactly once, whatever the page size', () => {
    const items = fc.uniqueArray(fc.record({ sku: fc.string({ minLength: 1, maxLength: 4 }), key: fc.option(fc.integer({ min: -3, max: 3 })) }), { selector: (i) => i.sku, maxLength: 40 });
    fc.assert(fc.property(items, fc.integer({ min: 1, max: 7 }), (list, size) => {
      const seen: string[] = [];
      for (let offset = 0; offset < list.length; offset += size) {
        seen.push(...selectItems(list, { sort: 'sku', offset, limit: size }, (i) => i.key).map((i) => i.sku));
      }
      expect(seen).toEqual(selectItems(list, { sort: 'sku', offset: 0, limit: null }, (i) => i.key).map((i) => i.sku));
      expect([...seen].sort()).toEqual(list.map((i) => i.sku).sort());
    }));
  });
});
