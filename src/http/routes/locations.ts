import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listLocations } from '../../app/list-locations.js';
import { createLocation, updateLocation } from '../../app/manage-locations.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { responses } from '../schemas/common.js';
import { ChangedLocation, CodeParams, Location, LocationCreate, LocationList, LocationPatch } from '../schemas/locations.js';

/** Places that hold stock; a location is named by its code. */
const locationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('', {
    config: { permission: 'locations:write' },
    schema: { tags: ['locations'], summary: 'Create a location', body: LocationCreate, response: responses({ 201: Location }) },
  }, async (request, reply) => reply.code(201).send(unwrap(await createLocation(app.store, request.body, actorOf(request)))));

  app.get('', {
    config: { permission: 'locations:read' },
    schema: { tags: ['locations'], summary: 'List locations, most preferred first', response: responses({ 200: LocationList }) },
  }, async () => ({ items: await listLocations(app.store) }));

  app.patch('/:code', {
    config: { permission: 'locations:write' },
    schema: {
      tags: ['locations'],
      summary: 'Rename, re-prioritise or (de)activate a location; deactivating moves the units orders hold there to free units at active locations, and warns of what none has free',
      params: CodeParams, body: LocationPatch, response: responses({ 200: ChangedLocation }),
    },
  }, async (request) => unwrap(await updateLocation(app.store, request.params.code, request.body, actorOf(request))));
};

export default locationRoutes;
