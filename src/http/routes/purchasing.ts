import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cancelPurchaseOrder } from '../../app/purchasing/cancel-purchase-order.js';
import { addPurchaseOrderLines, removePurchaseOrderLine } from '../../app/purchasing/change-draft-lines.js';
import { createPurchaseOrder } from '../../app/purchasing/create-purchase-order.js';
import { importPurchaseOrders, MAX_IMPORT_ROWS } from '../../app/purchasing/import-purchase-orders.js';
import { getPurchaseOrder, listPurchaseOrders } from '../../app/purchasing/list-purchase-orders.js';
import { createItemSupplier, deleteItemSupplier, listItemSuppliers, updateItemSupplier } from '../../app/purchasing/manage-item-suppliers.js';
import { createSupplier, getSupplier, listSuppliers, updateSupplier } from '../../app/purchasing/manage-suppliers.js';
import { receivePurchaseOrder } from '../../app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../app/purchasing/send-purchase-order.js';
import { supplierScorecard, supplierScorecards } from '../../app/purchasing/supplier-scorecard.js';
import { updatePurchaseOrder } from '../../app/purchasing/update-purchase-order.js';
import { csvBody, csvOnly, type CsvContent } from '../csv-scope.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { replayableAnswer } from '../replayable-answer.js';
import { IdempotencyHeaders } from '../schemas/replayable.js';
import { Empty, IdParams, responses } from '../schemas/common.js';
import {
  ImportQuery, ItemSupplier, ItemSupplierList, ItemSupplierQuery, PoLineParams, PurchaseOrder, PurchaseOrderCancel,
  PurchaseOrderCreate, PurchaseOrderLinesAdd, PurchaseOrderList, PurchaseOrderListQuery, PurchaseOrderPage, PurchaseOrderPatch,
  Receipt, ReplayablePurchaseOrder, ReplayableReceiveResult, Scorecard, ScorecardList, ScorecardQuery, Supplier, SupplierCreate, SupplierItemCreate, SupplierItemPatch,
  SupplierItemParams, SupplierList, SupplierParams, SupplierPatch,
} from '../schemas/purchasing.js';

/** What the purchase-order import takes, as its 415 and its OpenAPI body say; its limit stays a JSON body's 1 MiB, ample for its most rows. */
const PURCHASE_ORDER_CSV: CsvContent = { what: 'the purchase orders', layout: 'a header row, then supplier,sku,quantity[,unitCost,expectedOn,reference]', bodyLimit: 1024 * 1024 };

/**
 * Suppliers, item–supplier links, purchase orders, receipts and scorecards (SPEC §5). Mounted at
 * the API root: its paths are `/suppliers…`, `/item-suppliers` and `/purchase-orders…`.
 */
const purchasingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // No body at all is an empty one; a body of JSON null is refused as any other non-object.
  const emptyBody = async (request: { body: unknown }) => {
    if (request.body === undefined) request.body = {};
  };

  app.post('/suppliers', {
    config: { permission: 'suppliers:write' },
    schema: { tags: ['purchasing'], summary: 'Create a supplier', body: SupplierCreate, response: responses({ 201: Supplier }) },
  }, async (request, reply) => reply.code(201).send(unwrap(await createSupplier(app.store, request.body, actorOf(request)))));

  app.get('/suppliers', {
    config: { permission: 'suppliers:read' },
    schema: { tags: ['purchasing'], summary: 'List suppliers by code', response: responses({ 200: SupplierList }) },
  }, async () => ({ items: unwrap(await listSuppliers(app.store)) }));

  app.get('/suppliers/scorecards', {
    config: { permission: 'suppliers:read' },
    schema: { tags: ['purchasing'], summary: "Every supplier's scorecard over a period of receipts", querystring: ScorecardQuery, response: responses({ 200: ScorecardList }) },
  }, async (request) => ({ items: unwrap(await supplierScorecards(app.store, request.query)) }));

  app.get('/suppliers/:code', {
    config: { permission: 'suppliers:read' },
    schema: { tags: ['purchasing'], summary: 'Get a supplier', params: SupplierParams, response: responses({ 200: Supplier }) },
  }, async (request) => unwrap(await getSupplier(app.store, request.params.code)));

  app.patch('/suppliers/:code', {
    config: { permission: 'suppliers:write' },
    schema: { tags: ['purchasing'], summary: "Change a supplier (a new lead time moves estimated ETAs of items it is preferred for)", params: SupplierParams, body: SupplierPatch, response: responses({ 200: Supplier }) },
  }, async (request) => unwrap(await updateSupplier(app.store, request.params.code, request.body, actorOf(request))));

  app.get('/suppliers/:code/scorecard', {
    config: { permission: 'suppliers:read' },
    schema: { tags: ['purchasing'], summary: "A supplier's scorecard: on-time rate, lead time mean and spread, fill rate", params: SupplierParams, querystring: ScorecardQuery, response: responses({ 200: Scorecard }) },
  }, async (request) => unwrap(await supplierScorecard(app.store, request.params.code, request.query)));

  app.get('/suppliers/:code/items', {
    config: { permission: 'suppliers:read' },
    schema: { tags: ['purchasing'], summary: 'Items this supplier is linked to', params: SupplierParams, response: responses({ 200: ItemSupplierList }) },
  }, async (request) => ({ items: unwrap(await listItemSuppliers(app.store, { supplier: request.params.code })) }));

  app.post('/suppliers/:code/items', {
    config: { permission: 'suppliers:write' },
    schema: { tags: ['purchasing'], summary: 'Link an item to this supplier (supplier sku, unit cost, lead time, MOQ, pack size, preferred)', params: SupplierParams, body: SupplierItemCreate, response: responses({ 201: ItemSupplier }) },
  }, async (request, reply) => reply.code(201).send(unwrap(await createItemSupplier(app.store, { ...request.body, supplier: request.params.code }, actorOf(request)))));

  app.patch('/suppliers/:code/items/:sku', {
    config: { permission: 'suppliers:write' },
    schema: { tags: ['purchasing'], summary: 'Change an item–supplier link', params: SupplierItemParams, body: SupplierItemPatch, response: responses({ 200: ItemSupplier }) },
  }, async (request) => unwrap(await updateItemSupplier(app.store, request.params.sku, request.params.code, request.body, actorOf(request))));

  app.delete('/suppliers/:code/items/:sku', {
    config: { permission: 'suppliers:write' },
    schema: { tags: ['purchasing'], summary: 'Remove an item–supplier link (orders already made keep their lines); answers the link as it was', params: SupplierItemParams, response: responses({ 200: ItemSupplier }) },
  }, async (request) => unwrap(await deleteItemSupplier(app.store, request.params.sku, request.params.code, actorOf(request))));

  app.get('/item-suppliers', {
    config: { permission: 'suppliers:read' },
    schema: { tags: ['purchasing'], summary: 'Item–supplier links, by item and/or supplier', querystring: ItemSupplierQuery, response: responses({ 200: ItemSupplierList }) },
  }, async (request) => ({ items: unwrap(await listItemSuppliers(app.store, request.query)) }));

  app.post('/purchase-orders', {
    config: { permission: 'purchase-orders:write' },
    schema: {
      tags: ['purchasing'],
      summary: "Create a draft purchase order (not yet supply); a reference the supplier's orders already have is a 409; a repeat with the same Idempotency-Key returns the first outcome and creates nothing",
      headers: IdempotencyHeaders, body: PurchaseOrderCreate, response: responses({ 201: ReplayablePurchaseOrder }),
    },
  }, async (request, reply) => {
    const result = await createPurchaseOrder(app.store, request.body, actorOf(request), { idempotencyKey: request.headers['idempotency-key'] });
    return reply.code(201).send(replayableAnswer(reply, result));
  });

  await app.register(csvOnly(PURCHASE_ORDER_CSV, async (csv) => {
    csv.post('/purchase-orders/import', {
      config: { permission: 'purchase-orders:write' },
      schema: {
        tags: ['purchasing'],
        summary: `Import purchase orders from CSV (text/csv: supplier,sku,quantity[,unitCost,expectedOn,reference], at most ${MAX_IMPORT_ROWS} rows; rows of one supplier and reference form one order); all rows or none; any other content type is 415`,
        ...csvBody(PURCHASE_ORDER_CSV),
        querystring: ImportQuery,
        response: responses({ 201: PurchaseOrderList }),
      },
    }, async (request, reply) => {
      const imported = unwrap(await importPurchaseOrders(app.store, request.body, actorOf(request), { send: request.query.send ?? false }));
      return reply.code(201).send({ items: imported.purchaseOrders, rows: imported.rows });
    });
  }));

  app.get('/purchase-orders', {
    config: { permission: 'purchase-orders:read' },
    schema: { tags: ['purchasing'], summary: 'List purchase orders, newest first', querystring: PurchaseOrderListQuery, response: responses({ 200: PurchaseOrderPage }) },
  }, async (request) => unwrap(await listPurchaseOrders(app.store, request.query)));

  app.get('/purchase-orders/:id', {
    config: { permission: 'purchase-orders:read' },
    schema: { tags: ['purchasing'], summary: 'Get a purchase order with its lines and receipts', params: IdParams, response: responses({ 200: PurchaseOrder }) },
  }, async (request) => unwrap(await getPurchaseOrder(app.store, request.params.id)));

  app.patch('/purchase-orders/:id', {
    config: { permission: 'purchase-orders:write' },
    schema: { tags: ['purchasing'], summary: 'Change the reference, or quantities, costs and expected dates of open lines', params: IdParams, body: PurchaseOrderPatch, response: responses({ 200: PurchaseOrder }) },
  }, async (request) => unwrap(await updatePurchaseOrder(app.store, request.params.id, request.body, actorOf(request))));

  app.post('/purchase-orders/:id/lines', {
    config: { permission: 'purchase-orders:write' },
    schema: { tags: ['purchasing'], summary: 'Add lines to a draft', params: IdParams, body: PurchaseOrderLinesAdd, response: responses({ 200: PurchaseOrder }) },
  }, async (request) => unwrap(await addPurchaseOrderLines(app.store, request.params.id, request.body, actorOf(request))));

  app.delete('/purchase-orders/:id/lines/:lineId', {
    config: { permission: 'purchase-orders:write' },
    schema: { tags: ['purchasing'], summary: 'Remove a line from a draft', params: PoLineParams, response: responses({ 200: PurchaseOrder }) },
  }, async (request) => unwrap(await removePurchaseOrderLine(app.store, request.params.id, request.params.lineId, actorOf(request))));

  app.post('/purchase-orders/:id/send', {
    config: { permission: 'purchase-orders:write' },
    schema: { tags: ['purchasing'], summary: 'Send a draft to its supplier: its lines become incoming supply and back promise dates', params: IdParams, body: Empty, response: responses({ 200: PurchaseOrder }) },
    preValidation: emptyBody,
  }, async (request) => unwrap(await sendPurchaseOrder(app.store, request.params.id, actorOf(request))));

  app.post('/purchase-orders/:id/receipts', {
    config: { permission: 'purchase-orders:write' },
    schema: {
      tags: ['purchasing'], summary: 'Receive any part of any lines into a location; fills the backorder queue at once; a repeat with the same Idempotency-Key returns the first outcome and receives nothing',
      params: IdParams, headers: IdempotencyHeaders, body: Receipt, response: responses({ 201: ReplayableReceiveResult }),
    },
  }, async (request, reply) => {
    const result = await receivePurchaseOrder(app.store, request.params.id, request.body, actorOf(request), { idempotencyKey: request.headers['idempotency-key'] });
    return reply.code(201).send(replayableAnswer(reply, result));
  });

  app.post('/purchase-orders/:id/cancel', {
    config: { permission: 'purchase-orders:write' },
    schema: { tags: ['purchasing'], summary: 'Cancel what is still open; received units stay', params: IdParams, body: PurchaseOrderCancel, response: responses({ 200: PurchaseOrder }) },
    preValidation: emptyBody,
  }, async (request) => unwrap(await cancelPurchaseOrder(app.store, request.params.id, request.body, actorOf(request))));
};

export default purchasingRoutes;
