import { describe, expect, it } from 'vitest';
import { importRowsFromCsv } from './import-rows-from-csv.js';

describe('importRowsFromCsv', () => {
  const tooMany = { maxRows: 2, advice: 'split the file' };

  it('reads rows with their line numbers, up to a limit of rows', () => {
    expect(importRowsFromCsv('sku,count\nA,1\n"B",2\n', tooMany)).toEqual({
      ok: true,
      value: { columns: ['sku', 'count'], rows: [{ line: 2, cells: { sku: 'A', count: '1' }, width: 2 }, { line: 3, cells: { sku: 'B', count: '2' }, width: 2 }] },
    });
  });

  it('refuses more rows than the limit as soon as it meets one, never reading the rest', () => {
    // The unclosed quote far beyond the limit is never reached: the refusal is the count.
    const text = `sku,count\n${'A,1\n'.repeat(100_000)}"B,2\n`;
    expect(importRowsFromCsv(text, tooMany)).toMatchObject({ ok: false, message: 'body: has more than the 2 rows one upload takes: split the file', details: { field: 'body' } });
    expect(importRowsFromCsv(text)).toMatchObject({ ok: false, message: expect.stringMatching(/^body: line 100002: /) });
  });
});
