import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { backorderQueuePage } from '../../app/backorder-queue.js';
import { listBackorders } from '../../app/list-backorders.js';
import { unwrap } from '../errors.js';
import { BackorderPage, BackorderQuery } from '../schemas/backorders.js';
import { responses } from '../schemas/common.js';

/** Waiting backorders: one item's queue in serving order, or every one across items by age. */
const backorderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    config: { permission: 'backorders:read' },
    schema: { tags: ['backorders'], summary: 'An item\'s backorder queue (?sku=) or all waiting backorders', querystring: BackorderQuery, response: responses({ 200: BackorderPage }) },
  }, async (request) => {
    const { sku, ...page } = request.query;
    if (sku === undefined) return unwrap(await listBackorders(app.store, page));
    return unwrap(await backorderQueuePage(app.store, sku, page));
  });
};

export default backorderRoutes;
