import { parse } from 'csv-parse/sync';
import type { ImportRow } from '../import-runner.js';
import { invalid, ok, type Result } from '../result.js';

/** Most periods a simulation may run: a century of days. */
export const MAX_PERIODS = 36_600;

/**
 * Demand per period from CSV text: one row per period, oldest first, the quantity in the last
 * column (`quantity` or `date,quantity`); a first row whose last cell is not a number is a header.
 * A bad cell is a failure naming `field` and the line.
 */
export function demandFromCsv(field: string, text: string): Result<number[]> {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    return invalid(field, `is not CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  const values: number[] = [];
  for (const [index, record] of records.entries()) {
    const cell = record[record.length - 1] ?? '';
    if (index === 0 && !/^[+-]?\d/.test(cell)) continue;
    if (!/^\d+$/.test(cell) || !Number.isSafeInteger(Number(cell))) return invalid(field, `line ${index + 1}: quantity must be a whole number ≥ 0, not "${cell}"`);
    values.push(Number(cell));
  }
  if (values.length === 0) return invalid(field, 'holds no periods of demand');
  if (values.length > MAX_PERIODS) return invalid(field, `holds more than ${MAX_PERIODS} periods`);
  return ok(values);
}

/**
 * A CSV document with a header row as import rows, each with its line number (the header is
 * line 1), as the CLI reads files: the HTTP import gets the same rows and the same messages.
 */
export function importRowsFromCsv(text: string): Result<{ columns: string[]; rows: ImportRow[] }> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return invalid('body', `${line ? `line ${line}: ` : ''}${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...data] = records;
  if (header === undefined) return invalid('body', 'is empty; it needs a header row');
  const columns = header.record.map((c) => c.trim());
  const rows = data.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(columns.map((column, index) => [column, record[index] ?? ''])),
    width: record.length,
  }));
  return ok({ columns, rows });
}
