import { describe, expect, it } from 'vitest';
import { createLeadTimeSampler } from './lead-time.js';
import { createRandom } from './random.js';

describe('createLeadTimeSampler', () => {
  it('draws a fixed lead time every time', () => {
    const sampler = createLeadTimeSampler(4, createRandom(1));
    expect(sampler.ok && [sampler.value.next(), sampler.value.next(), sampler.value.max]).toEqual([4, 4, 4]);
  });

  it('draws from a discrete distribution with its probabilities', () => {
    const sampler = createLeadTimeSampler(
      [
        { periods: 2, probability: 0.2 },
        { periods: 5, probability: 0.5 },
        { periods: 9, probability: 0.3 },
      ],
      createRandom(1),
    );
    if (!sampler.ok) throw new Error(sampler.message);
    expect(sampler.value.max).toBe(9);
    const counts = new Map<number, number>();
    for (let draw = 0; draw < 100_000; draw += 1) {
      const periods = sampler.value.next();
      counts.set(periods, (counts.get(periods) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([2, 5, 9]);
    expect(Math.abs((counts.get(2) ?? 0) / 100_000 - 0.2)).toBeLessThan(0.006);
    expect(Math.abs((counts.get(5) ?? 0) / 100_000 - 0.5)).toBeLessThan(0.006);
  });

  it.each<[string, Parameters<typeof createLeadTimeSampler>[0], string]>([
    ['a negative lead time', -1, 'leadTime'],
    ['a fractional lead time', 1.5, 'leadTime'],
    ['no outcomes', [], 'leadTime'],
    ['a negative outcome', [{ periods: -2, probability: 1 }], 'leadTime[0].periods'],
    ['a negative probability', [{ periods: 1, probability: 1.5 }, { periods: 2, probability: -0.5 }], 'leadTime[1].probability'],
    ['probabilities not summing to 1', [{ periods: 1, probability: 0.5 }], 'leadTime'],
  ])('rejects %s', (_label, spec, field) => {
    expect(createLeadTimeSampler(spec, createRandom(1))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', field });
  });
});
