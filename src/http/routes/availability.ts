import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getAvailability } from '../../app/get-availability.js';
import { unwrap } from '../errors.js';
import { AvailabilityList, AvailabilityQuery } from '../schemas/availability.js';
import { responses } from '../schemas/common.js';

/** What a storefront shows (SPEC §2): status, available units, backorderable units and ETA. */
const availabilityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    config: { permission: 'availability:read' },
    schema: { tags: ['availability'], summary: 'Availability of many items at once', querystring: AvailabilityQuery, response: responses({ 200: AvailabilityList }) },
  }, async (request) => ({ items: unwrap(await getAvailability(app.store, request.query.sku)) }));
};

export default availabilityRoutes;
