import type { Store, UnitOfWork } from '../ports.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import { invalid, ok, Rollback, type Result } from '../result.js';
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
 * that cannot be sent (no lines) leaves no draft behind.
 */
export async function createPurchaseOrder(store: Store, input: unknown, actor: string, options: { readonly send?: boolean } = {}): Promise<Result<PurchaseOrderView>> {
  const parsed = parsePurchaseOrderRequest(input);
  if (!parsed.ok) return parsed;
  return store.transaction(async (tx) => {
    const supplier = await resolveSupplier(tx, parsed.value.supplier);
    if (!supplier.ok) return supplier;
    // Sending locks the items, before the new lines reference them (see importPurchaseOrders).
    const locked = options.send ? await tx.lockItems((await tx.findItems([...new Set(parsed.value.lines.map((l) => l.sku))])).map((i) => i.id).sort((a, b) => a - b)) : [];
    const poId = await insertDraft(tx, supplier.value, parsed.value, actor);
    if (!poId.ok) return poId;
    if (options.send) {
      const sent = await sendLocked(tx, (await tx.purchasing.findPurchaseOrder(poId.value)) as PurchaseOrderRecord, locked, actor);
      if (!sent.ok) throw new Rollback(sent);
    }
    return ok(await purchaseOrderAnswer(tx, (await tx.purchasing.findPurchaseOrder(poId.value)) as PurchaseOrderRecord));
  });
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
