import { describe, expect, it } from 'vitest';
import { generateDemand, type DemandSpec } from './demand-process.js';
import { createRandom } from './random.js';

function demandOf(spec: DemandSpec, seed = 1): readonly number[] {
  const result = generateDemand(spec, createRandom(seed));
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.value;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('generateDemand', () => {
  it('passes a recorded series through unchanged', () => {
    expect(demandOf({ kind: 'series', values: [3, 0, 7] })).toEqual([3, 0, 7]);
  });

  it('generates rounded, non-negative normal demand', () => {
    const values = demandOf({ kind: 'normal', periods: 50_000, mean: 20, sd: 5 });
    expect(values).toHaveLength(50_000);
    expect(values.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
    expect(Math.abs(mean(values) - 20)).toBeLessThan(0.1);
    expect(demandOf({ kind: 'normal', periods: 1000, mean: 1, sd: 5 }).every((value) => value >= 0)).toBe(true);
  });

  it('generates Poisson demand', () => {
    expect(Math.abs(mean(demandOf({ kind: 'poisson', periods: 50_000, mean: 3.5 })) - 3.5)).toBeLessThan(0.05);
  });

  it('generates intermittent demand: occurrences with the given probability, sizes ≥ 1', () => {
    const values = demandOf({ kind: 'intermittent', periods: 50_000, probability: 0.2, sizeMean: 6, sizeSd: 3 });
    const occurrences = values.filter((value) => value > 0);
    expect(Math.abs(occurrences.length / values.length - 0.2)).toBeLessThan(0.01);
    expect(occurrences.every((value) => Number.isInteger(value) && value >= 1)).toBe(true);
  });

  it('reproduces the same demand from the same seed', () => {
    const spec: DemandSpec = { kind: 'normal', periods: 100, mean: 10, sd: 4 };
    expect(demandOf(spec, 5)).toEqual(demandOf(spec, 5));
    expect(demandOf(spec, 5)).not.toEqual(demandOf(spec, 6));
  });

  it.each<[string, DemandSpec, string]>([
    ['an empty series', { kind: 'series', values: [] }, 'demand.values'],
    ['a negative value', { kind: 'series', values: [1, -2] }, 'demand.values[1]'],
    ['a fractional value', { kind: 'series', values: [1.5] }, 'demand.values[0]'],
    ['zero periods', { kind: 'normal', periods: 0, mean: 1, sd: 1 }, 'demand.periods'],
    ['a negative σ', { kind: 'normal', periods: 5, mean: 1, sd: -1 }, 'demand.sd'],
    ['a probability above 1', { kind: 'intermittent', periods: 5, probability: 1.2, sizeMean: 2, sizeSd: 1 }, 'demand.probability'],
    ['an unknown kind', JSON.parse('{"kind":"chaotic","periods":5}') as DemandSpec, 'demand.kind'],
  ])('rejects %s', (_label, spec, field) => {
    expect(generateDemand(spec, createRandom(1))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', field });
  });
});
