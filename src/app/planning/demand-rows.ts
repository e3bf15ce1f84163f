import { parse } from 'csv-parse';
import { finished } from 'node:stream/promises';
import { unescapeFormula } from '../csv-formula-escape.js';
import { invalid, ok, type Result } from '../result.js';

/** Characters of text handed to the parser between two turns of the event loop (a few ms of parsing). */
const PARSE_SLICE = 32 * 1024;
/** Rows a demand file starts with room for; the columns double as it grows. */
const INITIAL_ROOM = 1024;

/**
 * The rows of a demand CSV (`sku,date,quantity[,location]`) held as columns of numbers: each sku,
 * date and location text is stored once and every row refers to it by index. A history file runs
 * to millions of rows (two years of daily demand of 10,000 items is about 5 million); as objects
 * of cells that took about 1.4 kB a row (1.4 GB for a million rows, so 3 million ran a server out of
 * memory), as columns it takes about 24 bytes, and each distinct date or sku is checked once
 * instead of once a row.
 */
export class DemandRows {
  /** Distinct sku cells, trimmed, in order of first use. */
  readonly skus: string[] = [];
  /** Distinct date cells, trimmed. */
  readonly days: string[] = [];
  /** Distinct non-empty location cells, trimmed. */
  readonly locations: string[] = [];
  /** Quantity cells that are not a whole number, by row ('' when empty). */
  readonly badQuantities = new Map<number, string>();
  /** Cell counts of rows that have more or fewer cells than the header has columns, by row. */
  readonly wrongWidths = new Map<number, number>();
  private count = 0;
  private lineOf = new Int32Array(INITIAL_ROOM);
  private skuOf = new Int32Array(INITIAL_ROOM);
  private dayOf = new Int32Array(INITIAL_ROOM);
  private locationOf = new Int32Array(INITIAL_ROOM);
  private quantityOf = new Float64Array(INITIAL_ROOM);
  private readonly skuIndex = new Map<string, number>();
  private readonly dayIndex = new Map<string, number>();
  private readonly locationIndex = new Map<string, number>();
  private readonly cellIndex: { readonly sku: number; readonly date: number; readonly quantity: number; readonly location: number };

  /** `columns` as the header names them; a missing column reads as empty cells (the import names it). */
  constructor(readonly columns: readonly string[]) {
    this.cellIndex = { sku: columns.indexOf('sku'), date: columns.indexOf('date'), quantity: columns.indexOf('quantity'), location: columns.indexOf('location') };
  }

  /** How many rows the file has. */
  get size(): number {
    return this.count;
  }

  /** Adds one row of cells, read from `line` of the file. */
  add(line: number, cells: readonly string[]): void {
    if (this.count === this.lineOf.length) this.grow();
    const row = this.count++;
    const cell = (index: number) => (index < 0 ? '' : unescapeFormula(cells[index] ?? '').trim());
    this.lineOf[row] = line;
    this.skuOf[row] = indexIn(this.skus, this.skuIndex, cell(this.cellIndex.sku));
    this.dayOf[row] = indexIn(this.days, this.dayIndex, cell(this.cellIndex.date));
    const location = cell(this.cellIndex.location);
    this.locationOf[row] = location === '' ? -1 : indexIn(this.locations, this.locationIndex, location);
    const quantity = cell(this.cellIndex.quantity);
    const whole = /^[+-]?\d+$/.test(quantity) ? Number(quantity) : Number.NaN;
    if (Number.isSafeInteger(whole)) this.quantityOf[row] = whole;
    else {
      this.quantityOf[row] = Number.NaN;
      this.badQuantities.set(row, quantity);
    }
    if (cells.length !== this.columns.length) this.wrongWidths.set(row, cells.length);
  }

  line(row: number): number {
    return this.lineOf[row] as number;
  }

  /** Index into `skus`. */
  sku(row: number): number {
    return this.skuOf[row] as number;
  }

  /** Index into `days`. */
  day(row: number): number {
    return this.dayOf[row] as number;
  }

  /** Index into `locations`, or -1 when the row names none (the network). */
  location(row: number): number {
    return this.locationOf[row] as number;
  }

  /** The whole-number quantity, or NaN when the cell is not one (see `badQuantities`). */
  quantity(row: number): number {
    return this.quantityOf[row] as number;
  }

  private grow(): void {
    const room = this.lineOf.length * 2;
    this.lineOf = copyInto(new Int32Array(room), this.lineOf);
    this.skuOf = copyInto(new Int32Array(room), this.skuOf);
    this.dayOf = copyInto(new Int32Array(room), this.dayOf);
    this.locationOf = copyInto(new Int32Array(room), this.locationOf);
    this.quantityOf = copyInto(new Float64Array(room), this.quantityOf);
  }
}

/**
 * A demand CSV document (header row first) read into `DemandRows`, row by row as the parser meets
 * them, so no row object outlives its parsing; the text is fed to the parser a slice at a time,
 * giving the event loop back between slices (parsing a million rows takes seconds, which other
 * requests must not wait for). Line numbers count the header as line 1; cells lose the apostrophe
 * an export puts before text that would start a formula. Refused with a 400 naming `field`: text
 * that is not CSV (with the line), an empty document, a NUL character, and with `tooMany`, more
 * rows than it allows (as soon as the parser meets the first row beyond them).
 */
export async function demandRowsFromCsv(text: string, field: string, tooMany?: { readonly maxRows: number; readonly advice: string }): Promise<Result<DemandRows>> {
  let rows: DemandRows | null = null;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // Each record is taken here and dropped (null), so the parser keeps none of them; a refusal
    // thrown here stops it where it is.
    on_record: (record: string[], context: { lines: number }) => {
      if (record.some((cell) => cell.includes('\u0000'))) throw new Refusal(`line ${context.lines}: must not contain NUL characters`);
      if (rows === null) rows = new DemandRows(record.map((c) => c.trim()));
      else if (tooMany && rows.size === tooMany.maxRows) throw new Refusal(`has more than the ${tooMany.maxRows} rows one upload takes: ${tooMany.advice}`);
      else rows.add(context.lines, record);
      return null;
    },
  });
  const done = finished(parser.resume());
  // Awaited below; a failure while slices are still being fed must not count as unhandled meanwhile.
  done.catch(() => undefined);
  try {
    for (let at = 0; at < text.length && !parser.destroyed; at += PARSE_SLICE) {
      parser.write(text.slice(at, at + PARSE_SLICE));
      await new Promise(setImmediate);
    }
    parser.end();
    await done;
  } catch (error) {
    if (error instanceof Refusal) return invalid(field, error.message);
    const line = (error as { lines?: number }).lines;
    return invalid(field, `${line ? `line ${line}: ` : ''}${error instanceof Error ? error.message : String(error)}`);
  }
  if (rows === null) return invalid(field, 'is empty; it needs a header row');
  return ok(rows);
}

/** Why a document is refused as a whole, thrown from inside the parser to stop it. */
class Refusal extends Error {}

function indexIn(values: string[], index: Map<string, number>, value: string): number {
  let at = index.get(value);
  if (at === undefined) {
    at = values.length;
    values.push(value);
    index.set(value, at);
  }
  return at;
}

function copyInto<T extends Int32Array | Float64Array>(into: T, from: T): T {
  into.set(from);
  return into;
}
