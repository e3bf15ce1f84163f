import { dateOf } from '../../domain/dates.js';
import { snapshotStatuses } from '../item-status.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import type { Store } from '../ports.js';
import { fail, invalid, ok, Rollback, type Failure, type Result } from '../result.js';
import { settleItems } from '../settle-items.js';
import { checkInteger, checkKnownFields, checkQuantity, checkText, firstFailure, isRecord, MAX_LINES } from '../validate.js';
import { isOpenSupply, lockPurchaseOrder, statusFromLines, wrongStatus } from './lock-purchase-order.js';
import { checkDate, checkNotPast, MAX_MONEY } from './new-lines.js';
import type { PurchaseOrderLinePatch, PurchaseOrderRecord } from './ports.js';
import { openUnits, type PurchaseOrderView } from './purchase-order-view.js';
import { purchaseOrderAnswer } from './supplier-terms.js';

interface LineEdit extends PurchaseOrderLinePatch {
  readonly id: number;
  /** Records the units not received as cancelled: the supplier will not send them. */
  readonly cancelRemaining?: true;
}

interface UpdateRequest {
  readonly reference?: string | null;
  readonly lines: readonly LineEdit[];
}

/**
 * Edits an order that is not closed: its reference, and the quantity, unit cost or expected date
 * (not one that has passed) of open lines, or on a sent order a line's remaining units cancelled
 * (the supplier will not send them: they count as ordered and not delivered, as on a cancelled
 * order). A quantity may not fall below the units already received; a line brought down to them
 * is complete, and an order whose lines are all complete is closed (`received`, or `cancelled`
 * if nothing came). Promise dates of waiting backorders follow in the same transaction.
 */
export async function updatePurchaseOrder(store: Store, poId: number, input: unknown, actor: string): Promise<Result<PurchaseOrderView>> {
  const parsed = parseUpdate(input);
  if (!parsed.ok) return parsed;
  return store.transaction(async (tx) => {
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    const failure = wrongStatus(order, 'editing', ['draft', 'ordered', 'partially_received']);
    if (failure) return failure;
    const before = await snapshotStatuses(tx, items);
    const today = dateOf(new Date(tx.now));
    for (const [index, edit] of parsed.value.lines.entries()) {
      const { id, cancelRemaining, ...patch } = edit;
      const refused = checkEdit(order, edit, `lines[${index}]`, today);
      if (refused) throw new Rollback(refused);
      if (cancelRemaining) await tx.purchasing.cancelLineRemainder(id);
      else await tx.purchasing.updatePurchaseOrderLine(id, patch);
    }
    if (parsed.value.reference !== undefined) await tx.purchasing.setPurchaseOrder(poId, { reference: parsed.value.reference });
    const edited = (await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord;
    if (isOpenSupply(order.status)) {
      const status = statusFromLines(edited.lines);
      await tx.purchasing.setPurchaseOrder(poId, status === 'received' || status === 'cancelled' ? { status, closedAt: tx.now } : { status });
      await settleItems(tx, items.map((i) => i.id), before, actor);
    }
    return ok(await purchaseOrderAnswer(tx, await recordPurchaseOrderChange(tx, actor, 'updated', poId, order)));
  });
}

function checkEdit(order: PurchaseOrderRecord, edit: LineEdit, field: string, today: string): Failure | null {
  const line = order.lines.find((l) => l.id === edit.id);
  if (!line) return invalid(`${field}.id`, `purchase order ${order.id} has no line ${edit.id}`);
  if (openUnits(line) === 0) {
    const done = line.cancelled > 0 ? 'complete (its remaining units were cancelled)' : 'fully received';
    return fail('CONFLICT', `${field}.id: line ${line.lineNo} (${line.sku}) is ${done} and can no longer change`, { field: `${field}.id` });
  }
  if (edit.cancelRemaining && order.status === 'draft') {
    return fail('CONFLICT', `${field}.cancelRemaining: purchase order ${order.id} is a draft; remove the line instead`, { field: `${field}.cancelRemaining` });
  }
  if (edit.expectedOn !== undefined) {
    const passed = checkNotPast(`${field}.expectedOn`, edit.expectedOn, today);
    if (passed) return passed;
  }
  if (edit.quantity !== undefined && edit.quantity < line.received) {
    return fail('CONFLICT', `${field}.quantity: ${line.received} units of line ${line.lineNo} were already received`, {
      field: `${field}.quantity`, received: line.received,
    });
  }
  return null;
}

function parseUpdate(input: unknown): Result<UpdateRequest> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['reference', 'lines']),
    input['reference'] !== undefined && input['reference'] !== null ? checkText('reference', input['reference'], { max: 100 }) : null,
  );
  if (failure) return failure;
  const lines = input['lines'] ?? [];
  if (!Array.isArray(lines)) return invalid('lines', 'must be a list of line changes');
  if (lines.length > MAX_LINES) return invalid('lines', `must have at most ${MAX_LINES} lines`);
  if (lines.length === 0 && input['reference'] === undefined) return invalid('body', 'give a reference or line changes');
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    if (!isRecord(line)) return invalid(field, 'must be an object');
    const lineFailure = firstFailure(
      checkKnownFields(field, line, ['id', 'quantity', 'unitCost', 'expectedOn', 'cancelRemaining']),
      checkInteger(`${field}.id`, line['id'], 1, Number.MAX_SAFE_INTEGER),
      line['quantity'] !== undefined ? checkQuantity(`${field}.quantity`, line['quantity']) : null,
      line['unitCost'] !== undefined ? checkInteger(`${field}.unitCost`, line['unitCost'], 0, MAX_MONEY) : null,
      line['expectedOn'] !== undefined ? checkDate(`${field}.expectedOn`, line['expectedOn']) : null,
      line['cancelRemaining'] !== undefined && line['cancelRemaining'] !== true ? invalid(`${field}.cancelRemaining`, 'must be true when given') : null,
      line['cancelRemaining'] === true && Object.keys(line).length > 2 ? invalid(`${field}.cancelRemaining`, 'give it alone: a cancelled remainder has nothing left to change') : null,
      Object.keys(line).length === 1 ? invalid(field, 'give a quantity, unitCost, expectedOn or cancelRemaining') : null,
    );
    if (lineFailure) return lineFailure;
    if (lines.slice(0, index).some((l: Record<string, unknown>) => l['id'] === line['id'])) return invalid(`${field}.id`, 'must not repeat a line');
  }
  const reference = input['reference'] as string | null | undefined;
  return ok({ ...(reference !== undefined ? { reference } : {}), lines: lines as LineEdit[] });
}
