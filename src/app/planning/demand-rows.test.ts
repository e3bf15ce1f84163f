import { describe, expect, it } from 'vitest';
import { demandRowsFromCsv, type DemandRows } from './demand-rows.js';

async function read(text: string, maxRows?: number): Promise<DemandRows> {
  const result = await demandRowsFromCsv(text, 'body', maxRows === undefined ? undefined : { maxRows, advice: 'split it' });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function rowsOf(file: DemandRows): unknown[][] {
  return Array.from({ length: file.size }, (_, row) => [
    file.line(row),
    file.skus[file.sku(row)],
    file.days[file.day(row)],
    file.quantity(row),
    file.location(row) < 0 ? null : file.locations[file.location(row)],
  ]);
}

describe('demandRowsFromCsv', () => {
  it('reads rows by column name with their lines, trimming cells and undoing an export\'s formula apostrophe', async () => {
    const file = await read('\uFEFFquantity, sku ,date,location\n 3 ,WIDGET,2026-01-05,MAIN\n\n"4","\'=ODD",2026-01-06,\n');
    expect(file.columns).toEqual(['quantity', 'sku', 'date', 'location']);
    expect(rowsOf(file)).toEqual([[2, 'WIDGET', '2026-01-05', 3, 'MAIN'], [4, '=ODD', '2026-01-06', 4, null]]);
  });

  it('keeps each sku, date and location text once however many rows use it', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `S${i % 3},2026-01-0${(i % 2) + 1},${i},L${i % 4}`);
    const file = await read(`sku,date,quantity,location\n${lines.join('\n')}`);
    expect(file.size).toBe(5_000);
    expect([file.skus.length, file.days.length, file.locations.length]).toEqual([3, 2, 4]);
    // Growing past the first columns' room keeps every earlier row as it was.
    expect(rowsOf(file)[4_999]).toEqual([5_001, 'S1', '2026-01-02', 4_999, 'L3']);
    expect(rowsOf(file)[1_023]).toEqual([1_025, 'S0', '2026-01-02', 1_023, 'L3']);
  });

  it('counts a quoted line break into the next row\'s line number', async () => {
    const file = await read('sku,date,quantity\n"WID\nGET",2026-01-05,1\nBOLT,2026-01-05,2\n');
    expect(rowsOf(file).map((r) => r[0])).toEqual([3, 4]);
  });

  it('notes quantities that are not whole numbers and rows of the wrong width, leaving the checks to the import', async () => {
    const file = await read('sku,date,quantity\nA,2026-01-05,1.5\nB,2026-01-05,\nC,2026-01-05,-2,extra\nD,2026-01-05,99999999999999999999\n');
    expect(Number.isNaN(file.quantity(0))).toBe(true);
    expect([...file.badQuantities]).toEqual([[0, '1.5'], [1, ''], [3, '99999999999999999999']]);
    expect(file.quantity(2)).toBe(-2);
    expect([...file.wrongWidths]).toEqual([[2, 4]]);
  });

  it('reads a missing column as empty cells, for the import to name', async () => {
    const file = await read('sku,quantity\nA,1\n');
    expect(rowsOf(file)).toEqual([[2, 'A', '', 1, null]]);
  });

  it('refuses, naming the field: malformed CSV with its line, NUL characters, an empty document', async () => {
    expect(await demandRowsFromCsv('sku,date,quantity\nA,2026-01-05,"1\n', 'body')).toMatchObject({ ok: false, message: expect.stringMatching(/^body: line 2: Quote Not Closed/) });
    expect(await demandRowsFromCsv('sku,date,quantity\nA,2026-01-05,1\nB\u0000,2026-01-05,1\n', 'file')).toMatchObject({ ok: false, message: 'file: line 3: must not contain NUL characters', details: { field: 'file' } });
    expect(await demandRowsFromCsv('', 'body')).toMatchObject({ ok: false, message: 'body: is empty; it needs a header row' });
    expect(await demandRowsFromCsv('\n\n', 'body')).toMatchObject({ ok: false, message: 'body: is empty; it needs a header row' });
  });

  it('refuses more rows than allowed, stopping at the first row beyond them', async () => {
    // A malformed row far past the limit is never reached: the count refusal comes first.
    const text = `sku,date,quantity\n${'A,2026-01-05,1\n'.repeat(300)}"broken\n`;
    expect(await demandRowsFromCsv(text, 'body', { maxRows: 100, advice: 'split it' })).toMatchObject({ ok: false, message: 'body: has more than the 100 rows one upload takes: split it' });
    expect((await read('sku,date,quantity\nA,2026-01-05,1\n', 1)).size).toBe(1);
  });

  it('gives the event loop back while parsing a large document', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const file = await read(`sku,date,quantity\n${'WIDGET,2026-01-05,1\n'.repeat(100_000)}`);
      expect(file.size).toBe(100_000);
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(5);
  });
});
