import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type Transaction } from 'kysely';
import type {
  ItemSupplierLink, ItemSupplierLinkPatch, LinkFilter, NewItemSupplierLink, NewPurchaseOrder, NewPurchaseOrderLine, NewReceipt,
  NewSupplier, PurchaseOrderFilter, PurchaseOrderLinePatch, PurchaseOrderPatch, PurchaseOrderRecord, PurchaseOrderStatus,
  PurchasingRecords, ReceiptRecord, ScorecardFacts, ScorecardPeriod, Supplier, SupplierPatch,
} from '../app/purchasing/ports.js';
import type { ClosedLineFact, ReceiptFact } from '../domain/scorecard.js';
import { readInChunks } from './chunks.js';
import type { DialectName } from './dialect-name.js';
import type { Database, PurchaseOrdersTable, SuppliersTable } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;
type OrderQuery = SelectQueryBuilder<Database, 'purchase_orders', Selectable<PurchaseOrdersTable>>;

/** The purchasing port over one Kysely executor; `KyselyUnitOfWork.purchasing` hands it out. */
export class PurchasingQueries implements PurchasingRecords {
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
    private readonly now: string,
  ) {}

  async insertSupplier(supplier: NewSupplier): Promise<Supplier> {
    const row = await this.db
      .insertInto('suppliers')
      .values({ code: supplier.code, name: supplier.name, email: supplier.email, lead_time_days: supplier.leadTimeDays, created_at: this.now, updated_at: this.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSupplier(row);
  }

  async updateSupplier(id: number, patch: SupplierPatch): Promise<void> {
    const set: Record<string, unknown> = { updated_at: this.now };
    if (patch.name !== undefined) set['name'] = patch.name;
    if (patch.email !== undefined) set['email'] = patch.email;
    if (patch.leadTimeDays !== undefined) set['lead_time_days'] = patch.leadTimeDays;
    await this.db.updateTable('suppliers').set(set).where('id', '=', id).execute();
  }

  async findSuppliers(codes: readonly string[]): Promise<Supplier[]> {
    return (await readInChunks(codes, (chunk) => this.db.selectFrom('suppliers').selectAll().where('code', 'in', chunk).execute())).map(toSupplier);
  }

  async lockSuppliers(codes: readonly string[], strength: 'shared' | 'exclusive'): Promise<Supplier[]> {
    const found = await this.findSuppliers(codes);
    // SQLite transactions already hold the database's single write lock (BEGIN IMMEDIATE).
    if (this.dialect !== 'postgres' || found.length === 0) return found;
    // Codes never change, so the ids found lock the same rows; runs of ascending ids keep the whole
    // list in id order. FOR SHARE and FOR NO KEY UPDATE both leave alone the key-share locks that
    // foreign-key checks (a link's, an order's) take.
    const ids = found.map((s) => s.id).sort((a, b) => a - b);
    const rows = await readInChunks(ids, (chunk) => {
      const query = this.db.selectFrom('suppliers').selectAll().where('id', 'in', chunk).orderBy('id');
      return (strength === 'shared' ? query.forShare() : query.forNoKeyUpdate()).execute();
    });
    return rows.map(toSupplier);
  }

  async listSuppliers(): Promise<Supplier[]> {
    return (await this.db.selectFrom('suppliers').selectAll().orderBy('code').execute()).map(toSupplier);
  }

  async itemsUsingSupplierLeadTime(supplierId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('item_suppliers')
      .select('item_id')
      .where('supplier_id', '=', supplierId)
      .where('preferred', '=', 1)
      .where('lead_time_days', 'is', null)
      .orderBy('item_id')
      .execute();
    return rows.map((r) => r.item_id);
  }

  async insertLink(link: NewItemSupplierLink): Promise<void> {
    await this.db
      .insertInto('item_suppliers')
      .values({
        item_id: link.itemId,
        supplier_id: link.supplierId,
        supplier_sku: link.supplierSku,
        unit_cost: link.unitCost,
        lead_time_days: link.leadTimeDays,
        moq: link.moq,
        pack_size: link.packSize,
        preferred: link.preferred ? 1 : 0,
      })
      .execute();
  }

  async updateLink(itemId: number, supplierId: number, patch: ItemSupplierLinkPatch): Promise<void> {
    const set: Record<string, unknown> = {};
    if (patch.supplierSku !== undefined) set['supplier_sku'] = patch.supplierSku;
    if (patch.unitCost !== undefined) set['unit_cost'] = patch.unitCost;
    if (patch.leadTimeDays !== undefined) set['lead_time_days'] = patch.leadTimeDays;
    if (patch.moq !== undefined) set['moq'] = patch.moq;
    if (patch.packSize !== undefined) set['pack_size'] = patch.packSize;
    if (patch.preferred !== undefined) set['preferred'] = patch.preferred ? 1 : 0;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('item_suppliers').set(set).where('item_id', '=', itemId).where('supplier_id', '=', supplierId).execute();
  }

  async deleteLink(itemId: number, supplierId: number): Promise<void> {
    await this.db.deleteFrom('item_suppliers').where('item_id', '=', itemId).where('supplier_id', '=', supplierId).execute();
  }

  async clearPreferred(itemId: number): Promise<void> {
    await this.db.updateTable('item_suppliers').set({ preferred: 0 }).where('item_id', '=', itemId).where('preferred', '=', 1).execute();
  }

  async listLinks(filter: LinkFilter): Promise<ItemSupplierLink[]> {
    const read = (itemIds: readonly number[] | undefined) => {
      let query = this.db
        .selectFrom('item_suppliers as link')
        .innerJoin('items as i', 'i.id', 'link.item_id')
        .innerJoin('suppliers as s', 's.id', 'link.supplier_id')
        .select([
          'link.item_id', 'i.sku', 'link.supplier_id', 's.code', 'link.supplier_sku', 'link.unit_cost', 'link.lead_time_days',
          's.lead_time_days as supplier_lead_time_days', 'link.moq', 'link.pack_size', 'link.preferred',
        ])
        .orderBy('i.sku')
        .orderBy('s.code');
      if (filter.itemId !== undefined) query = query.where('link.item_id', '=', filter.itemId);
      if (filter.supplierId !== undefined) query = query.where('link.supplier_id', '=', filter.supplierId);
      if (itemIds !== undefined) query = query.where('link.item_id', 'in', [...itemIds]);
      if (filter.supplierIds !== undefined) query = query.where('link.supplier_id', 'in', [...filter.supplierIds]);
      return query.execute();
    };
    // A page of purchase orders may name more items than one statement may bind.
    const rows = filter.itemIds === undefined ? await read(undefined) : await readInChunks(filter.itemIds, read);
    return rows.map((r) => ({
      itemId: r.item_id,
      sku: r.sku,
      supplierId: r.supplier_id,
      supplier: r.code,
      supplierSku: r.supplier_sku,
      unitCost: r.unit_cost,
      leadTimeDays: r.lead_time_days,
      supplierLeadTimeDays: r.supplier_lead_time_days,
      moq: r.moq,
      packSize: r.pack_size,
      preferred: r.preferred === 1,
    }));
  }

  async insertPurchaseOrder(order: NewPurchaseOrder): Promise<number> {
    const row = await this.db
      .insertInto('purchase_orders')
      .values({ supplier_id: order.supplierId, reference: order.reference, status: 'draft', created_at: this.now, updated_at: this.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async insertPurchaseOrderLines(poId: number, lines: readonly NewPurchaseOrderLine[]): Promise<void> {
    if (lines.length === 0) return;
    const last = await this.db
      .selectFrom('po_lines')
      .select(sql<number | null>`max(line_no)`.as('last'))
      .where('po_id', '=', poId)
      .executeTakeFirst();
    const first = Number(last?.last ?? 0) + 1;
    await this.db
      .insertInto('po_lines')
      .values(
        lines.map((line, index) => ({
          po_id: poId,
          line_no: first + index,
          item_id: line.itemId,
          quantity: line.quantity,
          unit_cost: line.unitCost,
          expected_on: line.expectedOn,
          expected_by_lead_time: line.expectedByLeadTime ? 1 : 0,
        })),
      )
      .execute();
  }

  async findPurchaseOrder(id: number): Promise<PurchaseOrderRecord | null> {
    const [order] = await this.loadOrders(this.db.selectFrom('purchase_orders').selectAll().where('id', '=', id));
    return order ?? null;
  }

  async lockPurchaseOrder(id: number): Promise<void> {
    // SQLite transactions already hold the database's single write lock (BEGIN IMMEDIATE).
    if (this.dialect !== 'postgres') return;
    await this.db.selectFrom('purchase_orders').select('id').where('id', '=', id).forUpdate().execute();
  }

  async listPurchaseOrders(filter: PurchaseOrderFilter): Promise<PurchaseOrderRecord[]> {
    let query = this.db.selectFrom('purchase_orders').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.statuses !== undefined) query = query.where('status', 'in', [...filter.statuses]);
    if (filter.supplierId !== undefined) query = query.where('supplier_id', '=', filter.supplierId);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    if (filter.itemId !== undefined) {
      const itemId = filter.itemId;
      query = query.where('id', 'in', (eb) => eb.selectFrom('po_lines').select('po_id').where('item_id', '=', itemId));
    }
    return this.loadOrders(query);
  }

  async findOrderWithReference(supplierId: number, reference: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('purchase_orders')
      .select('id')
      .where('supplier_id', '=', supplierId)
      .where('reference', '=', reference)
      .where('status', '<>', 'cancelled')
      .orderBy('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  private async loadOrders(query: OrderQuery): Promise<PurchaseOrderRecord[]> {
    const orders = await query.execute();
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    const suppliers = await this.db
      .selectFrom('suppliers')
      .select(['id', 'code', 'name'])
      .where('id', 'in', [...new Set(orders.map((o) => o.supplier_id))])
      .execute();
    const lines = await this.db
      .selectFrom('po_lines as pl')
      .innerJoin('items as i', 'i.id', 'pl.item_id')
      .select(['pl.id', 'pl.po_id', 'pl.line_no', 'pl.item_id', 'i.sku', 'pl.quantity', 'pl.received', 'pl.cancelled', 'pl.unit_cost', 'pl.expected_on', 'pl.expected_by_lead_time', 'pl.promised_on'])
      .where('pl.po_id', 'in', ids)
      .orderBy('pl.po_id')
      .orderBy('pl.line_no')
      .execute();
    return orders.map((o) => {
      const supplier = suppliers.find((s) => s.id === o.supplier_id);
      return {
        id: o.id,
        supplierId: o.supplier_id,
        supplier: supplier?.code ?? '',
        supplierName: supplier?.name ?? '',
        reference: o.reference,
        status: o.status as PurchaseOrderStatus,
        createdAt: o.created_at,
        orderedAt: o.ordered_at,
        closedAt: o.closed_at,
        updatedAt: o.updated_at,
        lines: lines
          .filter((l) => l.po_id === o.id)
          .map((l) => ({
            id: l.id,
            lineNo: l.line_no,
            itemId: l.item_id,
            sku: l.sku,
            quantity: l.quantity,
            received: l.received,
            cancelled: l.cancelled,
            unitCost: l.unit_cost,
            expectedOn: l.expected_on,
            expectedByLeadTime: l.expected_by_lead_time === 1,
            promisedOn: l.promised_on,
          })),
      };
    });
  }

  async setPurchaseOrder(id: number, patch: PurchaseOrderPatch): Promise<void> {
    const set: Record<string, unknown> = { updated_at: this.now };
    if (patch.status !== undefined) set['status'] = patch.status;
    if (patch.reference !== undefined) set['reference'] = patch.reference;
    if (patch.orderedAt !== undefined) set['ordered_at'] = patch.orderedAt;
    if (patch.closedAt !== undefined) set['closed_at'] = patch.closedAt;
    await this.db.updateTable('purchase_orders').set(set).where('id', '=', id).execute();
  }

  async updatePurchaseOrderLine(lineId: number, patch: PurchaseOrderLinePatch): Promise<void> {
    const set: Record<string, unknown> = {};
    if (patch.quantity !== undefined) set['quantity'] = patch.quantity;
    if (patch.unitCost !== undefined) set['unit_cost'] = patch.unitCost;
    if (patch.expectedOn !== undefined) Object.assign(set, { expected_on: patch.expectedOn, expected_by_lead_time: 0 });
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('po_lines').set(set).where('id', '=', lineId).execute();
  }

  async deletePurchaseOrderLine(lineId: number): Promise<void> {
    await this.db.deleteFrom('po_lines').where('id', '=', lineId).execute();
  }

  async promiseLines(poId: number): Promise<void> {
    await this.db.updateTable('po_lines').set({ promised_on: sql`expected_on` }).where('po_id', '=', poId).execute();
  }

  async cancelOpenLines(poId: number): Promise<void> {
    await this.db
      .updateTable('po_lines')
      .set({ cancelled: sql`quantity - received` })
      .where('po_id', '=', poId)
      .whereRef('received', '<', 'quantity')
      .execute();
  }

  async cancelLineRemainder(lineId: number): Promise<void> {
    await this.db.updateTable('po_lines').set({ cancelled: sql`quantity - received` }).where('id', '=', lineId).execute();
  }

  async addReceived(lineId: number, quantity: number, uncancelled: number): Promise<void> {
    await this.db
      .updateTable('po_lines')
      .set({ received: sql`received + ${quantity}`, cancelled: sql`cancelled - ${uncancelled}` })
      .where('id', '=', lineId)
      .execute();
  }

  async insertReceipts(receipts: readonly NewReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    await this.db
      .insertInto('receipts')
      .values(
        receipts.map((r) => ({
          po_id: r.poId,
          po_line_id: r.poLineId,
          item_id: r.itemId,
          location_id: r.locationId,
          quantity: r.quantity,
          received_on: r.receivedOn,
          actor: r.actor,
          created_at: this.now,
        })),
      )
      .execute();
  }

  async receiptsOf(poId: number): Promise<ReceiptRecord[]> {
    const rows = await this.db
      .selectFrom('receipts as r')
      .innerJoin('items as i', 'i.id', 'r.item_id')
      .innerJoin('locations as l', 'l.id', 'r.location_id')
      .select(['r.id', 'r.po_line_id', 'i.sku', 'l.code', 'r.quantity', 'r.received_on', 'r.actor', 'r.created_at'])
      .where('r.po_id', '=', poId)
      .orderBy('r.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      poLineId: r.po_line_id,
      sku: r.sku,
      location: r.code,
      quantity: r.quantity,
      receivedOn: r.received_on,
      actor: r.actor,
      createdAt: r.created_at,
    }));
  }

  async scorecardFacts(period: ScorecardPeriod, supplierId?: number): Promise<ReadonlyMap<number, ScorecardFacts>> {
    // Every supplier's facts in two statements, not two per supplier: each receipts read walked all receipts.
    let receipts = this.db
      .selectFrom('receipts as r')
      .innerJoin('po_lines as pl', 'pl.id', 'r.po_line_id')
      .innerJoin('purchase_orders as po', 'po.id', 'r.po_id')
      .select(['po.supplier_id', 'r.po_id', 'r.po_line_id', 'r.quantity', 'r.received_on', 'po.ordered_at', 'pl.promised_on', 'pl.expected_on'])
      .where('po.ordered_at', 'is not', null)
      .orderBy('r.id');
    let lines = this.db
      .selectFrom('po_lines as pl')
      .innerJoin('purchase_orders as po', 'po.id', 'pl.po_id')
      .select(['po.supplier_id', 'pl.quantity', 'pl.received'])
      .where('po.ordered_at', 'is not', null)
      .where('po.status', 'in', ['received', 'cancelled']);
    if (supplierId !== undefined) {
      receipts = receipts.where('po.supplier_id', '=', supplierId);
      lines = lines.where('po.supplier_id', '=', supplierId);
    }
    if (period.since !== undefined) receipts = receipts.where('r.received_on', '>=', period.since);
    if (period.until !== undefined) receipts = receipts.where('r.received_on', '<=', period.until);
    if (period.since !== undefined) lines = lines.where('po.closed_at', '>=', period.since);
    if (period.until !== undefined) lines = lines.where(sql<string>`substr(po.closed_at, 1, 10)`, '<=', period.until);
    const facts = new Map<number, { receipts: ReceiptFact[]; closedLines: ClosedLineFact[] }>();
    const of = (id: number) => {
      const found = facts.get(id) ?? { receipts: [], closedLines: [] };
      facts.set(id, found);
      return found;
    };
    for (const r of await receipts.execute()) {
      of(r.supplier_id).receipts.push({
        poId: r.po_id,
        lineId: r.po_line_id,
        quantity: r.quantity,
        receivedOn: r.received_on,
        orderedOn: (r.ordered_at as string).slice(0, 10),
        promisedOn: r.promised_on ?? r.expected_on,
      });
    }
    for (const l of await lines.execute()) of(l.supplier_id).closedLines.push({ quantity: l.quantity, received: l.received });
    return facts;
  }
}

function toSupplier(row: Selectable<SuppliersTable>): Supplier {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    email: row.email,
    leadTimeDays: row.lead_time_days,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
