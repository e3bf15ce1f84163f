import { Type } from '@fastify/type-provider-typebox';
import { PURCHASE_ORDER_STATUS_FILTERS, PURCHASE_ORDER_STATUSES } from '../../app/purchasing/list-purchase-orders.js';
import { MAX_LEAD_TIME_DAYS } from '../../app/purchasing/manage-suppliers.js';
import { MAX_LINES } from '../../app/validate.js';
import { replayable } from './replayable.js';
import { Count, Id, Instant, IsoDate, List, LocationCode, MAX_ID, Money, Nullable, PageOf, PageQuery, Quantity, Sku, Text } from './common.js';

const SupplierCode = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'a supplier code, in the sku alphabet' });
const Email = Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', description: 'an e-mail address, such as orders@supplier.example' });
const LeadTimeDays = Type.Integer({ minimum: 0, maximum: MAX_LEAD_TIME_DAYS, description: 'days from ordering to receiving' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (a real calendar date)' });
const PoStatus = Type.Enum([...PURCHASE_ORDER_STATUSES]);
const PoStatusFilter = Type.Enum([...PURCHASE_ORDER_STATUS_FILTERS], { description: 'a status, or open: draft, ordered and partially_received' });

export const SupplierParams = Type.Object({ code: SupplierCode }, { additionalProperties: false });
export const SupplierItemParams = Type.Object({ code: SupplierCode, sku: Sku }, { additionalProperties: false });
export const PoLineParams = Type.Object({ id: Id, lineId: Id }, { additionalProperties: false });

export const SupplierCreate = Type.Object(
  {
    code: SupplierCode,
    name: Text(200),
    email: Type.Optional(Nullable(Email)),
    leadTimeDays: Type.Optional(LeadTimeDays),
  },
  { additionalProperties: false },
);

export const SupplierPatch = Type.Object(
  { name: Type.Optional(Text(200)), email: Type.Optional(Nullable(Email)), leadTimeDays: Type.Optional(LeadTimeDays) },
  { additionalProperties: false },
);

export const Supplier = Type.Object({
  code: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  leadTimeDays: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
}, { title: 'Supplier' });

export const SupplierList = Type.Object({ items: List(Supplier) });

const LinkFields = {
  supplierSku: Type.Optional(Nullable(Text(100, "the supplier's own code for the item"))),
  unitCost: Type.Optional(Money),
  leadTimeDays: Type.Optional(Nullable(LeadTimeDays)),
  moq: Type.Optional(Quantity),
  packSize: Type.Optional(Quantity),
  preferred: Type.Optional(Type.Boolean({ description: 'at most one preferred supplier per item; its lead time backs estimated ETAs, and plans draft orders to it. Default: true for the first supplier linked to the item, else false' })),
};

export const SupplierItemCreate = Type.Object({ sku: Sku, ...LinkFields }, { additionalProperties: false });
export const SupplierItemPatch = Type.Object(LinkFields, { additionalProperties: false });

export const ItemSupplier = Type.Object({
  sku: Type.String(),
  supplier: Type.String(),
  supplierSku: Nullable(Type.String()),
  unitCost: Type.Integer(),
  leadTimeDays: Nullable(Type.Integer()),
  effectiveLeadTimeDays: Type.Integer(),
  moq: Type.Integer(),
  packSize: Type.Integer(),
  preferred: Type.Boolean(),
}, { title: 'ItemSupplier' });

export const ItemSupplierList = Type.Object({ items: List(ItemSupplier) });
export const ItemSupplierQuery = Type.Object({ sku: Type.Optional(Sku), supplier: Type.Optional(SupplierCode) }, { additionalProperties: false });

export const ScorecardQuery = Type.Object({ since: Type.Optional(Day), until: Type.Optional(Day) }, { additionalProperties: false });

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
export const Scorecard = Type.Object({
  supplier: Type.String(),
  name: Type.String(),
  since: Nullable(IsoDate),
  until: Nullable(IsoDate),
  receipts: Count,
  unitsReceived: Count,
  onTimeRate: Rate,
  leadTimeDays: Type.Object({
    deliveries: Count,
    mean: Nullable(Type.Number()),
    standardDeviation: Nullable(Type.Number()),
    min: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
  }),
  fillRate: Rate,
  closedLines: Count,
}, { title: 'SupplierScorecard', description: 'on time: line deliveries (the receipts of a line on one day) received by the date promised when sent; lead time: days from sending to receiving, per delivery; fill rate: units received of units ordered on closed lines' });

export const ScorecardList = Type.Object({ items: List(Scorecard) });

const RequestedLine = Type.Object(
  {
    sku: Sku,
    quantity: Quantity,
    unitCost: Type.Optional(Money),
    expectedOn: Type.Optional(Day),
  },
  { additionalProperties: false, description: `unitCost defaults to the item–supplier link; expectedOn (today or later, at most ${MAX_LEAD_TIME_DAYS} days out: the longest lead time) to the lead time from the day the order is sent` },
);

export const PurchaseOrderCreate = Type.Object(
  {
    supplier: SupplierCode,
    reference: Type.Optional(Nullable(Text(100, "your or the supplier's order number: one order of a supplier (a cancelled one aside) has it"))),
    lines: Type.Optional(Type.Array(RequestedLine, { maxItems: MAX_LINES })),
  },
  { additionalProperties: false },
);

export const PurchaseOrderLinesAdd = Type.Object(
  { lines: Type.Array(RequestedLine, { minItems: 1, maxItems: MAX_LINES }) },
  { additionalProperties: false },
);

export const PurchaseOrderPatch = Type.Object(
  {
    reference: Type.Optional(Nullable(Text(100))),
    lines: Type.Optional(Type.Array(
      Type.Object(
        {
          lineId: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'the line to change, as receipts name it (required unless the deprecated id is given)' })),
          id: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, deprecated: true, description: 'deprecated alias of lineId; a line giving both must give the same number' })),
          quantity: Type.Optional(Quantity),
          unitCost: Type.Optional(Money),
          expectedOn: Type.Optional(Day),
          cancelRemaining: Type.Optional(Type.Literal(true, { description: 'on a sent order: the units not received will not come; given alone' })),
        },
        { additionalProperties: false },
      ),
      { maxItems: MAX_LINES },
    )),
  },
  { additionalProperties: false, description: `change open lines: a quantity may not fall below what was received; an expected date is today or later, at most ${MAX_LEAD_TIME_DAYS} days out` },
);

