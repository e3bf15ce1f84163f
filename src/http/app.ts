import { registerAjvFormats, type FastifyPluginAsyncTypebox, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { join } from 'node:path';
import { DEFAULT_COMMUNICATION_SETTINGS, type CommunicationSettings } from '../app/communication/communication-settings.js';
import type { Store } from '../app/ports.js';
import { PlacementBatcher } from '../app/placement-batcher.js';
import { DEFAULT_PLANNING_SETTINGS, type PlanningSettings } from '../app/planning/planning-settings.js';
import { installJsonBodyParser } from './json-body.js';
import { installShuttingDownAnswer } from './shutting-down.js';
import { installRequestIdHeader, requestIdOf } from './request-id.js';
import { handleClientError, handleError, handleNotFound } from './errors.js';
import { FailedAuthentications } from './failed-authentications.js';
import { NoQuery } from './schemas/common.js';
import { installAuthentication } from './plugins/authentication.js';
import { installCors } from './plugins/cors.js';
import { installStorableText } from './plugins/storable-text.js';
import { packageRoot, packageVersion } from '../package-root.js';
import { registerOpenApi } from './plugins/open-api.js';
import { DEFAULT_FAILED_AUTHENTICATIONS, DEFAULT_RATE_LIMIT, registerRateLimit, type RateLimitOptions } from './plugins/rate-limit.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import auditRoutes from './routes/audit.js';
import availabilityRoutes from './routes/availability.js';
import backorderRoutes from './routes/backorders.js';
import dashboardRoutes from './routes/dashboard.js';
import eventRoutes from './routes/events.js';
import healthRoutes from './routes/health.js';
import itemRoutes from './routes/items.js';
import keyRoutes from './routes/keys.js';
import kpiRoutes from './routes/kpis.js';
import locationRoutes from './routes/locations.js';
import meRoutes from './routes/me.js';
import orderRoutes from './routes/orders.js';
import planningRoutes from './routes/planning.js';
import purchasingRoutes from './routes/purchasing.js';
import stockRoutes from './routes/stock.js';
import subscriptionRoutes, { unsubscribeRoutes } from './routes/subscriptions.js';
import webhookRoutes from './routes/webhooks.js';
import { validatorCompiler } from './validator-compiler.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storage port every route's use cases run against. */
    store: Store;
    /** Group commit of concurrent order placements (see PlacementBatcher). */
    placements: PlacementBatcher;
    /** The shop's planning settings (RESTOCK_PLAN_*): what the planning routes plan under unless a request says otherwise. */
    planningSettings: PlanningSettings;
    /** The webhook address policy, the subscription rules and the unsubscribe secret (RESTOCK_WEBHOOK_*, RESTOCK_SUBSCRIPTIONS_*, RESTOCK_UNSUBSCRIBE_SECRET). */
    communicationSettings: CommunicationSettings;
  }
}

/**
 * The API's resources, one route module each, mounted under /api/v1. A new resource is one more
 * line here; each of its routes declares `config.permission` (see permissions.ts).
 */
const API_ROUTES: readonly (readonly [prefix: string, routes: FastifyPluginAsyncTypebox])[] = [
  ['/locations', locationRoutes],
  ['/items', itemRoutes],
  ['/stock', stockRoutes],
  ['/availability', availabilityRoutes],
  ['/orders', orderRoutes],
  ['/backorders', backorderRoutes],
  ['/events', eventRoutes],
  ['/keys', keyRoutes],
  ['/audit', auditRoutes],
  ['/me', meRoutes],
  ['/webhooks', webhookRoutes],
  ['/subscriptions', subscriptionRoutes],
  ['/kpis', kpiRoutes],
  ['', purchasingRoutes],
  ['', planningRoutes],
];

