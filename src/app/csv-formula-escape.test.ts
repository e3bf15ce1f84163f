import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from './csv-formula-escape.js';

describe('escapeFormula', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula, and only there', () => {
    expect(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(escapeFormula))
      .toEqual(['\'=HYPERLINK("http://x")', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx"]);
    expect(['Widget', 'a=b', '', "'quoted", "O'Brien", '2026-03-01'].map(escapeFormula)).toEqual(['Widget', 'a=b', '', "'quoted", "O'Brien", '2026-03-01']);
    // Text that already starts with apostrophes before a formula gets one more, so reading it back is exact.
    expect(escapeFormula("'=1")).toBe("''=1");
  });

  it('is undone exactly by unescapeFormula, and never leaves a formula at the start', () => {
    const text = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ', '1'), maxLength: 6 });
    fc.assert(fc.property(fc.oneof(text, fc.string()), (t) => {
      const cell = escapeFormula(t);
      expect(unescapeFormula(cell)).toBe(t);
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }));
  });

  it('leaves a cell it did not write alone', () => {
    expect(['-5', '=1', "'quoted", "'", 'x'].map(unescapeFormula)).toEqual(['-5', '=1', "'quoted", "'", 'x']);
  });
});
