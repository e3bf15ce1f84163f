import { parse } from 'csv-parse/sync';
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
