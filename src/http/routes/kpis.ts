import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { getKpis } from '../../app/get-kpis.js';
import { kpiTableCsv } from '../../app/kpi-csv.js';
import { unwrap } from '../errors.js';
import { responses } from '../schemas/common.js';
import { KpiQuery, KpiReport } from '../schemas/kpis.js';

/** What stockouts cost (SPEC §8), for any period, overall and per item, each figure with its definition. */
const kpiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    config: { permission: 'kpis:read' },
    schema: {
      tags: ['kpis'],
      summary: 'Stockout KPIs for a period, overall and per item, location and supplier (JSON, or any table as CSV with ?format=csv&table=…)',
      description: 'In CSV, a text cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) begins with an apostrophe; figures are plain numbers.',
      querystring: KpiQuery,
      response: responses({ 200: Type.Union([KpiReport, Type.String({ description: 'text/csv' })]) }),
    },
  }, async (request, reply) => {
    const { format, table, ...query } = request.query;
    const report = unwrap(await getKpis(app.store, query));
    if (format === 'csv') {
      const name = table ?? 'items';
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="kpis-${name}-${report.from.slice(0, 10)}.csv"`);
      return kpiTableCsv(report, name);
    }
    return report;
  });
};

export default kpiRoutes;
