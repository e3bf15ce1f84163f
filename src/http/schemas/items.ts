import { Type } from '@fastify/type-provider-typebox';
import { AVAILABILITY_STATUSES } from '../../app/list-items.js';
import { MAX_QUANTITY } from '../../app/validate.js';
import { Count, List, Money, Nullable, PageOf, PageQuery, Sku, Text } from './common.js';
import { ImportWarning, importReportFields } from './imports.js';

export const AvailabilityStatus = Type.Enum([...AVAILABILITY_STATUSES], { description: 'SPEC §2: in_stock, low_stock, backorder or out_of_stock' });
const BackorderPolicy = Type.Enum(['deny', 'allow']);

/** Every item field but the sku, all optional: the body of a PATCH and the tail of a POST. */
const itemFields = {
  name: Type.Optional(Text(200)),
  unitPrice: Type.Optional(Money),
  unitCost: Type.Optional(Money),
  backorderPolicy: Type.Optional(BackorderPolicy),
  backorderLimit: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: MAX_QUANTITY, description: 'units that may wait at once; null = no limit' }))),
  lowStockThreshold: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_QUANTITY })),
  leadTimeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  substitutes: Type.Optional(Type.Array(Sku, { maxItems: 20 })),
  discontinued: Type.Optional(Type.Boolean()),
};

export const ItemCreate = Type.Object({ ...itemFields, sku: Sku, name: Text(200) }, { additionalProperties: false });

export const ItemPatch = Type.Object(
  { ...itemFields, sku: Type.Optional(Sku) },
  { additionalProperties: false, description: 'fields to change; sku cannot change' },
);

export const Item = Type.Object({
  sku: Sku,
  name: Type.String(),
  unitPrice: Money,
  unitCost: Money,
  backorderPolicy: BackorderPolicy,
  backorderLimit: Nullable(Type.Integer()),
  lowStockThreshold: Count,
  leadTimeDays: Count,
  substitutes: List(Type.String()),
  discontinued: Type.Boolean(),
  status: AvailabilityStatus,
  onHand: Count,
  allocated: Count,
  available: Count,
  incoming: Type.Integer({ minimum: 0, description: 'open purchase-order units not yet received' }),
  backordered: Count,
  projected: Type.Integer({ description: 'onHand + incoming − allocated − backordered' }),
}, { title: 'Item' });

export const ItemWarning = Type.Object({
  code: Type.Enum(['DISCONTINUED_WITH_BACKORDERS', 'DISCONTINUED_WITH_INCOMING']),
  message: Type.String(),
  waitingLines: Count,
  waitingUnits: Count,
  waitingOrders: Count,
  incomingUnits: Type.Integer({ minimum: 0, description: 'open purchase-order units not yet received' }),
}, { description: 'the change was made, but: the item was discontinued while units of it wait in its backorder queue or are on open purchase orders' });

export const ChangedItem = Type.Object(
  { ...Item.properties, warnings: List(ItemWarning) },
  { title: 'ChangedItem', description: 'the item as changed, with what its changer should know' },
);

export const ItemImportReport = Type.Object({
  ...importReportFields,
  created: Type.Integer({ description: 'items new to the catalogue' }),
  warnings: List(Type.Object({ ...ImportWarning.properties, sku: Type.String(), ...ItemWarning.properties }, { description: 'a row was imported, but: it discontinued an item whose units wait in its backorder queue or are on open purchase orders' })),
}, { title: 'ItemImportReport' });

export const ItemPage = PageOf(Item);

export const SkuParams = Type.Object({ sku: Sku }, { additionalProperties: false });

export const ItemListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 100, pattern: '^[^\\u0000]*$', description: 'part of the sku or name, any case' })),
    status: Type.Optional(AvailabilityStatus),
    ...PageQuery,
  },
  { additionalProperties: false },
);
