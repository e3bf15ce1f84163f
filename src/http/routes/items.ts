import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getItem } from '../../app/get-item.js';
import { listItems } from '../../app/list-items.js';
import { cancelItemBackorders } from '../../app/cancel-item-backorders.js';
import { ITEM_COLUMNS } from '../../app/export-items.js';
import { importItems } from '../../app/import-items.js';
import { createItem, updateItem } from '../../app/manage-items.js';
import { csvBody, csvOnly, MAX_UPLOAD_ROWS, uploadedRows, type CsvContent } from '../csv-scope.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { BackorderCancellation, ReplayableBackordersCancelled } from '../schemas/backorders.js';
import { responses } from '../schemas/common.js';
import { CsvImportQuery } from '../schemas/imports.js';
import { ChangedItem, Item, ItemCreate, ItemImportReport, ItemListQuery, ItemPage, ItemPatch, SkuParams } from '../schemas/items.js';
import { IdempotencyHeaders } from '../schemas/replayable.js';
import { replayableAnswer } from '../replayable-answer.js';

/** What the items import takes, as its 415 and its OpenAPI body say. */
const ITEMS_CSV: CsvContent = { what: 'the items', layout: `a header row, then sku and any of ${ITEM_COLUMNS.filter((column) => column !== 'sku').join(',')}` };

/**
 * The catalogue (SPEC §1): items with their stock figures and buyer-facing status, their import
 * from CSV (as `restock import items`), and cancelling an item's waiting backorders.
 */
const itemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('', {
    config: { permission: 'catalog:write' },
    schema: { tags: ['items'], summary: 'Create an item', body: ItemCreate, response: responses({ 201: Item }) },
  }, async (request, reply) => {
    const created = unwrap(await createItem(app.store, request.body, actorOf(request)));
    return reply.code(201).send(unwrap(await getItem(app.store, created.sku)));
  });

  app.get('', {
    config: { permission: 'catalog:read' },
    schema: { tags: ['items'], summary: 'List items by sku, with search, status filter and cursor pagination', querystring: ItemListQuery, response: responses({ 200: ItemPage }) },
  }, async (request) => unwrap(await listItems(app.store, request.query)));

  app.get('/:sku', {
    config: { permission: 'catalog:read' },
    schema: { tags: ['items'], summary: 'Get an item', params: SkuParams, response: responses({ 200: Item }) },
  }, async (request) => unwrap(await getItem(app.store, request.params.sku)));

  app.patch('/:sku', {
    config: { permission: 'catalog:write' },
    schema: {
      tags: ['items'], summary: 'Change an item; discontinuing one that customers still wait for, or that is on order, answers a warning',
      params: SkuParams, body: ItemPatch, response: responses({ 200: ChangedItem }),
    },
  }, async (request) => {
    const { warnings } = unwrap(await updateItem(app.store, request.params.sku, request.body, actorOf(request)));
    return { ...unwrap(await getItem(app.store, request.params.sku)), warnings };
  });

  await app.register(csvOnly(ITEMS_CSV, async (csv) => {
    csv.post('/import', {
      config: { permission: 'catalog:write' },
      schema: {
        tags: ['items'],
        summary: `Create or update items by sku from CSV (text/csv, UTF-8, at most ${MAX_UPLOAD_ROWS} rows), as restock import items: only the columns present change; all or nothing unless skipInvalid, problems by line; a row that discontinues an item customers wait for, or that is on order, answers a warning; any other content type is 415`,
        ...csvBody(ITEMS_CSV),
        querystring: CsvImportQuery,
        response: responses({ 200: ItemImportReport }),
      },
    }, async (request) => {
      const file = uploadedRows(request.body, MAX_UPLOAD_ROWS);
      return unwrap(await importItems(app.store, file.columns, file.rows, { actor: actorOf(request), skipInvalid: request.query.skipInvalid, dryRun: request.query.dryRun }));
    });
  }));

  app.post('/:sku/backorders/cancel', {
    config: { permission: 'backorders:cancel' },
    schema: {
      tags: ['items', 'backorders'],
      summary: 'Cancel every unit still waiting in the item\'s backorder queue, in one go (allocated units stay); each order\'s customer is told; a repeat with the same Idempotency-Key returns the first outcome and cancels nothing more',
      params: SkuParams, headers: IdempotencyHeaders, body: BackorderCancellation, response: responses({ 200: ReplayableBackordersCancelled }),
    },
  }, async (request, reply) => {
    return replayableAnswer(reply, await cancelItemBackorders(app.store, request.params.sku, request.body, actorOf(request), { idempotencyKey: request.headers['idempotency-key'] }));
  });
};

export default itemRoutes;
