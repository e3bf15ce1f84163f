import { describe, expect, it } from 'vitest';
import { wantsEvent } from './event-types.js';

describe('wantsEvent', () => {
  it('matches everything for an empty filter, exact types and families', () => {
    expect(wantsEvent([], 'order.placed')).toBe(true);
    expect(wantsEvent(['order.placed'], 'order.placed')).toBe(true);
    expect(wantsEvent(['order.*'], 'order.shipped')).toBe(true);
    expect(wantsEvent(['order.*'], 'orders.shipped')).toBe(false);
    expect(wantsEvent(['item.status_changed'], 'stock.low')).toBe(false);
  });
});
