import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adjustStock } from '../../app/adjust-stock.js';
import { listMovements } from '../../app/list-movements.js';
import { listStockLevels } from '../../app/list-stock-levels.js';
import { transferStock } from '../../app/transfer-stock.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { responses } from '../schemas/common.js';
import { Adjustment, AdjustmentResult, MovementPage, MovementQuery, StockPage, StockQuery, Transfer, TransferResult } from '../schemas/stock.js';

/** Stock levels, the movement ledger, adjustments and transfers (SPEC §3). */
const stockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/adjustments', {
    config: { permission: 'stock:write' },
    schema: { tags: ['stock'], summary: 'Adjust on-hand stock by a delta or to a counted number', body: Adjustment, response: responses({ 201: AdjustmentResult }) },
  }, async (request, reply) => reply.code(201).send(unwrap(await adjustStock(app.store, request.body, actorOf(request)))));

  app.post('/transfers', {
    config: { permission: 'stock:write' },
    schema: { tags: ['stock'], summary: 'Move available units between locations', body: Transfer, response: responses({ 201: TransferResult }) },
  }, async (request, reply) => reply.code(201).send(unwrap(await transferStock(app.store, request.body, actorOf(request)))));

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
