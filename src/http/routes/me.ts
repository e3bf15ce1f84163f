import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLES } from '../../app/api-keys.js';
import { ApiError } from '../errors.js';
import { responses } from '../schemas/common.js';

const Me = Type.Object({
  keyId: Type.Integer(),
  name: Type.String(),
  role: Type.Enum([...ROLES]),
  actor: Type.String({ description: 'how ledger movements and the audit trail name this key' }),
}, { title: 'Me' });

/** Who the presented key is: any role may ask, so a client learns its role without probing routes. */
const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    config: { permission: 'session:read' },
    schema: { tags: ['keys'], summary: 'The API key this request was made with: its name and role', response: responses({ 200: Me }) },
  }, async (request) => {
    const principal = request.principal;
    if (!principal) throw new ApiError('UNAUTHORIZED', 'an API key is required');
    return { keyId: principal.keyId, name: principal.name, role: principal.role, actor: `key:${principal.keyId}` };
  });
};

export default meRoutes;
