import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  createWebhookEndpoint, deleteWebhookEndpoint, getWebhookEndpoint, listWebhookEndpoints, updateWebhookEndpoint,
} from '../../app/communication/manage-webhook-endpoints.js';
import { listDeliveries, replayDeadLetters } from '../../app/communication/webhook-deliveries.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  CreatedEndpoint, DeadLetterQuery, DeliveryPage, DeliveryQuery, Endpoint, EndpointCreate, EndpointList, EndpointPatch, Removed, Replay, Replayed,
} from '../schemas/webhooks.js';

/**
 * Webhook endpoints (SPEC §6): register, change, remove; watch deliveries; list and replay dead
 * letters, to the addresses the app's communication settings allow.
 */
const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { addressPolicy } = app.communicationSettings;

  app.post('/endpoints', {
    config: { permission: 'webhooks:manage' },
    schema: { tags: ['webhooks'], summary: 'Register an endpoint; the answer carries its signing secret, shown this once', body: EndpointCreate, response: responses({ 201: CreatedEndpoint }) },
  }, async (request, reply) => reply.code(201).send(unwrap(await createWebhookEndpoint(app.store, request.body, addressPolicy, actorOf(request)))));

  app.get('/endpoints', {
    config: { permission: 'webhooks:read' },
    schema: { tags: ['webhooks'], summary: 'List endpoints', response: responses({ 200: EndpointList }) },
  }, async () => ({ items: unwrap(await listWebhookEndpoints(app.store)) }));

  app.get('/endpoints/:id', {
    config: { permission: 'webhooks:read' },
    schema: { tags: ['webhooks'], summary: 'One endpoint', params: IdParams, response: responses({ 200: Endpoint }) },
  }, async (request) => unwrap(await getWebhookEndpoint(app.store, request.params.id)));

  app.patch('/endpoints/:id', {
    config: { permission: 'webhooks:manage' },
    schema: { tags: ['webhooks'], summary: 'Change an endpoint, rotate its secret, or switch it on or off', params: IdParams, body: EndpointPatch, response: responses({ 200: Endpoint }) },
  }, async (request) => unwrap(await updateWebhookEndpoint(app.store, request.params.id, request.body, addressPolicy, actorOf(request))));

  app.delete('/endpoints/:id', {
    config: { permission: 'webhooks:manage' },
    schema: { tags: ['webhooks'], summary: 'Remove an endpoint and its deliveries', params: IdParams, response: responses({ 200: Removed }) },
  }, async (request) => unwrap(await deleteWebhookEndpoint(app.store, request.params.id, actorOf(request))));

  app.get('/deliveries', {
    config: { permission: 'webhooks:read' },
    schema: { tags: ['webhooks'], summary: 'Deliveries newest first (webhooks, e-mail, back-in-stock notices)', querystring: DeliveryQuery, response: responses({ 200: DeliveryPage }) },
  }, async (request) => unwrap(await listDeliveries(app.store, request.query)));

  app.get('/dead-letters', {
    config: { permission: 'webhooks:read' },
    schema: { tags: ['webhooks'], summary: 'Deliveries that failed their last try', querystring: DeadLetterQuery, response: responses({ 200: DeliveryPage }) },
  }, async (request) => unwrap(await listDeliveries(app.store, { ...request.query, status: 'dead' })));

  app.post('/dead-letters/replay', {
    config: { permission: 'webhooks:manage' },
    schema: { tags: ['webhooks'], summary: 'Send dead letters again, each with a fresh attempt count', body: Replay, response: responses({ 200: Replayed }) },
  }, async (request) => unwrap(await replayDeadLetters(app.store, request.body)));
};

export default webhookRoutes;
