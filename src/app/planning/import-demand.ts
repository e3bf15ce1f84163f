import { dateOf, isIsoDate } from '../../domain/dates.js';
import { checkColumns, integerCell, wrongWidths, type ImportOptions, type ImportProblem, type ImportReport, type ImportRow } from '../import-runner.js';
import type { Store, UnitOfWork } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import { MAX_QUANTITY, SKU_PATTERN } from '../validate.js';
import type { DemandHistoryRow } from './ports.js';

export const DEMAND_COLUMNS = ['sku', 'date', 'quantity', 'location'] as const;
const REQUIRED = ['sku', 'date', 'quantity'];
/** Earliest demand a file may hold: older dates are typing mistakes, not history. */
const EARLIEST_DAY = '1900-01-01';
/** Rows written per step of the progress bar. */
const WRITE_CHUNK = 2000;

/**
 * Imports past demand from a long-format CSV (`sku,date,quantity[,location]`), so a shop starts
 * forecasting with its history. All or nothing: a bad date (today or later), a negative or
 * fractional quantity, an unknown sku or location is reported with its line and nothing is
 * written (unless `skipInvalid`). Rows of the same sku, location and date add up; the sum
 * replaces what an earlier import stored for that day, so importing a file twice counts it once.
 * Imported days add to the demand Restock records from orders, so an item's days from its first
 * order on are refused (they would count twice): import only what came before. A
 * row with a location counts for it and for the network (forecasts sum every row of an item).
 */
export async function importDemand(store: Store, columns: readonly string[], rows: readonly ImportRow[], options: ImportOptions): Promise<Result<ImportReport>> {
  const header = checkColumns(columns, REQUIRED, DEMAND_COLUMNS);
  if (header) return header;
  return store.transaction(async (tx) => {
    const problems = new Map<number, ImportProblem>();
    for (const problem of wrongWidths(rows, columns)) problems.set(problem.line, problem);
    const parsed = await parseRows(tx, rows, problems);
    if (problems.size > 0 && !options.skipInvalid) return rejected(rows.length, problems);
    const totals = new Map<string, DemandHistoryRow>();
    for (const row of parsed) {
      if (problems.has(row.line)) continue;
      const key = `${row.itemId}|${row.locationId ?? ''}|${row.day}`;
      const earlier = totals.get(key);
      totals.set(key, { itemId: row.itemId, locationId: row.locationId, day: row.day, quantity: (earlier?.quantity ?? 0) + row.quantity });
    }
    const incoming = [...totals.values()];
    const counts = await countChanges(tx, incoming);
    const changed = incoming.filter((row) => counts.changed.has(keyOf(row)));
    if (!options.dryRun) {
      options.onProgress?.(0, changed.length);
      for (let start = 0; start < changed.length; start += WRITE_CHUNK) {
        await tx.planning.upsertDemandHistory(changed.slice(start, start + WRITE_CHUNK));
        options.onProgress?.(Math.min(changed.length, start + WRITE_CHUNK), changed.length);
      }
    }
    const skipped = [...problems.values()].sort((a, b) => a.line - b.line);
    return ok({ rows: rows.length, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, skipped, dryRun: options.dryRun === true });
  });
}

interface ParsedRow {
  readonly line: number;
  readonly itemId: number;
  readonly locationId: number | null;
  readonly day: string;
  readonly quantity: number;
}