export const PurchaseOrderCancel = Type.Object({ reason: Type.Optional(Text(500)) }, { additionalProperties: false });

export const Receipt = Type.Object(
  {
    location: LocationCode,
    receivedOn: Type.Optional(Day),
    allowOverReceipt: Type.Optional(Type.Boolean({ description: 'take more than is open (default false: CONFLICT)' })),
    lines: Type.Array(
      Type.Object(
        { lineId: Type.Optional(Id), sku: Type.Optional(Sku), quantity: Quantity },
        { additionalProperties: false, description: 'a PO line by lineId, or by sku (spread over its open lines, soonest expected first)' },
      ),
      { minItems: 1, maxItems: MAX_LINES },
    ),
  },
  { additionalProperties: false },
);

const PoLine = Type.Object({
  id: Type.Integer(),
  lineNo: Type.Integer(),
  sku: Type.String(),
  quantity: Count,
  received: Count,
  cancelled: Count,
  open: Count,
  unitCost: Type.Integer(),
  expectedOn: IsoDate,
  promisedOn: Nullable(IsoDate),
});

const ReceiptRecord = Type.Object({
  id: Type.Integer(),
  lineId: Type.Integer(),
  sku: Type.String(),
  location: Type.String(),
  quantity: Count,
  receivedOn: IsoDate,
  actor: Type.String(),
  createdAt: Instant,
});

// PurchaseOrderView types the status as a plain string; the schema still documents its values.
const StatusText = Type.Unsafe<string>(PoStatus);

export const PurchaseOrder = Type.Object({
  id: Type.Integer(),
  supplier: Type.String(),
  supplierName: Type.String(),
  reference: Nullable(Type.String()),
  status: StatusText,
  createdAt: Instant,
  orderedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  updatedAt: Instant,
  lines: List(PoLine),
  totals: Type.Object({
    quantity: Count, received: Count, cancelled: Count, open: Count,
    cost: Type.Integer({ description: 'cost of the units not cancelled: received or still to come' }),
  }),
  receipts: Type.Optional(List(ReceiptRecord)),
  warnings: Type.Optional(List(Type.Object(
    { lineId: Type.Integer(), sku: Type.String(), message: Type.String() },
    { description: 'a line that breaks the supplier\'s terms: below its minimum order, not whole packs, or no item–supplier link; the order is kept as asked' },
  ))),
}, { title: 'PurchaseOrder' });

export const ReplayablePurchaseOrder = replayable(PurchaseOrder, 'no purchase order was created again');
export const PurchaseOrderPage = PageOf(PurchaseOrder);
export const PurchaseOrderList = Type.Object({ items: List(PurchaseOrder), rows: Count });

export const PurchaseOrderListQuery = Type.Object(
  { status: Type.Optional(PoStatusFilter), supplier: Type.Optional(SupplierCode), sku: Type.Optional(Sku), ...PageQuery },
  { additionalProperties: false },
);

export const ReceiveResult = Type.Object({ purchaseOrder: PurchaseOrder, receipts: List(ReceiptRecord) });
export const ReplayableReceiveResult = replayable(ReceiveResult, 'nothing was received again');

export const ImportQuery = Type.Object(
  { send: Type.Optional(Type.Boolean({ description: 'send the imported orders at once (default: leave them as drafts)' })) },
  { additionalProperties: false },
);
