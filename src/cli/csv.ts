import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { checkWritableFile } from './file-targets.js';
import { pipeline } from 'node:stream/promises';
import { escapeFormula, unescapeFormula } from '../app/csv-formula-escape.js';
import { fail } from '../app/result.js';
import { utf8Text } from '../app/utf8-text.js';
import type { ImportRow } from '../app/import-runner.js';
import { CliFailure } from './context.js';

export interface CsvFile {
  readonly columns: readonly string[];
  readonly rows: readonly ImportRow[];
}

/**
 * Reads a CSV file with a header row into rows keyed by column, each with its line number. A row
 * with the wrong number of cells is kept (the import reports it as a bad row);
 * a file that is not CSV at all ends the command with the line where parsing stopped. Cells lose
 * the apostrophe `writeCsv` puts before text that would start a formula, so an export reads back
 * as it was.
 */
export async function readCsv(path: string): Promise<CsvFile> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  let columns: string[] | null = null;
  const rows: ImportRow[] = [];
  const text = await readTextFile(path);
  try {
    await pipeline(Readable.from([text]), parser, async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
      for await (const { record, info } of records) {
        if (columns === null) {
          columns = record.map((c) => c.trim());
          continue;
        }
        if (record.some((cell) => cell.includes('\u0000'))) {
          throw new CliFailure(fail('VALIDATION_FAILED', `file: line ${info.lines}: must not contain NUL characters`, { field: 'file', line: info.lines }));
        }
        rows.push({ line: info.lines, cells: cellsOf(columns, record.map(unescapeFormula)), width: record.length });
      }
    });
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const line = (error as { lines?: number }).lines;
    const where = line ? `line ${line}: ` : '';
    throw new CliFailure(fail('VALIDATION_FAILED', `file: ${where}${error instanceof Error ? error.message : String(error)}`, { field: 'file', line }));
  }
  if (columns === null) throw new CliFailure(fail('VALIDATION_FAILED', `file: ${path} is empty; it needs a header row`, { field: 'file' }));
  return { columns, rows };
}

/**
 * A file's text, decoded strictly: a file in another encoding is refused by line, not imported
 * garbled; a file that cannot be read ends the command naming it.
 */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? `there is no file ${path}` : code === 'EISDIR' ? `${path} is a folder, not a file` : code === 'EACCES' || code === 'EPERM' ? `${path} may not be read (permissions)` : `cannot read ${path} (${code ?? String(error)})`;
    throw new CliFailure(fail('VALIDATION_FAILED', `file: ${why}`, { field: 'file' }));
  }
  const text = utf8Text(bytes, 'file');
  if (!text.ok) throw new CliFailure(text);
  return text.value;
}

function cellsOf(columns: readonly string[], record: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  columns.forEach((column, index) => {
    cells[column] = record[index] ?? '';
  });
  return cells;
}

/**
 * Writes rows as CSV with a header to a file, or to stdout when `path` is undefined; text that
 * would start a spreadsheet formula gets a leading apostrophe, numbers are written as they are.
 */
export async function writeCsv(columns: readonly string[], rows: AsyncIterable<Readonly<Record<string, unknown>>>, path?: string): Promise<number> {
  let count = 0;
  const cells = async function* () {
    for await (const row of rows) {
      count += 1;
      yield columns.map((column) => csvValue(row[column]));
    }
  };
  if (path !== undefined) checkWritableFile('out', path);
  const out = path === undefined ? process.stdout : createWriteStream(path);
  await pipeline(cells(), stringify({ header: true, columns: [...columns] }), out, { end: path !== undefined });
  return count;
}

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? escapeFormula(value) : String(value);
}
