import type { Store, UnitOfWork } from '../ports.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import { oncePerKey, type IdempotencyOptions, type Replayable } from '../once-per-key.js';
import { fail, invalid, ok, Rollback, type Result } from '../result.js';
import { checkKnownFields, checkSku, checkText, firstFailure, isRecord } from '../validate.js';
import { parseRequestedLines, resolveLines, type RequestedLine } from './new-lines.js';
import type { PurchaseOrderRecord, Supplier } from './ports.js';
import type { PurchaseOrderView } from './purchase-order-view.js';
import { resolveSupplier } from './resolve-supplier.js';
import { sendLocked } from './send-purchase-order.js';
import { purchaseOrderAnswer } from './supplier-terms.js';

export interface PurchaseOrderRequest {
  readonly supplier: string;
  readonly reference: string | null;
  readonly lines: readonly RequestedLine[];
}

/**
 * Creates a draft purchase order for one supplier. A draft is not yet supply: it changes no
 * promise date until it is sent. With `send`, it is sent in the same transaction, so an order
 * that cannot be sent (no lines) leaves no draft behind. A reference names one order of its
 * supplier, as the CSV import holds it: another order of the supplier with the same reference (a
 * cancelled one aside) is a CONFLICT naming it. Under an Idempotency-Key a retry (a lost answer,
 * a second click) answers the first outcome and creates nothing again.
 */
export async function createPurchaseOrder(
  store: Store, input: unknown, actor: string, options: { readonly send?: boolean } & IdempotencyOptions = {},
): Promise<Replayable<PurchaseOrderView>> {
  const parsed = parsePurchaseOrderRequest(input);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  const send = options.send === true;
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { createPurchaseOrder: request, send }, async () => {
    const supplier = await supplierFor(tx, request);
    if (!supplier.ok) return supplier;
    if (request.reference !== null) {
      const existing = await tx.purchasing.findOrderWithReference(supplier.value.id, request.reference);
      if (existing !== null) {
        return fail('CONFLICT', `reference: ${supplier.value.code} already has purchase order ${existing} with reference ${request.reference}`, { field: 'reference', purchaseOrderId: existing });
      }
    }
    // Sending locks the items, before the new lines reference them (see importPurchaseOrders).
    const locked = send ? await tx.lockItems((await tx.findItems([...new Set(request.lines.map((l) => l.sku))])).map((i) => i.id).sort((a, b) => a - b)) : [];
    const poId = await insertDraft(tx, supplier.value, request, actor);
    if (!poId.ok) return poId;
    if (send) {
      const sent = await sendLocked(tx, (await tx.purchasing.findPurchaseOrder(poId.value)) as PurchaseOrderRecord, locked, actor);
      if (!sent.ok) throw new Rollback(sent);
    }
    return ok(await purchaseOrderAnswer(tx, (await tx.purchasing.findPurchaseOrder(poId.value)) as PurchaseOrderRecord));
  }));
}

/**
 * The supplier of a new order. With a reference it is locked exclusively (before any item), as
 * the import locks it: two creations with one reference take turns, and the second finds the first.
 */
async function supplierFor(tx: UnitOfWork, request: PurchaseOrderRequest): Promise<Result<Supplier>> {
  if (request.reference !== null) await tx.purchasing.lockSuppliers([request.supplier], 'exclusive');
  return resolveSupplier(tx, request.supplier);
}

/** Writes a draft and its lines in the caller's transaction; returns its id. */
export async function insertDraft(tx: UnitOfWork, supplier: Supplier, request: PurchaseOrderRequest, actor: string, field = 'lines'): Promise<Result<number>> {
  const lines = await resolveLines(tx, supplier, request.lines, field);
  if (!lines.ok) return lines;
  const poId = await tx.purchasing.insertPurchaseOrder({ supplierId: supplier.id, reference: request.reference });
  await tx.purchasing.insertPurchaseOrderLines(poId, lines.value);
  await recordPurchaseOrderChange(tx, actor, 'created', poId, null);
  return ok(poId);
}

/** Checks a create request (`supplier`, optional `reference`, `lines`), naming the first bad field. */
export function parsePurchaseOrderRequest(input: unknown): Result<PurchaseOrderRequest> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['supplier', 'reference', 'lines']),
    checkSku('supplier', input['supplier']),
    input['reference'] !== undefined && input['reference'] !== null ? checkText('reference', input['reference'], { max: 100 }) : null,
  );
  if (failure) return failure;
  const lines = parseRequestedLines('lines', input['lines'] ?? [], { allowEmpty: true });
  if (!lines.ok) return lines;
  return ok({ supplier: input['supplier'] as string, reference: (input['reference'] as string | null | undefined) ?? null, lines: lines.value });
}
