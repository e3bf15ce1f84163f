import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adjustStock } from '../../app/adjust-stock.js';
import { importStock } from '../../app/import-stock.js';
import { listMovements } from '../../app/list-movements.js';
import { listStockLevels } from '../../app/list-stock-levels.js';
import { transferStock } from '../../app/transfer-stock.js';
import { csvBody, csvOnly, MAX_UPLOAD_ROWS, uploadedRows, type CsvContent } from '../csv-scope.js';
import { unwrap } from '../errors.js';
import { replayableAnswer } from '../replayable-answer.js';
import { actorOf } from '../plugins/authentication.js';
import { responses } from '../schemas/common.js';
import { CsvImportQuery } from '../schemas/imports.js';
import { IdempotencyHeaders } from '../schemas/replayable.js';
import { Adjustment, MovementPage, MovementQuery, ReplayableAdjustmentResult, ReplayableTransferResult, StockImportReport, StockPage, StockQuery, Transfer } from '../schemas/stock.js';

/** What the stock import takes, as its 415 and its OpenAPI body say. */
const STOCK_CSV: CsvContent = { what: 'the stock counts', layout: 'a header row, then sku,location,count[,reason]' };

/** Stock levels, the movement ledger, adjustments, transfers (SPEC §3) and stock counts imported from CSV (as `restock import stock`). */
const stockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/adjustments', {
    config: { permission: 'stock:write' },
    schema: {
      tags: ['stock'], summary: 'Adjust on-hand stock by a delta or to a counted number; a repeat with the same Idempotency-Key returns the first outcome and changes nothing',
      headers: IdempotencyHeaders, body: Adjustment, response: responses({ 201: ReplayableAdjustmentResult }),
    },
  }, async (request, reply) => {
    const result = await adjustStock(app.store, request.body, actorOf(request), { idempotencyKey: request.headers['idempotency-key'] });
    return reply.code(201).send(replayableAnswer(reply, result));
  });

  app.post('/transfers', {
    config: { permission: 'stock:write' },
    schema: {
      tags: ['stock'], summary: 'Move available units between locations; a repeat with the same Idempotency-Key returns the first outcome and moves nothing',
      headers: IdempotencyHeaders, body: Transfer, response: responses({ 201: ReplayableTransferResult }),
    },
  }, async (request, reply) => {
    const result = await transferStock(app.store, request.body, actorOf(request), { idempotencyKey: request.headers['idempotency-key'] });
    return reply.code(201).send(replayableAnswer(reply, result));
  });

  await app.register(csvOnly(STOCK_CSV, async (csv) => {
    csv.post('/import', {
      config: { permission: 'stock:write' },
      schema: {
        tags: ['stock'],
        summary: `Set counted on-hand stock from CSV (text/csv, UTF-8, at most ${MAX_UPLOAD_ROWS} rows; the allocated and available columns of an export are accepted and ignored), as restock import stock: each row adjusts one item at one location to its count (reason "import" unless the row gives one) and waiting backorders are filled from what arrives; all or nothing unless skipInvalid, problems by line; any other content type is 415`,
        ...csvBody(STOCK_CSV),
        querystring: CsvImportQuery,
        response: responses({ 200: StockImportReport }),
      },
    }, async (request) => {
      const file = uploadedRows(request.body, MAX_UPLOAD_ROWS);
      return unwrap(await importStock(app.store, file.columns, file.rows, { actor: actorOf(request), skipInvalid: request.query.skipInvalid, dryRun: request.query.dryRun }));
    });
  }));

  app.get('', {
    config: { permission: 'stock:read' },
    schema: { tags: ['stock'], summary: 'Stock levels by item and location', querystring: StockQuery, response: responses({ 200: StockPage }) },
  }, async (request) => unwrap(await listStockLevels(app.store, request.query)));

  app.get('/movements', {
    config: { permission: 'stock:read' },
    schema: { tags: ['stock'], summary: 'The movement ledger, oldest first', querystring: MovementQuery, response: responses({ 200: MovementPage }) },
  }, async (request) => unwrap(await listMovements(app.store, request.query)));
};

export default stockRoutes;
