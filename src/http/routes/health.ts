import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isDatabaseReachable } from '../../app/check-readiness.js';
import { ApiError } from '../errors.js';
import { responses } from '../schemas/common.js';

const Status = Type.Object({ status: Type.String() });

/** Probes for process managers and load balancers; no key needed, never rate limited. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    config: { rateLimit: false },
    schema: { tags: ['health'], summary: 'The process is up', security: [], response: responses({ 200: Status }) },
  }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    config: { rateLimit: false },
    schema: { tags: ['health'], summary: 'The database answers', security: [], response: responses({ 200: Status }) },
  }, async () => {
    if (!(await isDatabaseReachable(app.store))) throw new ApiError('UNAVAILABLE', 'the database is not reachable');
    return { status: 'ready' };
  });
};

export default healthRoutes;
