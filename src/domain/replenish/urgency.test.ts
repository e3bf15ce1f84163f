import { describe, expect, it } from 'vitest';
import { urgency } from './urgency.js';

describe('urgency', () => {
  const stock = { onHand: 100, incoming: 500, allocated: 20, backordered: 10 };

  it('counts days of free stock at mean demand, ignoring incoming', () => {
    expect(urgency(stock, 10, 14)).toEqual({ daysUntilStockout: 7, stockoutWithinLeadTime: true });
    expect(urgency(stock, 5, 14)).toEqual({ daysUntilStockout: 14, stockoutWithinLeadTime: false });
  });

  it('is 0 once free stock is gone and null without demand', () => {
    expect(urgency({ ...stock, backordered: 200 }, 10, 3)).toEqual({
      daysUntilStockout: 0,
      stockoutWithinLeadTime: true,
    });
    expect(urgency(stock, 0, 3)).toEqual({ daysUntilStockout: null, stockoutWithinLeadTime: false });
  });

  it('has no stockout in sight when the stock outlasts a century of forecast demand', () => {
    expect(urgency(stock, 70 / 36_500, 14)).toEqual({ daysUntilStockout: 36_500, stockoutWithinLeadTime: false });
    expect(urgency(stock, 2.4e-7, 14)).toEqual({ daysUntilStockout: null, stockoutWithinLeadTime: false });
  });
});
