import { describe, expect, it } from 'vitest';
import { unitCount } from './unit-count.js';

describe('unitCount', () => {
  it('says one unit in the singular and any other number in the plural', () => {
    expect([0, 1, 2, 1_000].map(unitCount)).toEqual(['0 units', '1 unit', '2 units', '1000 units']);
  });
});
