import { addDays, dateOf, isIsoDate } from '../../domain/dates.js';
import type { UnitOfWork } from '../ports.js';
import { invalid, ok, type Failure, type Result } from '../result.js';
import { checkInteger, checkKnownFields, checkQuantity, checkSku, firstFailure, isRecord, MAX_LINES } from '../validate.js';
import { MAX_LEAD_TIME_DAYS } from './manage-suppliers.js';
import type { NewPurchaseOrderLine, Supplier } from './ports.js';

/** A purchase-order line as asked for: unit cost and expected date may be left to defaults. */
export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitCost?: number;
  readonly expectedOn?: string;
}

export const MAX_MONEY = 2_000_000_000;

/** Checks a `YYYY-MM-DD` field, naming it on failure. */
export function checkDate(field: string, value: unknown): Failure | null {
  return typeof value === 'string' && isIsoDate(value) ? null : invalid(field, 'must be a date written YYYY-MM-DD');
}

/** Checks one requested line's fields (`sku`, `quantity`, optional `unitCost`, `expectedOn`). */
export function checkRequestedLine(field: string, line: unknown): Failure | null {
  if (!isRecord(line)) return invalid(field, 'must be an object');
  return firstFailure(
    checkKnownFields(field, line, ['sku', 'quantity', 'unitCost', 'expectedOn']),
    checkSku(`${field}.sku`, line['sku']),
    checkQuantity(`${field}.quantity`, line['quantity']),
    line['unitCost'] !== undefined ? checkInteger(`${field}.unitCost`, line['unitCost'], 0, MAX_MONEY) : null,
    line['expectedOn'] !== undefined ? checkDate(`${field}.expectedOn`, line['expectedOn']) : null,
  );
}

/** Checks a list of requested lines under `field` (e.g. `lines`); an empty list is allowed when `allowEmpty`. */
export function parseRequestedLines(field: string, value: unknown, { allowEmpty = false } = {}): Result<RequestedLine[]> {
  if (!Array.isArray(value)) return invalid(field, 'must be a list of lines');
  if (!allowEmpty && value.length === 0) return invalid(field, 'must have at least one line');
  if (value.length > MAX_LINES) return invalid(field, `must have at most ${MAX_LINES} lines`);
  for (const [index, line] of value.entries()) {
    const failure = checkRequestedLine(`${field}[${index}]`, line);
    if (failure) return failure;
  }
  return ok(value as RequestedLine[]);
}

/**
 * Why an expected date cannot be taken, or null: one that has passed (goods cannot come in the
 * past), or one further out than the longest lead time a supplier may quote (MAX_LEAD_TIME_DAYS):
 * the date becomes waiting customers' promise date, so a slip such as 9999-12-31 must not.
 */
export function expectedDateProblem(date: string, today: string): string | null {
  if (date < today) return `${date} has passed; goods can be expected today (${today}) or later`;
  const latest = addDays(today, MAX_LEAD_TIME_DAYS);
  return date > latest ? `${date} is more than ${MAX_LEAD_TIME_DAYS} days away, the longest lead time; goods can be expected by ${latest} at the latest` : null;
}

/** `expectedDateProblem` as a failure naming the field. */
export function checkExpectedOn(field: string, date: string, today: string): Failure | null {
  const problem = expectedDateProblem(date, today);
  return problem ? invalid(field, problem) : null;
}

/**
 * Turns requested lines into rows for one supplier: unknown skus and expected dates that have
 * passed or lie beyond the longest lead time are a failure naming the line; the unit cost defaults to the item–supplier link's (else
 * the item's), the expected date to today + the lead time (see leadTimeDays), marked so sending
 * counts it again from that day.
 */
export async function resolveLines(tx: UnitOfWork, supplier: Supplier, lines: readonly RequestedLine[], field = 'lines'): Promise<Result<NewPurchaseOrderLine[]>> {
  const items = await tx.findItems([...new Set(lines.map((l) => l.sku))]);
  const unknown = lines.findIndex((l) => !items.some((i) => i.sku === l.sku));
  if (unknown >= 0) return invalid(`${field}[${unknown}].sku`, `no item with sku ${lines[unknown]?.sku}`);
  const today = dateOf(new Date(tx.now));
  for (const [index, line] of lines.entries()) {
    const refused = line.expectedOn !== undefined ? checkExpectedOn(`${field}[${index}].expectedOn`, line.expectedOn, today) : null;
    if (refused) return refused;
  }
  const links = await tx.purchasing.listLinks({ supplierId: supplier.id });
  return ok(
    lines.map((line) => {
      const item = items.find((i) => i.sku === line.sku);
      if (!item) throw new Error(`resolveLines: ${line.sku} vanished`);
      const link = links.find((l) => l.itemId === item.id);
      return {
        itemId: item.id,
        quantity: line.quantity,
        unitCost: line.unitCost ?? link?.unitCost ?? item.unitCost,
        expectedOn: line.expectedOn ?? addDays(today, leadTimeDays(supplier, link)),
        expectedByLeadTime: line.expectedOn === undefined,
      };
    }),
  );
}

/** Days an item takes to come from a supplier: its link's lead time, else the supplier's. */
export function leadTimeDays(supplier: Pick<Supplier, 'leadTimeDays'>, link: { readonly leadTimeDays: number | null } | undefined): number {
  return link?.leadTimeDays ?? supplier.leadTimeDays;
}
