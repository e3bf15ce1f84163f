import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cancelOrder } from '../../app/cancel-order.js';
import { changeOrderPriority } from '../../app/change-order-priority.js';
import { getOrder } from '../../app/get-order.js';
import { listOrders } from '../../app/list-orders.js';
import { shipOrder } from '../../app/ship-order.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { replayableAnswer } from '../replayable-answer.js';
import { IdParams, responses } from '../schemas/common.js';
import { IdempotencyHeaders } from '../schemas/replayable.js';
import {
  Cancellation, Order, OrderCreate, OrderListQuery, OrderPage, OrderPatch, ReplayableOrder, Shipment,
} from '../schemas/orders.js';

/** Orders: placing (idempotent), reading, shipping, cancelling and re-prioritising (SPEC §3). */
const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('', {
    config: { permission: 'orders:place' },
    schema: {
      tags: ['orders'],
      summary: 'Place an order; repeats with the same Idempotency-Key or externalId return the first outcome',
      headers: IdempotencyHeaders, body: OrderCreate, response: responses({ 201: ReplayableOrder }),
    },
  }, async (request, reply) => {
    const options = { idempotencyKey: request.headers['idempotency-key'], actor: actorOf(request) };
    return reply.code(201).send(replayableAnswer(reply, await app.placements.place(request.body, options)));
  });

  app.get('', {
    config: { permission: 'orders:read' },
    schema: { tags: ['orders'], summary: 'List orders, newest first', querystring: OrderListQuery, response: responses({ 200: OrderPage }) },
  }, async (request) => unwrap(await listOrders(app.store, request.query)));

  app.get('/:id', {
    config: { permission: 'orders:read' },
    schema: { tags: ['orders'], summary: 'Get an order with its lines, allocations and ETAs', params: IdParams, response: responses({ 200: Order }) },
  }, async (request) => unwrap(await getOrder(app.store, request.params.id)));

  app.post('/:id/shipments', {
    config: { permission: 'orders:write' },
    schema: {
      tags: ['orders'], summary: 'Ship allocated units; a repeat with the same Idempotency-Key returns the first outcome and ships nothing',
      params: IdParams, headers: IdempotencyHeaders, body: Shipment, response: responses({ 200: ReplayableOrder }),
    },
  }, async (request, reply) => replayableAnswer(reply, await shipOrder(app.store, request.params.id, request.body, actorOf(request), { idempotencyKey: request.headers['idempotency-key'] })));

  app.post('/:id/cancel', {
    config: { permission: 'orders:cancel' },
    schema: {
      tags: ['orders'], summary: 'Cancel the whole order ({} or no body) or some units of its lines; a repeat with the same Idempotency-Key returns the first outcome and cancels nothing more',
      params: IdParams, headers: IdempotencyHeaders, body: Cancellation, response: responses({ 200: ReplayableOrder }),
    },
    // No body at all means the same as {}: cancel everything still open.
    preValidation: async (request) => {
      if (request.body === undefined) request.body = {};
    },
  }, async (request, reply) => replayableAnswer(reply, await cancelOrder(app.store, request.params.id, request.body, actorOf(request), { idempotencyKey: request.headers['idempotency-key'] })));

  app.patch('/:id', {
    config: { permission: 'orders:write' },
    schema: { tags: ['orders'], summary: 'Change the order\'s priority (moves its backorders in their queues)', params: IdParams, body: OrderPatch, response: responses({ 200: Order }) },
  }, async (request) => unwrap(await changeOrderPriority(app.store, request.params.id, request.body, actorOf(request))));
};


export default orderRoutes;
