import type { ClosedLineFact, ReceiptFact } from '../../domain/scorecard.js';

/** What the purchasing use cases need from storage, reached as `tx.purchasing` (SPEC §5). */
export interface PurchasingRecords {
  insertSupplier(supplier: NewSupplier): Promise<Supplier>;
  updateSupplier(id: number, patch: SupplierPatch): Promise<void>;
  findSuppliers(codes: readonly string[]): Promise<Supplier[]>;
  /**
   * Suppliers by code, read again under a row lock taken before any item's (the lock order:
   * suppliers, then items, both in id order). `shared` for a change of an item's link to the
   * supplier (such changes run side by side); `exclusive` for a change of the supplier's lead time,
   * which must see every link committed before it lists the items taking that lead time, and for
   * an import's check that no order has its reference yet. A plain read on SQLite, whose writers
   * take turns anyway.
   */
  lockSuppliers(codes: readonly string[], strength: 'shared' | 'exclusive'): Promise<Supplier[]>;
  listSuppliers(): Promise<Supplier[]>;
  /** Items whose preferred link points at this supplier and takes the supplier's lead time. */
  itemsUsingSupplierLeadTime(supplierId: number): Promise<number[]>;

  insertLink(link: NewItemSupplierLink): Promise<void>;
  updateLink(itemId: number, supplierId: number, patch: ItemSupplierLinkPatch): Promise<void>;
  deleteLink(itemId: number, supplierId: number): Promise<void>;
  /** Clears the preferred flag of every link of the item (before another becomes preferred). */
  clearPreferred(itemId: number): Promise<void>;
  /**
   * Links by item and/or supplier, by sku then supplier code; `itemIds` and `supplierIds` narrow to
   * links between any of them (each list non-empty; with many `itemIds` the order is by sku only within runs of them).
   */
  listLinks(filter: LinkFilter): Promise<ItemSupplierLink[]>;

  insertPurchaseOrder(order: NewPurchaseOrder): Promise<number>;
  /** Inserts lines numbered after the order's current last line. */
  insertPurchaseOrderLines(poId: number, lines: readonly NewPurchaseOrderLine[]): Promise<void>;
  findPurchaseOrder(id: number): Promise<PurchaseOrderRecord | null>;
  /** Takes the order's row lock (FOR UPDATE on PostgreSQL); callers lock its items first. */
  lockPurchaseOrder(id: number): Promise<void>;
  listPurchaseOrders(filter: PurchaseOrderFilter): Promise<PurchaseOrderRecord[]>;
  /** The id of the supplier's order, not cancelled, with this reference; null when none. */
  findOrderWithReference(supplierId: number, reference: string): Promise<number | null>;
  setPurchaseOrder(id: number, patch: PurchaseOrderPatch): Promise<void>;
  updatePurchaseOrderLine(lineId: number, patch: PurchaseOrderLinePatch): Promise<void>;
  deletePurchaseOrderLine(lineId: number): Promise<void>;
  /** Fixes each line's promised date to its expected date (when the order is sent). */
  promiseLines(poId: number): Promise<void>;
  /** Records the unreceived rest of every line as cancelled. */
  cancelOpenLines(poId: number): Promise<void>;
  /** Records a line's units neither received nor cancelled yet as cancelled. */
  cancelLineRemainder(lineId: number): Promise<void>;
  /**
   * Adds received units to a line and takes `uncancelled` of them off its cancelled units (they
   * came after all), in one relative UPDATE.
   */
  addReceived(lineId: number, quantity: number, uncancelled: number): Promise<void>;
  insertReceipts(receipts: readonly NewReceipt[]): Promise<void>;
  receiptsOf(poId: number): Promise<ReceiptRecord[]>;

  /**
   * Receipts (in receipt order) and closed lines of sent orders, for scorecards: by supplier id, of
   * every supplier or of the one given. A supplier with neither is not in the map.
   */
  scorecardFacts(period: ScorecardPeriod, supplierId?: number): Promise<ReadonlyMap<number, ScorecardFacts>>;
}

