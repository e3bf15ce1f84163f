import type { Item } from '../domain/types.js';
import { snapshotStatuses } from './item-status.js';
import type { Store } from './ports.js';
import { oncePerKey, type IdempotencyOptions, type Replayable } from './once-per-key.js';
import { resolveItem, resolveLocation, resolveLocationForStock } from './resolve.js';
import { fail, invalid, ok, type Result } from './result.js';
import { settleItems } from './settle-items.js';
import { checkKnownFields, checkQuantity, checkSku, checkText, firstFailure, isRecord, MAX_QUANTITY } from './validate.js';
import { unitCount } from './unit-count.js';

export interface TransferResult {
  readonly sku: string;
  readonly from: string;
  readonly to: string;
  readonly quantity: number;
  readonly reference: string;
  /** Units of waiting backorders the move filled (units moved into an active location from an inactive one, say). */
  readonly backordersFilled: number;
}

/**
 * Moves available (unallocated) units between two locations as a transfer_out/transfer_in pair.
 * Under an Idempotency-Key a retry answers the first outcome and moves nothing again.
 */
export async function transferStock(store: Store, input: unknown, actor: string, options: IdempotencyOptions = {}): Promise<Replayable<TransferResult>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['sku', 'from', 'to', 'quantity', 'reason']),
    checkSku('sku', input['sku']),
    checkSku('from', input['from']),
    checkSku('to', input['to']),
    input['from'] === input['to'] ? invalid('to', 'must differ from from') : null,
    checkQuantity('quantity', input['quantity']),
    input['reason'] !== undefined ? checkText('reason', input['reason'], { max: 500, multiline: true }) : null,
  );
  if (failure) return failure;
  const request = input as { sku: string; from: string; to: string; quantity: number; reason?: string };
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { transferStock: request }, async () => {
    const found = await resolveItem(tx, request.sku);
    if (!found.ok) return found;
    const from = await resolveLocation(tx, request.from, 'from');
    if (!from.ok) return from;
    const to = await resolveLocationForStock(tx, request.to, 'to');
    if (!to.ok) return to;
    const [item] = await tx.lockItems([found.value.id]);
    const before = await snapshotStatuses(tx, [item as Item]);
    const source = (await tx.stocksOf([found.value.id])).find((s) => s.locationId === from.value.id);
    const available = source ? source.onHand - source.allocated : 0;
    if (request.quantity > available) {
      return fail('CONFLICT', `quantity: only ${unitCount(available)} ${available === 1 ? 'is' : 'are'} available at ${request.from}`, { field: 'quantity', available });
    }
    const destination = (await tx.stocksOf([found.value.id])).find((s) => s.locationId === to.value.id);
    if ((destination?.onHand ?? 0) + request.quantity > MAX_QUANTITY) {
      return fail('CONFLICT', `quantity: would leave more than ${MAX_QUANTITY} units on hand at ${request.to}`, { field: 'quantity' });
    }
    const reference = `transfer:${request.from}->${request.to}:${tx.now}`;
    const reason = request.reason ?? 'transfer';
    await tx.changeStock(found.value.id, from.value.id, -request.quantity, 0);
    await tx.changeStock(found.value.id, to.value.id, request.quantity, 0);
    await tx.insertMovements([
      { itemId: found.value.id, locationId: from.value.id, kind: 'transfer_out', onHandDelta: -request.quantity, allocatedDelta: 0, reason, reference, actor },
      { itemId: found.value.id, locationId: to.value.id, kind: 'transfer_in', onHandDelta: request.quantity, allocatedDelta: 0, reason, reference, actor },
    ]);
    const { filledUnits } = await settleItems(tx, [found.value.id], before, actor);
    return ok({ sku: request.sku, from: request.from, to: request.to, quantity: request.quantity, reference, backordersFilled: filledUnits });
  }));
}
