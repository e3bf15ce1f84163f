import { addDays, daysBetween } from '../../domain/dates.js';
import { getAvailability, MAX_AVAILABILITY_SKUS } from '../get-availability.js';
import { createPurchaseOrder } from '../purchasing/create-purchase-order.js';
import { getPurchaseOrder } from '../purchasing/list-purchase-orders.js';
import { receivePurchaseOrder } from '../purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../purchasing/send-purchase-order.js';
import { updatePurchaseOrder } from '../purchasing/update-purchase-order.js';
import { ok, type Result } from '../result.js';
import { DEMO_SUPPLIERS, type DemoItem, type DemoSupplier } from './catalogue.js';
import { DEMO_ACTOR, expectOk, setTime, type DemoRun } from './demo-run.js';

interface Delivery {
  readonly poId: number;
  readonly location: string;
  /** Lines to receive; all open units when absent. */
  readonly lines?: readonly { readonly sku: string; readonly quantity: number }[];
}

/**
 * The buyer of the demo: reviews each supplier's items weekly with an (s, Q) rule on the
 * inventory position (on hand + incoming − allocated − backordered, as availability reports it),
 * sends purchase orders, and receives them when they arrive, early or late. Some suppliers' last
 * shipments are held up (see `heldUpDays`), so their items end on backorder or out of stock,
 * with dated promises once the supplier confirms new dates.
 */
export function createReplenisher(run: DemoRun) {
  const deliveries = new Map<string, Delivery[]>();
  const heldUp: { poId: number; lineIds: number[] }[] = [];
  const today = run.now.toISOString().slice(0, 10);

  const schedule = (day: string, delivery: Delivery) => deliveries.set(day, [...(deliveries.get(day) ?? []), delivery]);

  async function review(day: string, supplier: DemoSupplier, month: number): Promise<void> {
    const items = run.items.filter((i) => i.supplier === supplier.code && (i.stopBuyingMonth === null || month < i.stopBuyingMonth));
    const lines: { sku: string; quantity: number }[] = [];
    for (let start = 0; start < items.length; start += MAX_AVAILABILITY_SKUS) {
      const chunk = items.slice(start, start + MAX_AVAILABILITY_SKUS);
      const figures = expectOk(await getAvailability(run.store, chunk.map((i) => i.sku)), 'availability');
      for (const item of chunk) {
        const position = figures.find((f) => f.sku === item.sku)?.projected ?? 0;
        if (position <= item.reorderPoint) lines.push({ sku: item.sku, quantity: orderSize(item, position) });
      }
    }
    if (lines.length === 0) return;
    run.counters.purchaseOrders += 1;
    const draft = expectOk(await createPurchaseOrder(run.store, { supplier: supplier.code, reference: `PO-${String(run.counters.purchaseOrders).padStart(5, '0')}`, lines }, DEMO_ACTOR), 'purchase order');
    const sent = expectOk(await sendPurchaseOrder(run.store, draft.id, DEMO_ACTOR), 'sending a purchase order');
    const expected = addDays(day, supplier.leadTimeDays);
    if (daysBetween(day, today) < supplier.heldUpDays) {
      heldUp.push({ poId: sent.id, lineIds: sent.lines.map((l) => l.id) });
      return;
    }
    const arrival = addDays(expected, Math.max(1 - supplier.leadTimeDays, run.random.int(supplier.lateness[0], supplier.lateness[1])));
    if (lines.length > 1 && run.random.chance(0.15)) {
      // A split delivery: everything but the last line first, the rest a week later.
      schedule(arrival, { poId: sent.id, location: supplier.location, lines: lines.slice(0, -1) });
      schedule(addDays(arrival, 7), { poId: sent.id, location: supplier.location, lines: lines.slice(-1) });
    } else {
      schedule(arrival, { poId: sent.id, location: supplier.location });
    }
  }

  return {
    /** Receives what arrives on `day`, in the morning. */
    async receive(day: string): Promise<void> {
      const due = deliveries.get(day) ?? [];
      deliveries.delete(day);
      for (const delivery of due) {
        setTime(run, day, '07:30');
        const lines = delivery.lines ?? expectOk(await openLines(delivery.poId), 'reading a purchase order');
        if (lines.length === 0) continue;
        expectOk(await receivePurchaseOrder(run.store, delivery.poId, { location: delivery.location, lines }, DEMO_ACTOR), 'receiving');
        run.counters.receipts += 1;
      }
    },

    /** Weekly review of every supplier's items (Mondays), before noon. */
    async reviewAll(day: string, month: number): Promise<void> {
      for (const supplier of DEMO_SUPPLIERS) {
        setTime(run, day, '11:00');
        await review(day, supplier, month);
      }
    },

    /** The held-up supplier confirms new dates for its late shipments. */
    async redateHeldUp(day: string): Promise<void> {
      setTime(run, day, '09:00');
      for (const po of heldUp) {
        const expectedOn = addDays(today, run.random.int(8, 24));
        expectOk(await updatePurchaseOrder(run.store, po.poId, { lines: po.lineIds.map((id) => ({ id, expectedOn })) }, DEMO_ACTOR), 're-dating a purchase order');
      }
    },
  };

  async function openLines(poId: number): Promise<Result<{ sku: string; quantity: number }[]>> {
    const po = await getPurchaseOrder(run.store, poId);
    return po.ok ? ok(po.value.lines.filter((l) => l.open > 0).map((l) => ({ sku: l.sku, quantity: l.open }))) : po;
  }
}

/** Enough whole order quantities to lift the position above the reorder point. */
function orderSize(item: DemoItem, position: number): number {
  return item.orderQuantity * Math.max(1, Math.ceil((item.reorderPoint - position + 1) / item.orderQuantity));
}
