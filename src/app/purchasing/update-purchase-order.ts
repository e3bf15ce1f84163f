import { dateOf } from '../../domain/dates.js';
import { snapshotStatuses } from '../item-status.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import type { NewEvent, Store } from '../ports.js';
import { fail, invalid, ok, Rollback, type Failure, type Result } from '../result.js';
import { settleItems } from '../settle-items.js';
import { checkInteger, checkKnownFields, checkQuantity, checkText, firstFailure, isRecord, MAX_LINES } from '../validate.js';
import { isOpenSupply, lockPurchaseOrder, statusFromLines, wrongStatus } from './lock-purchase-order.js';
import { checkDate, checkExpectedOn, MAX_MONEY } from './new-lines.js';
import type { PurchaseOrderLinePatch, PurchaseOrderRecord, PurchaseOrderStatus } from './ports.js';
import { openUnits, type PurchaseOrderView } from './purchase-order-view.js';
import { purchaseOrderAnswer } from './supplier-terms.js';

interface LineEdit extends PurchaseOrderLinePatch {
  readonly lineId: number;
  /** How the request named the line (`lineId`, or its deprecated alias `id`): refusals name that field. */
  readonly lineField: string;
  /** Records the units not received as cancelled: the supplier will not send them. */
  readonly cancelRemaining?: true;
}

interface UpdateRequest {
  readonly reference?: string | null;
  readonly lines: readonly LineEdit[];
}

/**
 * Edits an order that is not closed: its reference, and the quantity, unit cost or expected date
 * (not one that has passed, nor one beyond the longest lead time) of open lines, or on a sent
 * order a line's remaining units cancelled (the supplier will not send them: they count as
 * ordered and not delivered, as on a cancelled order). A quantity may not fall below the units already received; a line brought down to them
 * is complete, and an order whose lines are all complete is closed (`received`, or `cancelled`
 * if nothing came). Promise dates of waiting backorders follow in the same transaction. A line
 * change names its line `lineId`, as receipts do (`id` is still taken as a deprecated alias).
 */