export interface ScorecardFacts {
  readonly receipts: readonly ReceiptFact[];
  readonly closedLines: readonly ClosedLineFact[];
}

export interface Supplier {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly email: string | null;
  readonly leadTimeDays: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewSupplier {
  readonly code: string;
  readonly name: string;
  readonly email: string | null;
  readonly leadTimeDays: number;
}

export type SupplierPatch = Partial<Omit<NewSupplier, 'code'>>;

export interface ItemSupplierLink {
  readonly itemId: number;
  readonly sku: string;
  readonly supplierId: number;
  readonly supplier: string;
  readonly supplierSku: string | null;
  readonly unitCost: number;
  /** The link's own lead time; null means the supplier's default applies. */
  readonly leadTimeDays: number | null;
  readonly supplierLeadTimeDays: number;
  readonly moq: number;
  readonly packSize: number;
  readonly preferred: boolean;
}

export interface NewItemSupplierLink {
  readonly itemId: number;
  readonly supplierId: number;
  readonly supplierSku: string | null;
  readonly unitCost: number;
  readonly leadTimeDays: number | null;
  readonly moq: number;
  readonly packSize: number;
  readonly preferred: boolean;
}

export type ItemSupplierLinkPatch = Partial<Omit<NewItemSupplierLink, 'itemId' | 'supplierId'>>;

export type PurchaseOrderStatus = 'draft' | 'ordered' | 'partially_received' | 'received' | 'cancelled';

export interface NewPurchaseOrder {
  readonly supplierId: number;
  readonly reference: string | null;
}

export interface NewPurchaseOrderLine {
  readonly itemId: number;
  readonly quantity: number;
  readonly unitCost: number;
  readonly expectedOn: string;
  /** The date was left to the lead time: counted again from the day the order is sent. */
  readonly expectedByLeadTime: boolean;
}

export interface PurchaseOrderLineRecord {
  readonly id: number;
  readonly lineNo: number;
  readonly itemId: number;
  readonly sku: string;
  readonly quantity: number;
  readonly received: number;
  readonly cancelled: number;
  readonly unitCost: number;
  readonly expectedOn: string;
  readonly expectedByLeadTime: boolean;
  readonly promisedOn: string | null;
}

export interface PurchaseOrderRecord {
  readonly id: number;
  readonly supplierId: number;
  readonly supplier: string;
  readonly supplierName: string;
  readonly reference: string | null;
  readonly status: PurchaseOrderStatus;
  readonly createdAt: string;
  readonly orderedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
  readonly lines: readonly PurchaseOrderLineRecord[];
}

export interface PurchaseOrderPatch {
  readonly status?: PurchaseOrderStatus;
  readonly reference?: string | null;
  readonly orderedAt?: string;
  readonly closedAt?: string;
}

export interface LinkFilter {
  readonly itemId?: number;
  readonly supplierId?: number;
  readonly itemIds?: readonly number[];
  readonly supplierIds?: readonly number[];
}

export interface PurchaseOrderLinePatch {
  readonly quantity?: number;
  readonly unitCost?: number;
  readonly expectedOn?: string;
}

export interface PurchaseOrderFilter {
  /** Any of these statuses. */
  readonly statuses?: readonly PurchaseOrderStatus[];
  readonly supplierId?: number;
  readonly itemId?: number;
  /** Orders with a smaller id (pages run newest first). */
  readonly beforeId?: number;
  readonly limit: number;
}

export interface NewReceipt {
  readonly poId: number;
  readonly poLineId: number;
  readonly itemId: number;
  readonly locationId: number;
  readonly quantity: number;
  readonly receivedOn: string;
  readonly actor: string;
}

export interface ReceiptRecord {
  readonly id: number;
  readonly poLineId: number;
  readonly sku: string;
  readonly location: string;
  readonly quantity: number;
  readonly receivedOn: string;
  readonly actor: string;
  readonly createdAt: string;
}

/** Receipts between these days (inclusive, `YYYY-MM-DD`); either end may be open. */
export interface ScorecardPeriod {
  readonly since?: string;
  readonly until?: string;
}
