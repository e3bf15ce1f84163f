import { fail, invalid, ok, type Result } from '../result.js';
import { MAX_QUANTITY } from '../validate.js';
import { unitCount } from '../unit-count.js';
import type { PurchaseOrderLineRecord } from './ports.js';
import { openUnits } from './purchase-order-view.js';

/** One line of a receipt as asked for: a PO line by id, or by sku (spread over its lines in order). */
export interface ReceiptRequestLine {
  readonly lineId?: number;
  readonly sku?: string;
  readonly quantity: number;
}

export interface PlannedReceipt {
  readonly line: PurchaseOrderLineRecord;
  readonly quantity: number;
  /** Of `quantity`, units of the line's cancelled remainder that came after all: its `cancelled` falls by as many. */
  readonly uncancelled: number;
}

/**
 * Decides which purchase-order lines take the received units. A sku fills its open lines soonest
 * due first (then in line order): goods that come are the ones expected first, so the later
 * lines keep counting as supply at their dates and promise dates stay honest. Units beyond what is open are refused (CONFLICT naming the request line) unless
 * over-receipt is allowed, when they go to the last line asked for whose remainder was not
 * cancelled (a line named by id, or the last of a sku's lines when all were cancelled, takes them
 * all the same). Extra units on a line with cancelled units first take those back, as units that
 * came after all; only beyond them is the line received past its quantity. So no unit of a line
 * counts as both received and cancelled (received + cancelled + open = quantity, or received
 * alone when over-received), and every unit received is a unit not cancelled. No line may have received
 * more than MAX_QUANTITY units in all. Pure; quantities are conserved.
 */
export function planReceipt(
  poId: number,
  lines: readonly PurchaseOrderLineRecord[],
  requests: readonly ReceiptRequestLine[],
  allowOverReceipt: boolean,
): Result<PlannedReceipt[]> {
  const room = new Map(lines.map((l) => [l.id, openUnits(l)]));
  const cancelled = new Map(lines.map((l) => [l.id, l.cancelled]));
  const planned = new Map<number, number>();
  const uncancelled = new Map<number, number>();
  const add = (counts: Map<number, number>, lineId: number, quantity: number) => counts.set(lineId, (counts.get(lineId) ?? 0) + quantity);
  for (const [index, request] of requests.entries()) {
    const field = `lines[${index}]`;
    const targets = request.lineId !== undefined ? lines.filter((l) => l.id === request.lineId) : bySoonestDue(lines.filter((l) => l.sku === request.sku));
    const last = targets[targets.length - 1];
    if (!last) {
      return request.lineId !== undefined
        ? invalid(`${field}.lineId`, `purchase order ${poId} has no line ${request.lineId}`)
        : invalid(`${field}.sku`, `purchase order ${poId} has no line for ${request.sku}`);
    }
    const open = targets.reduce((sum, l) => sum + (room.get(l.id) ?? 0), 0);
    if (request.quantity > open && !allowOverReceipt) {
      return fail('CONFLICT', `${field}.quantity: only ${unitCount(open)} of ${last.sku} ${open === 1 ? 'is' : 'are'} still open on purchase order ${poId}; set allowOverReceipt to take more`, {
        field: `${field}.quantity`, open,
      });
    }
    let need = request.quantity;
    for (const line of targets) {
      const take = Math.min(need, room.get(line.id) ?? 0);
      if (take === 0) continue;
      room.set(line.id, (room.get(line.id) ?? 0) - take);
      add(planned, line.id, take);
      need -= take;
    }
    if (need > 0) {
      const extra = [...targets].reverse().find((l) => cancelled.get(l.id) === 0) ?? last;
      const cameAfterAll = Math.min(need, cancelled.get(extra.id) ?? 0);
      cancelled.set(extra.id, (cancelled.get(extra.id) ?? 0) - cameAfterAll);
      add(uncancelled, extra.id, cameAfterAll);
      add(planned, extra.id, need);
    }
    const overfull = targets.find((l) => l.received + (planned.get(l.id) ?? 0) > MAX_QUANTITY);
    if (overfull) {
      return fail('CONFLICT', `${field}.quantity: line ${overfull.lineNo} would have received more than ${MAX_QUANTITY} units`, { field: `${field}.quantity` });
    }
  }
  return ok(lines.filter((l) => planned.has(l.id)).map((line) => ({
    line, quantity: planned.get(line.id) as number, uncancelled: uncancelled.get(line.id) ?? 0,
  })));
}

/** A sku's lines soonest due first, in line order within a day. */
function bySoonestDue(lines: readonly PurchaseOrderLineRecord[]): PurchaseOrderLineRecord[] {
  return [...lines].sort((a, b) => (a.expectedOn < b.expectedOn ? -1 : a.expectedOn > b.expectedOn ? 1 : a.lineNo - b.lineNo));
}