export async function updatePurchaseOrder(store: Store, poId: number, input: unknown, actor: string): Promise<Result<PurchaseOrderView>> {
  const parsed = parseUpdate(input);
  if (!parsed.ok) return parsed;
  return store.transaction(async (tx) => {
    const reference = parsed.value.reference ?? null;
    if (reference !== null) {
      // A supplier's references name one order each, as creation keeps them: the supplier is
      // locked first, as creation locks it, so two orders cannot take one reference at once.
      const found = await tx.purchasing.findPurchaseOrder(poId);
      if (found) await tx.purchasing.lockSuppliers([found.supplier], 'exclusive');
    }
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    const failure = wrongStatus(order, 'editing', ['draft', 'ordered', 'partially_received']);
    if (failure) return failure;
    if (reference !== null && reference !== order.reference) {
      const existing = await tx.purchasing.findOrderWithReference(order.supplierId, reference);
      if (existing !== null && existing !== order.id) {
        return fail('CONFLICT', `reference: ${order.supplier} already has purchase order ${existing} with reference ${reference}`, { field: 'reference', purchaseOrderId: existing });
      }
    }
    const before = await snapshotStatuses(tx, items);
    const today = dateOf(new Date(tx.now));
    const cancelledLines: { lineId: number; sku: string; cancelled: number }[] = [];
    for (const [index, edit] of parsed.value.lines.entries()) {
      const { lineId, lineField: _named, cancelRemaining, ...patch } = edit;
      const refused = checkEdit(order, edit, `lines[${index}]`, today);
      if (refused) throw new Rollback(refused);
      if (cancelRemaining) {
        const line = order.lines.find((l) => l.id === lineId) as PurchaseOrderRecord['lines'][number];
        cancelledLines.push({ lineId, sku: line.sku, cancelled: openUnits(line) });
        await tx.purchasing.cancelLineRemainder(lineId);
      } else {
        await tx.purchasing.updatePurchaseOrderLine(lineId, patch);
      }
    }
    if (parsed.value.reference !== undefined) await tx.purchasing.setPurchaseOrder(poId, { reference: parsed.value.reference });
    const edited = (await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord;
    if (isOpenSupply(order.status)) {
      const status = statusFromLines(edited.lines);
      await tx.purchasing.setPurchaseOrder(poId, status === 'received' || status === 'cancelled' ? { status, closedAt: tx.now } : { status });
      if (cancelledLines.length > 0) await tx.insertEvents([linesCancelledEvent(order, status, cancelledLines)]);
      await settleItems(tx, items.map((i) => i.id), before, actor);
    }
    return ok(await purchaseOrderAnswer(tx, await recordPurchaseOrderChange(tx, actor, 'updated', poId, order)));
  });
}

/** `po.lines_cancelled`: the supplier will not send the rest of these lines; `status` says whether that closed the order. */
function linesCancelledEvent(order: PurchaseOrderRecord, status: PurchaseOrderStatus, lines: readonly { lineId: number; sku: string; cancelled: number }[]): NewEvent {
  return {
    type: 'po.lines_cancelled',
    subjectType: 'po',
    subjectId: String(order.id),
    payload: { poId: order.id, supplier: order.supplier, reference: order.reference, status, lines },
  };
}

function checkEdit(order: PurchaseOrderRecord, edit: LineEdit, field: string, today: string): Failure | null {
  const line = order.lines.find((l) => l.id === edit.lineId);
  if (!line) return invalid(`${field}.${edit.lineField}`, `purchase order ${order.id} has no line ${edit.lineId}`);
  // Named as the request named it (its lineId, not the line number the order shows), with its sku.
  const named = `${edit.lineField} ${edit.lineId} (${line.sku})`;
  if (openUnits(line) === 0) {
    const done = line.cancelled > 0 ? 'complete (its remaining units were cancelled)' : 'fully received';
    return fail('CONFLICT', `${field}.${edit.lineField}: ${named} is ${done} and can no longer change`, { field: `${field}.${edit.lineField}` });
  }
  if (edit.cancelRemaining && order.status === 'draft') {
    return fail('CONFLICT', `${field}.cancelRemaining: purchase order ${order.id} is a draft; remove the line instead`, { field: `${field}.cancelRemaining` });
  }
  if (edit.expectedOn !== undefined) {
    const refused = checkExpectedOn(`${field}.expectedOn`, edit.expectedOn, today);
    if (refused) return refused;
  }
  if (edit.quantity !== undefined && edit.quantity < line.received) {
    return fail('CONFLICT', `${field}.quantity: ${line.received} units of ${named} were already received; the quantity may not fall below them`, {
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
  const edits: LineEdit[] = [];
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    if (!isRecord(line)) return invalid(field, 'must be an object');
    const unknownField = checkKnownFields(field, line, ['lineId', 'id', 'quantity', 'unitCost', 'expectedOn', 'cancelRemaining']);
    if (unknownField) return unknownField;
    const named = lineNamed(field, line);
    if (!named.ok) return named;
    const { lineId, lineField } = named.value;
    const changes = Object.keys(line).filter((key) => key !== 'lineId' && key !== 'id');
    const lineFailure = firstFailure(
      line['quantity'] !== undefined ? checkQuantity(`${field}.quantity`, line['quantity']) : null,
      line['unitCost'] !== undefined ? checkInteger(`${field}.unitCost`, line['unitCost'], 0, MAX_MONEY) : null,
      line['expectedOn'] !== undefined ? checkDate(`${field}.expectedOn`, line['expectedOn']) : null,
      line['cancelRemaining'] !== undefined && line['cancelRemaining'] !== true ? invalid(`${field}.cancelRemaining`, 'must be true when given') : null,
      line['cancelRemaining'] === true && changes.length > 1 ? invalid(`${field}.cancelRemaining`, 'give it alone: a cancelled remainder has nothing left to change') : null,
      changes.length === 0 ? invalid(field, 'give a quantity, unitCost, expectedOn or cancelRemaining') : null,
    );
    if (lineFailure) return lineFailure;
    if (edits.some((edit) => edit.lineId === lineId)) return invalid(`${field}.${lineField}`, 'must not repeat a line');
    const { lineId: _lineId, id: _id, ...patch } = line;
    edits.push({ ...(patch as PurchaseOrderLinePatch & { cancelRemaining?: true }), lineId, lineField });
  }
  const reference = input['reference'] as string | null | undefined;
  return ok({ ...(reference !== undefined ? { reference } : {}), lines: edits });
}

/**
 * The line an edit names: `lineId`, as receipts name it, or `id`, its deprecated alias (the name
 * this edit once had). Both may be given only when they agree; the field named is the one used.
 */
function lineNamed(field: string, line: Record<string, unknown>): Result<{ lineId: number; lineField: string }> {
  const { lineId, id } = line;
  if (lineId !== undefined && id !== undefined && lineId !== id) {
    return invalid(`${field}.lineId`, `says line ${String(lineId)} but id (its deprecated alias) says ${String(id)}; give lineId alone`);
  }
  if (lineId === undefined && id === undefined) return invalid(`${field}.lineId`, 'is required: the id of the line to change, as the order lists it');
  const lineField = lineId !== undefined ? 'lineId' : 'id';
  const failure = checkInteger(`${field}.${lineField}`, line[lineField], 1, Number.MAX_SAFE_INTEGER);
  if (failure) return failure;
  return ok({ lineId: line[lineField] as number, lineField });
}
