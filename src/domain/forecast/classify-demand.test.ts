import { describe, expect, it } from 'vitest';
import { classifyDemand } from './classify-demand.js';

/** `buckets` buckets of which the first `demands` hold the given sizes in turn. */
function series(buckets: number, demands: number, sizes: readonly number[]): number[] {
  return Array.from({ length: buckets }, (_, t) => (t < demands ? (sizes[t % sizes.length] ?? 0) : 0));
}

describe('classifyDemand (Syntetos–Boylan)', () => {
  it('classes the four quadrants', () => {
    expect(classifyDemand([5, 5, 6, 5]).demandClass).toBe('smooth');
    expect(classifyDemand([1, 9, 1, 9]).demandClass).toBe('erratic');
    expect(classifyDemand([0, 5, 0, 5, 0, 6]).demandClass).toBe('intermittent');
    expect(classifyDemand([0, 1, 0, 9, 0, 0]).demandClass).toBe('lumpy');
    expect(classifyDemand([0, 0]).demandClass).toBe('none');
  });

  it('puts ADI exactly 1.32 on the infrequent side', () => {
    const onCutoff = classifyDemand(series(33, 25, [4])); // 33 / 25 = 1.32
    expect(onCutoff.adi).toBe(1.32);
    expect(onCutoff.demandClass).toBe('intermittent');
    const below = classifyDemand(series(32, 25, [4])); // 1.28
    expect(below.demandClass).toBe('smooth');
  });

  it('puts CV² exactly 0.49 on the irregular side', () => {
    // Sizes 17 and 3: mean 10, population variance 49, CV² = 49 / 100.
    const onCutoff = classifyDemand([17, 3, 17, 3]);
    expect(onCutoff.cv2).toBe(0.49);
    expect(onCutoff.demandClass).toBe('erratic');
    // Sizes 16.9 and 3.1: CV² = 0.4761.
    expect(classifyDemand([16.9, 3.1, 16.9, 3.1]).demandClass).toBe('smooth');
  });
});
