import { describe, expect, it } from 'vitest';
import { builtCli } from './support/built-cli.js';
import { runSoak } from './support/soak.js';

/** The quick soak `npm run soak -- --quick` runs: 20 s of mixed load on SQLite (5 minutes without --quick). */
describe('a quick soak of restock serve on SQLite', () => {
  it('ends with no error, no violation, and memory that levels off', async () => {
    await builtCli();
    const report = await runSoak({ durationMs: 20_000, workers: 8, dialect: 'sqlite', sampleMs: 1_000 });
    console.log(JSON.stringify({ test: 'soak', ...report }));
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.violationSamples).toEqual([]);
    expect(report.violations).toBe(0);
    expect(report.requests).toBeGreaterThan(100);
    // Twenty seconds are mostly warm-up (JIT, statement cache, page cache): the 5-minute soak holds
    // the strict criterion (report.rssMb.bounded); here memory must only not run away.
    expect(report.rssMb.finalMedian - report.rssMb.middleMedian).toBeLessThan(48);
    expect(report.rssMb.peak - report.rssMb.start).toBeLessThan(160);
  }, 300_000);
});
