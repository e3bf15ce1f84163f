import type { PurchaseOrderLineRecord, PurchaseOrderRecord, ReceiptRecord } from './ports.js';

export interface PurchaseOrderLineView {
  readonly id: number;
  readonly lineNo: number;
  readonly sku: string;
  readonly quantity: number;
  readonly received: number;
  readonly cancelled: number;
  /** Units still to come: neither received nor cancelled. */
  readonly open: number;
  readonly unitCost: number;
  readonly expectedOn: string;
  /** The expected date when the order was sent (null while a draft): what on-time is judged by. */
  readonly promisedOn: string | null;
}

export interface ReceiptView {
  readonly id: number;
  readonly lineId: number;
  readonly sku: string;
  readonly location: string;
  readonly quantity: number;
  readonly receivedOn: string;
  readonly actor: string;
  readonly createdAt: string;
}

/** The public shape of a purchase order (SPEC §5): what the API returns and the CLI prints. */
export interface PurchaseOrderView {
  readonly id: number;
  readonly supplier: string;
  readonly supplierName: string;
  readonly reference: string | null;
  readonly status: string;
  readonly createdAt: string;
  readonly orderedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
  readonly lines: readonly PurchaseOrderLineView[];
  /**
   * quantity = received + cancelled + open, except that units received beyond a line's quantity
   * (an over-receipt) add to received alone; cost is that of the units not cancelled: received or
   * still to come, over-received ones too.
   */
  readonly totals: { readonly quantity: number; readonly received: number; readonly cancelled: number; readonly open: number; readonly cost: number };
  /** Present when the order is read on its own; lists are kept light. */
  readonly receipts?: readonly ReceiptView[];
  /** Present when the order is answered on its own: lines that break the supplier's terms (see termsWarnings). */
  readonly warnings?: readonly { readonly lineId: number; readonly sku: string; readonly message: string }[];
}

/** Units of a line neither received nor cancelled. */
export function openUnits(line: Pick<PurchaseOrderLineRecord, 'quantity' | 'received' | 'cancelled'>): number {
  return Math.max(0, line.quantity - line.received - line.cancelled);
}

/** The public shape of an order; totals are sums over its lines, `receipts` only when given. */
export function purchaseOrderView(order: PurchaseOrderRecord, receipts?: readonly ReceiptRecord[]): PurchaseOrderView {
  const lines = order.lines.map((l) => ({
    id: l.id,
    lineNo: l.lineNo,
    sku: l.sku,
    quantity: l.quantity,
    received: l.received,
    cancelled: l.cancelled,
    open: openUnits(l),
    unitCost: l.unitCost,
    expectedOn: l.expectedOn,
    promisedOn: l.promisedOn,
  }));
  const view: PurchaseOrderView = {
    id: order.id,
    supplier: order.supplier,
    supplierName: order.supplierName,
    reference: order.reference,
    status: order.status,
    createdAt: order.createdAt,
    orderedAt: order.orderedAt,
    closedAt: order.closedAt,
    updatedAt: order.updatedAt,
    lines,
    totals: {
      quantity: lines.reduce((sum, l) => sum + l.quantity, 0),
      received: lines.reduce((sum, l) => sum + l.received, 0),
      cancelled: lines.reduce((sum, l) => sum + l.cancelled, 0),
      open: lines.reduce((sum, l) => sum + l.open, 0),
      cost: lines.reduce((sum, l) => sum + (l.received + l.open) * l.unitCost, 0),
    },
  };
  if (!receipts) return view;
  return {
    ...view,
    receipts: receipts.map((r) => ({
      id: r.id, lineId: r.poLineId, sku: r.sku, location: r.location, quantity: r.quantity, receivedOn: r.receivedOn, actor: r.actor, createdAt: r.createdAt,
    })),
  };
}
