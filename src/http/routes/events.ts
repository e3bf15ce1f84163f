import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listEvents } from '../../app/list-events.js';
import { unwrap } from '../errors.js';
import { responses } from '../schemas/common.js';
import { EventFeed, EventQuery } from '../schemas/events.js';

/** The pull feed of events (SPEC §6), for integrations that poll instead of taking webhooks. */
const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    config: { permission: 'events:read' },
    schema: { tags: ['events'], summary: 'Events after a sequence number, in order', querystring: EventQuery, response: responses({ 200: EventFeed }) },
  }, async (request) => unwrap(await listEvents(app.store, request.query)));
};

export default eventRoutes;