export const BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  readonly store: Store;
  readonly logger?: FastifyServerOptions['logger'];
  /** A secret that must work as an admin key (RESTOCK_ADMIN_KEY); created on start if missing. */
  readonly adminKey?: string | undefined;
  /** Per-key request limit and failed authentications per address; `false` turns both off. Default 6000 and 30 a minute. */
  readonly rateLimit?: RateLimitOptions | false | undefined;
  /** Browser origins allowed to call the API cross-origin; none by default. */
  readonly corsOrigins?: readonly string[] | undefined;
  /** Where the built dashboard lives; default the package's `web/dist`, wherever the process started. */
  readonly webRoot?: string | undefined;
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * Most concurrent orders committed in one transaction (RESTOCK_PLACEMENT_BATCH); 1 commits every
   * order alone. Default DEFAULT_PLACEMENT_BATCH.
   */
  readonly placementBatch?: number | undefined;
  /**
   * The shop's planning settings (RESTOCK_PLAN_*, as the nightly run uses them): the defaults of
   * the replenishment list, plans, draft purchase orders, forecasts and simulations, which a
   * request's own settings override field by field. Default DEFAULT_PLANNING_SETTINGS.
   */
  readonly planningSettings?: PlanningSettings | undefined;
  /**
   * Where webhooks may go, whom a subscription may be taken for, and the secret unsubscribe links
   * are checked with (as `restock serve` reads them from the environment, and as its worker uses
   * them). Default DEFAULT_COMMUNICATION_SETTINGS: nothing relaxed, the stored secret.
   */
  readonly communicationSettings?: CommunicationSettings | undefined;
}

/** Under load, up to this many orders share a commit; PostgreSQL keeps 64 savepoints per transaction cheap. */
export const DEFAULT_PLACEMENT_BATCH = 50;
/** Placement batches in flight per process on PostgreSQL (each holds a connection); SQLite has one writer. */
const POSTGRES_PLACEMENT_CONCURRENCY = 4;

/**
 * Builds the HTTP app (not yet listening): external plugins, then the app's own, then routes,
 * as in fastify/demo. Bodies are validated strictly (no type coercion, unknown fields refused);
 * query strings and path parameters are converted to the schema's types first.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Answered by installShuttingDownAnswer instead, in the error shape and with the request's id.
    return503OnClosing: false,
    // Longer path parameters reach the route's own validation, which names the field, instead of
    // a "no route" 404 for a route that exists.
    routerOptions: { maxParamLength: 2048 },
    // Errors Fastify meets before routing (a URL that is not valid percent-encoding) get our shape too.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    // So do requests Node's HTTP parser refuses before Fastify sees them.
    clientErrorHandler: handleClientError,
    // A well-formed X-Request-Id from the client, else a random UUID; every answer carries it back.
    genReqId: requestIdOf,
  }).withTypeProvider<TypeBoxTypeProvider>();
  installRequestIdHeader(app);
  installShuttingDownAnswer(app);
  installJsonBodyParser(app);
  registerAjvFormats(); // schemas may use formats such as 'date' (TypeBox checks them globally)
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.decorate('store', options.store);
  app.decorate('placements', new PlacementBatcher(options.store, {
    maxBatch: options.placementBatch ?? DEFAULT_PLACEMENT_BATCH,
    concurrency: options.store.dialect === 'postgres' ? POSTGRES_PLACEMENT_CONCURRENCY : 1,
  }));
  app.decorate('planningSettings', options.planningSettings ?? DEFAULT_PLANNING_SETTINGS);
  app.decorate('communicationSettings', options.communicationSettings ?? DEFAULT_COMMUNICATION_SETTINGS);
  app.decorateRequest('principal', null);

  // External plugins
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  await registerOpenApi(app, packageVersion());
  await registerRateLimit(app, rateLimit);

  // App plugins
  installSecurityHeaders(app);

  // Routes
  await app.register(healthRoutes);
  await app.register(unsubscribeRoutes);
  await app.register(async (api) => {
    await installCors(api, options.corsOrigins ?? []);
    const failures = rateLimit === false ? null : new FailedAuthentications(rateLimit.failedAuthentications ?? DEFAULT_FAILED_AUTHENTICATIONS, rateLimit.timeWindowMs);
    await installAuthentication(api, { store: options.store, adminKey: options.adminKey, failures });
    installStorableText(api);
    // A route that declares no query parameters refuses any, so a typo is never silently ignored.
    api.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, querystring: route.schema?.querystring ?? NoQuery };
    });
    api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    for (const [prefix, routes] of API_ROUTES) await api.register(routes, { prefix });
  }, { prefix: '/api/v1' });
  await app.register(dashboardRoutes, { webRoot: options.webRoot ?? join(packageRoot(), 'web', 'dist') });
  return app;
}
