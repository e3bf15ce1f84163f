import { parse } from 'csv-parse/sync';
import { unescapeFormula } from './csv-formula-escape.js';
import type { ImportRow } from './import-runner.js';
import { invalid, ok, type Result } from './result.js';

/**
 * A CSV document with a header row as import rows, each with its line number (the header is
 * line 1), as the CLI reads files: the HTTP imports get the same rows and the same messages, and
 * cells lose the apostrophe an export puts before text that would start a formula, so an
 * exported file imports unchanged. With `tooMany`, a document of more rows is refused as soon as
 * the parser meets one row beyond them, so memory stays bounded whatever the body's size.
 */
export function importRowsFromCsv(text: string, tooMany?: { readonly maxRows: number; readonly advice: string }): Result<{ columns: string[]; rows: ImportRow[] }> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // `to` counts the header too: at most one row beyond the limit is ever built.
    const to = tooMany ? { to: tooMany.maxRows + 2 } : {};
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, ...to }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return invalid('body', `${line ? `line ${line}: ` : ''}${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...data] = records;
  if (header === undefined) return invalid('body', 'is empty; it needs a header row');
  if (tooMany && data.length > tooMany.maxRows) return invalid('body', `has more than the ${tooMany.maxRows} rows one upload takes: ${tooMany.advice}`);
  const columns = header.record.map((c) => c.trim());
  const rows = data.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(columns.map((column, index) => [column, unescapeFormula(record[index] ?? '')])),
    width: record.length,
  }));
  return ok({ columns, rows });
}
