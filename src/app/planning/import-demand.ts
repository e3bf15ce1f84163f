import { daysBetween, dateOf, isIsoDate } from '../../domain/dates.js';
import { checkColumns, type ImportOptions, type ImportProblem, type ImportReport } from '../import-runner.js';
import type { UnitOfWork, Store } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import { MAX_QUANTITY, SKU_PATTERN } from '../validate.js';
import type { DemandRows } from './demand-rows.js';
import type { DemandHistoryRow } from './ports.js';

export const DEMAND_COLUMNS = ['sku', 'date', 'quantity', 'location'] as const;
const REQUIRED = ['sku', 'date', 'quantity'];
/** Earliest demand a file may hold: older dates are typing mistakes, not history. */
const EARLIEST_DAY = '1900-01-01';
/** Day slots per (item, location) in a total's numeric key: days from EARLIEST_DAY, to the year 2258. */
const DAY_SLOTS = 2 ** 17;
/** Rows written per step of the progress bar. */
const WRITE_CHUNK = 2000;
/** Items whose stored history is read at a time, to compare it with the file's totals. */
const COMPARE_CHUNK = 200;
/**
 * Bad rows a refusal or a report lists; beyond them only their number is told. A file of millions
 * of bad rows (a wrong column order) would otherwise be a list larger than any answer may be.
 */
export const MAX_LISTED_PROBLEMS = 1000;

/** A demand import's report: `skipped` lists at most MAX_LISTED_PROBLEMS of the `skippedRows`. */
export interface DemandImportReport extends ImportReport {
  readonly skippedRows: number;
}

/**
 * Imports past demand from a long-format CSV (`sku,date,quantity[,location]`), so a shop starts
 * forecasting with its history. All or nothing: a bad date (today or later), a negative or
 * fractional quantity, an unknown sku or location is reported with its line and nothing is
 * written (unless `skipInvalid`). Rows of the same sku, location and date add up; the sum
 * replaces what an earlier import stored for that day, so importing a file twice counts it once.
 * Imported days add to the demand Restock records from orders, so an item's days from its first
 * order on are refused (they would count twice): import only what came before. A
 * row with a location counts for it and for the network (forecasts sum every row of an item).
 * Memory stays a few dozen bytes a row: totals are kept under numeric keys, and the stored
 * history is compared a few hundred items at a time.
 */
export async function importDemand(store: Store, file: DemandRows, options: ImportOptions): Promise<Result<DemandImportReport>> {
  const header = checkColumns(file.columns, REQUIRED, DEMAND_COLUMNS);
  if (header) return header;
  return store.transaction(async (tx) => {
    const { problems, totals } = await checkRows(tx, file);
    if (problems.count > 0 && !options.skipInvalid) return rejected(file.size, problems);
    const counts = await compareWithStored(tx, totals);
    if (!options.dryRun) {
      const changed = totals.size;
      options.onProgress?.(0, changed);
      let done = 0;
      for (const chunk of totals.rows(WRITE_CHUNK)) {
        await tx.planning.upsertDemandHistory(chunk);
        done += chunk.length;
        options.onProgress?.(done, changed);
      }
    }
    return ok({ rows: file.size, ...counts, skipped: problems.listed, skippedRows: problems.count, dryRun: options.dryRun === true });
  });
}

/** The first MAX_LISTED_PROBLEMS bad rows in line order, and how many there are in all. */
class ProblemList {
  readonly listed: ImportProblem[] = [];
  count = 0;

  add(line: number, field: string | null, message: string): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push({ line, field, message: field === null ? message : `${field}: ${message}` });
  }
}

/**
 * Demand summed per item, location and day, under numeric keys (the pair's number times DAY_SLOTS
 * plus the day's): a string key a row took about ten times the memory.
 */
class DayTotals {
  private readonly quantities = new Map<number, number>();
  private readonly pairs: { readonly itemId: number; readonly locationId: number | null }[] = [];
  private readonly pairIndex = new Map<string, number>();
  private readonly dayText = new Map<number, string>();
  first: string | null = null;
  last: string | null = null;

  get size(): number {
    return this.quantities.size;
  }

  add(itemId: number, locationId: number | null, day: string, dayNumber: number, quantity: number): void {
    const key = this.keyOf(itemId, locationId, dayNumber, true) as number;
    this.quantities.set(key, (this.quantities.get(key) ?? 0) + quantity);
    this.dayText.set(dayNumber, day);
    if (this.first === null || day < this.first) this.first = day;
    if (this.last === null || day > this.last) this.last = day;
  }

  /** The items the totals are of. */
  itemIds(): number[] {
    return [...new Set(this.pairs.map((p) => p.itemId))];
  }

  /** The file's total for a stored row's item, location and day, if the file has one. */
  totalOf(row: DemandHistoryRow): { readonly key: number; readonly quantity: number } | undefined {
    const key = this.keyOf(row.itemId, row.locationId, daysBetween(EARLIEST_DAY, row.day), false);
    const quantity = key === undefined ? undefined : this.quantities.get(key);
    return key === undefined || quantity === undefined ? undefined : { key, quantity };
  }

  /** Drops a total, e.g. one already stored as it is. */
  drop(key: number): void {
    this.quantities.delete(key);
  }

