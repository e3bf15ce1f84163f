import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createDraftPurchaseOrders } from '../../app/planning/create-draft-purchase-orders.js';
import { getDemandHistory } from '../../app/planning/get-demand-history.js';
import { getForecast } from '../../app/planning/get-forecast.js';
import { getReplenishmentPlan } from '../../app/planning/get-replenishment-plan.js';
import { demandRowsFromCsv } from '../../app/planning/demand-rows.js';
import { importDemand, MAX_LISTED_PROBLEMS } from '../../app/planning/import-demand.js';
import { listPlanningRuns } from '../../app/planning/list-planning-runs.js';
import { listReplenishment } from '../../app/planning/list-replenishment.js';
import { settingsAsFields } from '../../app/planning/planning-settings.js';
import { runForecasts, type ForecastComputer } from '../../app/planning/run-forecasts.js';
import { simulateInventory } from '../../app/planning/simulate-inventory.js';
import { createForecastPool, type ForecastPool } from '../../worker/forecast-pool.js';
import { csvBody, csvOnly, MAX_DEMAND_UPLOAD_ROWS, type CsvContent } from '../csv-scope.js';
import { unwrap } from '../errors.js';
import { actorOf } from '../plugins/authentication.js';
import { responses } from '../schemas/common.js';
import { CsvImportQuery } from '../schemas/imports.js';
import {
  DemandHistory, DemandImportReport, DemandQuery, DraftRequest, DraftResult, Forecast, ForecastQuery, ForecastRun, ForecastRunReport,
  PlanningRunList, PlanningRunsQuery, PlanQuery, Replenishment, ReplenishmentList, ReplenishmentQuery, Simulation, SimulationRequest, SkuParams,
} from '../schemas/planning.js';

/** What the demand import takes, as its 415 and its OpenAPI body say. */
const DEMAND_CSV: CsvContent = { what: 'the demand', layout: 'a header row, then sku,date,quantity[,location]' };

/**
 * Planning (SPEC §7) under /api/v1: demand history and forecasts per item, replenishment
 * suggestions and their draft purchase orders, policy simulations, and the import of past
 * demand. Forecasts are computed in worker threads (one per core, started on first use and ended
 * with the app), so a large run never blocks other requests.
 */
const planningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  let pool: ForecastPool | null = null;
  const compute: ForecastComputer = (jobs) => {
    pool ??= createForecastPool();
    return pool.compute(jobs);
  };
  app.addHook('onClose', async () => {
    await pool?.close();
  });
  // The shop's settings, the nightly run's too, under whatever a request sets itself: the API
  // suggests and drafts what the nightly run plans, not what DEFAULT_PLANNING_SETTINGS would.
  const configured = settingsAsFields(app.planningSettings);
  app.get('/items/:sku/demand', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], summary: 'Demand history of an item in day, week or month buckets: allocated, backordered and lost units, imported history, back-in-stock requests', params: SkuParams, querystring: DemandQuery, response: responses({ 200: DemandHistory }) },
  }, async (request) => unwrap(await getDemandHistory(app.store, { sku: request.params.sku, ...request.query })));

  await app.register(csvOnly(DEMAND_CSV, async (csv) => {
    csv.post('/demand/import', {
      config: { permission: 'planning:write' },
      schema: {
        tags: ['planning'],
        summary: `Import past demand from CSV (text/csv, UTF-8, at most ${MAX_DEMAND_UPLOAD_ROWS} rows: sku,date,quantity[,location]); all or nothing unless skipInvalid, problems by line (the first ${MAX_LISTED_PROBLEMS} listed, details.invalidRows counts them all); any other content type is 415`,
        ...csvBody(DEMAND_CSV),
        querystring: CsvImportQuery,
        response: responses({ 200: DemandImportReport }),
      },
    }, async (request) => {
      const rows = unwrap(await demandRowsFromCsv(request.body, 'body', { maxRows: MAX_DEMAND_UPLOAD_ROWS, advice: 'split the file by sku, or import it with restock import demand on the server' }));
      return unwrap(await importDemand(app.store, rows, { actor: actorOf(request), skipInvalid: request.query.skipInvalid, dryRun: request.query.dryRun }));
    });
  }));

  app.get('/items/:sku/forecast', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], summary: 'The item\'s forecast, week by week: mean and quantiles, the method chosen by back-test and its errors', params: SkuParams, querystring: ForecastQuery, response: responses({ 200: Forecast }) },
  }, async (request) => unwrap(await getForecast(app.store, request.params.sku, { refresh: request.query.refresh === true, horizonDays: request.query.horizonDays, reviewDays: app.planningSettings.reviewPeriodDays, compute })));

  app.post('/forecasts', {
    config: { permission: 'planning:write' },
    schema: { tags: ['planning'], summary: 'Forecast items now (default every item not discontinued), in worker threads', body: ForecastRun, response: responses({ 200: ForecastRunReport }) },
    preValidation: async (request) => {
      if (request.body === undefined) request.body = {};
    },
  }, async (request) => unwrap(await runForecasts(app.store, { skus: request.body.skus, horizonDays: request.body.horizonDays, reviewDays: app.planningSettings.reviewPeriodDays, compute })));

  app.get('/planning-runs', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], summary: 'The planning runs, most recent first, a page at a time: the nightly forecast and replenishment run\'s status, times, counts, settings and error', querystring: PlanningRunsQuery, response: responses({ 200: PlanningRunList }) },
  }, async (request) => unwrap(await listPlanningRuns(app.store, request.query)));

  app.get('/replenishment', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], summary: 'Replenishment suggestions, most urgent first (soonest stockout at forecast demand)', querystring: ReplenishmentQuery, response: responses({ 200: ReplenishmentList }) },
  }, async (request) => {
    const { all, limit, cursor, ...settings } = request.query;
    return unwrap(await listReplenishment(app.store, { settings: { ...configured, ...decimals(settings) }, all, limit, cursor }));
  });

  app.get('/replenishment/:sku', {
    config: { permission: 'planning:read' },
    schema: { tags: ['planning'], summary: 'One item\'s replenishment plan, explained step by step', params: SkuParams, querystring: PlanQuery, response: responses({ 200: Replenishment }) },
  }, async (request) => unwrap(await getReplenishmentPlan(app.store, request.params.sku, { ...configured, ...decimals(request.query) }, compute)));

  app.post('/replenishment/draft-purchase-orders', {
    config: { permission: 'planning:write' },
    schema: {
      tags: ['planning'],
      summary: 'Turn suggestions into draft purchase orders, one per preferred supplier: 201 when any was made, 200 with empty items when none was',
      body: DraftRequest,
      response: responses({ 200: DraftResult, 201: DraftResult }),
    },
    preValidation: async (request) => {
      if (request.body === undefined) request.body = {};
    },
  }, async (request, reply) => {
    const drafts = unwrap(await createDraftPurchaseOrders(app.store, { ...configured, ...request.body }, actorOf(request)));
    return reply.code(drafts.items.length > 0 ? 201 : 200).send(drafts);
  });

  app.post('/simulations', {
    config: { permission: 'planning:write' },
    schema: { tags: ['planning'], summary: 'Simulate inventory policies side by side on an item\'s demand, a series or a generated process (seeded)', body: SimulationRequest, response: responses({ 200: Simulation }) },
  }, async (request) => unwrap(await simulateInventory(app.store, { ...request.body, settings: { ...configured, ...request.body.settings } }, compute)));
};

/** Decimal settings arrive as text in a query string: decimals (0.5, .5, 5e-1) are handed on as numbers, anything else as text for the use case to name. */
function decimals(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' && /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : value;
  }
  return out;
}

export default planningRoutes;
