import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/api-keys.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { IdParams, responses } from '../schemas/common.js';
import { ApiKey, CreatedKey, KeyCreate, KeyList } from '../schemas/keys.js';

/** API key management (admin only); a key's secret is returned once, when it is created. */
const keyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('', {
    config: { permission: 'keys:manage' },
    schema: { tags: ['keys'], summary: 'Create an API key (its secret is shown only in this answer)', body: KeyCreate, response: responses({ 201: CreatedKey }) },
  }, async (request, reply) => {
    const { key, secret } = unwrap(await createApiKey(app.store, request.body, actorOf(request)));
    return reply.code(201).send({ ...key, key: secret });
  });

  app.get('', {
    config: { permission: 'keys:manage' },
    schema: { tags: ['keys'], summary: 'List API keys (never their secrets)', response: responses({ 200: KeyList }) },
  }, async () => ({ items: await listApiKeys(app.store) }));

  app.delete('/:id', {
    config: { permission: 'keys:manage' },
    schema: { tags: ['keys'], summary: 'Revoke an API key at once', params: IdParams, response: responses({ 200: ApiKey }) },
  }, async (request) => unwrap(await revokeApiKey(app.store, request.params.id, actorOf(request))));
};

export default keyRoutes;