  /** The totals as history rows, `size` at a time. */
  *rows(size: number): Generator<DemandHistoryRow[]> {
    let chunk: DemandHistoryRow[] = [];
    for (const [key, quantity] of this.quantities) {
      const pair = this.pairs[Math.floor(key / DAY_SLOTS)] as (typeof this.pairs)[number];
      chunk.push({ itemId: pair.itemId, locationId: pair.locationId, day: this.dayText.get(key % DAY_SLOTS) as string, quantity });
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  private keyOf(itemId: number, locationId: number | null, dayNumber: number, create: boolean): number | undefined {
    const name = `${itemId}|${locationId ?? ''}`;
    let pair = this.pairIndex.get(name);
    if (pair === undefined) {
      if (!create) return undefined;
      pair = this.pairs.length;
      this.pairs.push({ itemId, locationId });
      this.pairIndex.set(name, pair);
    }
    return pair * DAY_SLOTS + dayNumber;
  }
}

/**
 * Checks every row, noting its first problem (cell count, sku, date, quantity, location, in that
 * order), and sums the rows that passed. Each distinct sku, date and location is looked up or
 * checked once.
 */
async function checkRows(tx: UnitOfWork, file: DemandRows): Promise<{ problems: ProblemList; totals: DayTotals }> {
  const today = dateOf(new Date(tx.now));
  const itemIds = new Map<string, number>();
  const lookups = file.skus.filter((s) => SKU_PATTERN.test(s));
  for (let start = 0; start < lookups.length; start += 500) {
    for (const item of await tx.findItems(lookups.slice(start, start + 500))) itemIds.set(item.sku, item.id);
  }
  // From an item's first order on, Restock counts its demand itself: imported days from then on would count twice.
  const countedSince = await tx.planning.firstOrderDays([...itemIds.values()]);
  const locationIds = new Map((await tx.findLocations(file.locations)).map((l) => [l.code, l.id] as const));
  const dayProblems = file.days.map((day) => dayProblem(day, today));
  const dayNumbers = file.days.map((day, index) => (dayProblems[index] === null ? daysBetween(EARLIEST_DAY, day) : -1));
  const skuItems = file.skus.map((sku) => itemIds.get(sku));
  const locationOf = file.locations.map((code) => locationIds.get(code));
  const problems = new ProblemList();
  const totals = new DayTotals();
  for (let row = 0; row < file.size; row++) {
    const line = file.line(row);
    const width = file.wrongWidths.get(row);
    if (width !== undefined) {
      problems.add(line, null, `row: has ${width} cells; the header has ${file.columns.length} columns`);
      continue;
    }
    const sku = file.skus[file.sku(row)] as string;
    const itemId = skuItems[file.sku(row)];
    if (sku === '') {
      problems.add(line, 'sku', 'is required');
      continue;
    }
    if (itemId === undefined) {
      problems.add(line, 'sku', `no item with sku ${sku}`);
      continue;
    }
    const day = file.days[file.day(row)] as string;
    const badDay = dayProblems[file.day(row)];
    if (badDay) {
      problems.add(line, 'date', badDay);
      continue;
    }
    const since = countedSince.get(itemId);
    if (since !== undefined && day >= since) {
      problems.add(line, 'date', `${day} is on or after ${since}, when Restock began counting the demand of ${sku} from its orders; import only earlier days`);
      continue;
    }
    const quantity = file.quantity(row);
    const quantityProblem = Number.isNaN(quantity)
      ? (file.badQuantities.get(row) ?? '') === '' ? 'is required' : `must be a whole number, not "${file.badQuantities.get(row)}"`
      : quantity < 0 ? 'must not be negative' : quantity > MAX_QUANTITY ? `must be at most ${MAX_QUANTITY}` : null;
    if (quantityProblem) {
      problems.add(line, 'quantity', quantityProblem);
      continue;
    }
    const code = file.location(row);
    const locationId = code < 0 ? null : locationOf[code];
    if (locationId === undefined) {
      problems.add(line, 'location', `no location with code ${file.locations[code]}`);
      continue;
    }
    totals.add(itemId, locationId, day, dayNumbers[file.day(row)] as number, quantity);
  }
  return { problems, totals };
}

/** Why a date cannot be imported, or null when it can (for any item not yet ordered). */
function dayProblem(day: string, today: string): string | null {
  if (!isIsoDate(day)) return `must be a date written YYYY-MM-DD, not "${day}"`;
  if (day > today) return `${day} is in the future; only past demand can be imported`;
  // Today's orders are being counted as they come: importing today too would count them twice.
  if (day === today) return `${day} is today; only days that have ended can be imported (today's orders are counted as they come)`;
  if (day < EARLIEST_DAY) return `${day} is before ${EARLIEST_DAY}`;
  return null;
}

/**
 * How many totals are new, different or the same as stored; those stored as they are leave
 * `totals`, so what remains is what to write.
 */
async function compareWithStored(tx: UnitOfWork, totals: DayTotals): Promise<{ created: number; updated: number; unchanged: number }> {
  let updated = 0;
  let unchanged = 0;
  const incoming = totals.size;
  if (totals.first === null || totals.last === null) return { created: 0, updated, unchanged };
  const itemIds = totals.itemIds();
  for (let start = 0; start < itemIds.length; start += COMPARE_CHUNK) {
    for (const stored of await tx.planning.importedHistory(itemIds.slice(start, start + COMPARE_CHUNK), totals.first, totals.last)) {
      const total = totals.totalOf(stored);
      if (total === undefined) continue;
      if (total.quantity === stored.quantity) {
        unchanged++;
        totals.drop(total.key);
      } else updated++;
    }
  }
  return { created: incoming - updated - unchanged, updated, unchanged };
}

function rejected(total: number, problems: ProblemList) {
  const rows = problems.count === 1 ? '1 row is' : `${problems.count} rows are`;
  const listed = problems.count > problems.listed.length ? `; the first ${problems.listed.length} are listed` : '';
  return fail('VALIDATION_FAILED', `${rows} invalid (of ${total}); nothing was imported${listed}`, { problems: problems.listed, invalidRows: problems.count });
}