/** Checks every row, noting its first problem; returns the rows that passed, resolved to ids. */
async function parseRows(tx: UnitOfWork, rows: readonly ImportRow[], problems: Map<number, ImportProblem>): Promise<ParsedRow[]> {
  const today = dateOf(new Date(tx.now));
  const note = (line: number, field: string, message: string) => {
    if (!problems.has(line)) problems.set(line, { line, field, message: `${field}: ${message}` });
  };
  const skus = [...new Set(rows.map((r) => (r.cells['sku'] ?? '').trim()).filter((s) => SKU_PATTERN.test(s)))];
  const itemIds = new Map<string, number>();
  for (let start = 0; start < skus.length; start += 500) {
    for (const item of await tx.findItems(skus.slice(start, start + 500))) itemIds.set(item.sku, item.id);
  }
  // From an item's first order on, Restock counts its demand itself: imported days from then on would count twice.
  const countedSince = await tx.planning.firstOrderDays([...itemIds.values()]);
  const codes = [...new Set(rows.map((r) => (r.cells['location'] ?? '').trim()).filter((c) => c !== ''))];
  const locationIds = new Map((await tx.findLocations(codes)).map((l) => [l.code, l.id] as const));
  const parsed: ParsedRow[] = [];
  for (const row of rows) {
    const sku = (row.cells['sku'] ?? '').trim();
    const day = (row.cells['date'] ?? '').trim();
    const quantity = integerCell(row.cells['quantity']);
    const code = (row.cells['location'] ?? '').trim();
    const itemId = itemIds.get(sku);
    const locationId = code === '' ? null : locationIds.get(code);
    if (sku === '') note(row.line, 'sku', 'is required');
    else if (itemId === undefined) note(row.line, 'sku', `no item with sku ${sku}`);
    if (!isIsoDate(day)) note(row.line, 'date', `must be a date written YYYY-MM-DD, not "${day}"`);
    else if (day > today) note(row.line, 'date', `${day} is in the future; only past demand can be imported`);
    // Today's orders are being counted as they come: importing today too would count them twice.
    else if (day === today) note(row.line, 'date', `${day} is today; only days that have ended can be imported (today's orders are counted as they come)`);
    else if (day < EARLIEST_DAY) note(row.line, 'date', `${day} is before ${EARLIEST_DAY}`);
    else if (itemId !== undefined && day >= (countedSince.get(itemId) ?? '9999')) {
      note(row.line, 'date', `${day} is on or after ${countedSince.get(itemId)}, when Restock began counting the demand of ${sku} from its orders; import only earlier days`);
    }
    if (typeof quantity !== 'number') note(row.line, 'quantity', quantity === undefined ? 'is required' : `must be a whole number, not "${quantity}"`);
    else if (quantity < 0) note(row.line, 'quantity', 'must not be negative');
    else if (quantity > MAX_QUANTITY) note(row.line, 'quantity', `must be at most ${MAX_QUANTITY}`);
    if (locationId === undefined) note(row.line, 'location', `no location with code ${code}`);
    if (problems.has(row.line) || itemId === undefined || locationId === undefined || typeof quantity !== 'number') continue;
    parsed.push({ line: row.line, itemId, locationId, day, quantity });
  }
  return parsed;
}

/** How many (item, location, day) totals are new, different or the same as stored. */
async function countChanges(tx: UnitOfWork, rows: readonly DemandHistoryRow[]): Promise<{ created: number; updated: number; unchanged: number; changed: Set<string> }> {
  const changed = new Set<string>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  if (rows.length === 0) return { created, updated, unchanged, changed };
  const days = rows.map((r) => r.day).sort();
  const itemIds = [...new Set(rows.map((r) => r.itemId))];
  const stored = new Map<string, number>();
  for (let start = 0; start < itemIds.length; start += 500) {
    const existing = await tx.planning.importedHistory(itemIds.slice(start, start + 500), days[0] as string, days[days.length - 1] as string);
    for (const row of existing) stored.set(keyOf(row), row.quantity);
  }
  for (const row of rows) {
    const key = keyOf(row);
    const before = stored.get(key);
    if (before === undefined) created++;
    else if (before === row.quantity) {
      unchanged++;
      continue;
    } else updated++;
    changed.add(key);
  }
  return { created, updated, unchanged, changed };
}

function keyOf(row: DemandHistoryRow): string {
  return `${row.itemId}|${row.locationId ?? ''}|${row.day}`;
}

function rejected(total: number, problems: ReadonlyMap<number, ImportProblem>) {
  const list = [...problems.values()].sort((a, b) => a.line - b.line);
  const rows = list.length === 1 ? '1 row is' : `${list.length} rows are`;
  return fail('VALIDATION_FAILED', `${rows} invalid (of ${total}); nothing was imported`, { problems: list });
}
