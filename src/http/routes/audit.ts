import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listAuditTrail } from '../../app/audit-trail.js';
import { unwrap } from '../errors.js';
import { AuditPage, AuditQuery } from '../schemas/audit.js';
import { responses } from '../schemas/common.js';

/** The audit trail of setting changes (SPEC §9): who changed which setting, when, and how. Admins only. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    config: { permission: 'audit:read' },
    schema: { tags: ['audit'], summary: 'Setting changes, newest first, with their actor', querystring: AuditQuery, response: responses({ 200: AuditPage }) },
  }, async (request) => unwrap(await listAuditTrail(app.store, request.query)));
};

export default auditRoutes;
