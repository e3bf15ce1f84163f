import type { Command } from 'commander';
import { earlierAdminKeys, ensureBootstrapKey, MIN_SECRET_LENGTH, withdrawBootstrapKey } from '../../app/api-keys.js';
import { communicationSettingsFromEnv } from '../../app/communication/communication-settings.js';
import { loggedRequest } from '../../http/request-log.js';
import { action, badInput, unwrap } from '../context.js';
import { adminKeyFromEnv, serveSettingsFromEnv, trustProxyFromEnv } from '../serve-settings.js';
import { planHourFromEnv } from './worker.js';

/** `restock serve`: the HTTP API and the dashboard in one process, until SIGTERM/SIGINT. */
export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (/api/v1) and the dashboard (/); prints a first admin key on a fresh database')
    .option('--port <port>', 'port to listen on (default PORT or 3000)')
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1; 0.0.0.0 for every interface)')
    .option('--no-worker', 'do not deliver events (webhooks, e-mail) or run the nightly plan in this process; run "restock worker" instead')
    .addHelpText('after', `
Environment: RESTOCK_ADMIN_KEY (a secret of 32 or more characters that always works as an admin
key), RESTOCK_LOG_LEVEL (fatal, error, warn, info (default), debug or silent), RESTOCK_CORS_ORIGINS
(comma-separated browser origins allowed to call the API), RESTOCK_RATE_LIMIT (requests per API key
per minute, default 6000, and 30 failed authentications per client address; "off" for none),
RESTOCK_TRUST_PROXY (believe X-Forwarded-For from these proxies: comma-separated addresses and
CIDR ranges, or true for any peer; default false), RESTOCK_PLACEMENT_BATCH (most concurrent
orders committed together, default 50; 1 commits each order alone), RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL (tell
every back-in-stock subscriber, not only as many as the new units serve) and RESTOCK_SUBSCRIPTIONS_ON_BACKORDER,
RESTOCK_WORKER=off (or false, no, 0: same as --no-worker; see "restock worker --help" for its settings,
including RESTOCK_PLAN_HOUR: the worker in this process also runs the nightly forecast and replenishment plan).
RESTOCK_PLAN_SERVICE, _SERVICE_LEVEL, _POLICY, _REVIEW_DAYS, _LEAD_TIME_MODEL, _ORDERING_COST,
_HOLDING_RATE and _BACKORDER_COST_RATIO are the shop's planning settings: the nightly run's, and the
defaults of the API's replenishment suggestions, plans, draft purchase orders and simulations (and so
the dashboard's); a request's own settings override them.`)
    .action(action(async (ctx, options: { port?: string; host?: string; worker: boolean }) => {
      // Every setting is read before anything is written: a bad one must not cost the first admin key.
      const settings = unwrap(serveSettingsFromEnv(process.env));
      const port = options.port === undefined ? settings.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) badInput('port', 'must be a whole number from 0 to 65535');
      const host = options.host ?? settings.host;
      const adminKey = adminKeyFromEnv(process.env['RESTOCK_ADMIN_KEY']);
      const trustProxy = trustProxyFromEnv(process.env['RESTOCK_TRUST_PROXY']);
      // The webhook address policy, the subscription rules and the unsubscribe secret the API's routes use.
      const communication = unwrap(communicationSettingsFromEnv(process.env));
      // The outbox worker runs beside the API unless turned off; it stops before the database closes.
      const delivering = options.worker && settings.worker;
      // The nightly planning run goes with the worker: one schedule per deployment is enough, and a day's run is claimed once.
      const planHour = delivering ? planHourFromEnv(process.env) : null;
      const [{ workerConfigFromEnv }, { planningSettingsFromEnv }] = await Promise.all([import('../../worker/worker-config.js'), import('../../app/planning/planning-settings-from-env.js')]);
      const workerConfig = delivering ? unwrap(workerConfigFromEnv(process.env)) : null;
      // The shop's planning settings: the nightly run's, and the API's and the dashboard's defaults, so both suggest the same orders.
      const planSettings = unwrap(planningSettingsFromEnv(process.env));
      const store = await ctx.store({ createIfMissing: true });
      // RESTOCK_ADMIN_KEY is the first admin key when given: no second one is made and printed beside it.
      const bootstrap = adminKey ? null : await ensureBootstrapKey(store);
      // Fastify is loaded only here: the other commands start faster without it. The worker's
      // modules are loaded before the server listens, so it starts in the same turn as the server
      // is up: a SIGTERM in between once closed the store under a dispatcher nobody would stop.
      const [{ startServer }, { startWorker }, { startNightlyPlanning }] = await Promise.all([
        import('../../http/server.js'), import('../../worker/dispatcher.js'), import('../../worker/nightly-plan.js'),
      ]);
      let worker: { stop(): Promise<void> } | null = null;
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          store: { ...store, close: async () => { await worker?.stop(); await store.close(); } },
          port,
          host,
          adminKey,
          rateLimit: settings.rateLimit,
          corsOrigins: settings.corsOrigins,
          placementBatch: settings.placementBatch,
          communicationSettings: communication,
          planningSettings: planSettings,
          trustProxy,
          // With --json, stdout holds only the JSON answer: the request log goes to stderr.
          logger: settings.logLevel === 'silent' ? false : { level: settings.logLevel, serializers: { req: loggedRequest }, ...(ctx.json ? { stream: process.stderr } : {}) },
        });
      } catch (error) {
        // The first admin key was never shown: withdraw it, so the next start makes and shows one.
        if (bootstrap) await withdrawBootstrapKey(store, bootstrap.key.id);
        listenFailure(error, port, host);
        throw error;
      }
      const url = server.url.replace(/\/$/, '');
      if (workerConfig !== null) {
        // Unsubscribe links lead to this server unless RESTOCK_PUBLIC_URL names the address customers use.
        const config = process.env['RESTOCK_PUBLIC_URL'] ? workerConfig : { ...workerConfig, publicUrl: url };
        const dispatcher = startWorker({ store, config, log: server.app.log });
        const nightly = planHour === null ? null : startNightlyPlanning({ store, hour: planHour, settings: planSettings, log: (message, details) => server.app.log.error(details, message) });
        worker = { stop: async () => { await Promise.all([dispatcher.stop(), nightly?.stop()]); } };
      }
      // Hooks cannot be added once Fastify listens; the HTTP server's own close event marks the end.
      const closed = new Promise<void>((resolve) => server.app.server.once('close', () => resolve()));
      // Keys an earlier RESTOCK_ADMIN_KEY made stay active after it changes (and one under 32 characters, which older versions took, no longer works).
      const earlier = adminKey ? await earlierAdminKeys(store, adminKey) : [];
      ctx.print({ url, api: `${url}/api/v1`, docs: `${url}/api/docs`, dashboard: `${url}/`, bootstrapKey: bootstrap?.secret ?? null, earlierAdminKeys: earlier.map((k) => k.id) }, () => {
        const lines = [`Restock is listening on ${url}`, `  dashboard  ${url}/`, `  API        ${url}/api/v1`, `  API docs   ${url}/api/docs`];
        if (bootstrap) lines.push('', 'A first admin key was created (shown only now; store it safely):', `  ${bootstrap.secret}`);
        if (earlier.length > 0) {
          lines.push(
            '',
            `An earlier RESTOCK_ADMIN_KEY made key${earlier.length === 1 ? '' : 's'} ${earlier.map((k) => k.id).join(', ')}, still active: each works for whoever has it, except one under ${MIN_SECRET_LENGTH} characters, which no longer works.`,
            `Revoke ${earlier.length === 1 ? 'it' : 'those'} once nothing uses ${earlier.length === 1 ? 'it' : 'them'}: restock keys revoke ${earlier[0]?.id}`,
          );
        }
        return lines.join('\n');
      });
      await closed;
      await worker?.stop();
    }));
}

/** A server that could not listen, as bad input naming --port or --host (exit 2); other errors pass. */
function listenFailure(error: unknown, port: number, host: string): void {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') badInput('port', `${port} is already in use on ${host}: stop what listens there, or choose another port`);
  if (code === 'EACCES') badInput('port', `${port} needs privileges on ${host}: choose a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') badInput('host', `${host} is not an address of this machine`);
}
