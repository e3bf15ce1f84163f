import type { Command } from 'commander';
import { readSettings, type Environment } from '../../app/settings-reader.js';
import { action, unwrap } from '../context.js';

/** `restock worker`: the outbox dispatcher on its own (webhooks, e-mail, back-in-stock notices), until SIGTERM/SIGINT. */
export function workerCommand(program: Command): void {
  program
    .command('worker')
    .description('deliver events: signed webhooks, customer and staff e-mail, back-in-stock notices; refresh promise dates that have passed (also runs inside "restock serve")')
    .addHelpText('after', `
Any number of workers (and servers) may run against one database; each event reaches each target
at least once, in order per order or item.

Environment: RESTOCK_SMTP_URL (or RESTOCK_SMTP_HOST, _PORT, _SECURE, _USER, _PASSWORD), RESTOCK_MAIL_FROM,
RESTOCK_STAFF_EMAILS, RESTOCK_SHOP_NAME, RESTOCK_MAIL_SUPPLIERS (mail sent purchase orders to suppliers, default on),
RESTOCK_PUBLIC_URL (for unsubscribe links),
RESTOCK_WEBHOOK_MAX_ATTEMPTS (default 20, over 27–53 h), RESTOCK_WEBHOOK_BACKOFF_MS (10000), RESTOCK_WEBHOOK_BACKOFF_MAX_MS,
RESTOCK_WEBHOOK_TIMEOUT_MS (10000), RESTOCK_WEBHOOK_DISABLE_AFTER (100 failures in a row) and RESTOCK_WEBHOOK_DISABLE_AFTER_MS (over at least 3600000 ms),
RESTOCK_WEBHOOK_ALLOW_LOOPBACK / RESTOCK_WEBHOOK_ALLOW_PRIVATE (off), RESTOCK_MAIL_MAX_AGE_DAYS (customers' mails
older than this are not sent, default 7), RESTOCK_UNSUBSCRIBE_SECRET, RESTOCK_WORKER_POLL_MS, RESTOCK_WORKER_LEASE_MS,
RESTOCK_PROMISE_REFRESH_MS (how often promise dates that have passed are refreshed, default 3600000; 0 for never),
RESTOCK_PLAN_HOUR (UTC hour of the nightly forecast and replenishment run, default 2; "off" for none) and the settings
it plans under, as "restock plan" takes them (see "restock plan --help"): RESTOCK_PLAN_SERVICE (fill-rate),
RESTOCK_PLAN_SERVICE_LEVEL (0.95), RESTOCK_PLAN_POLICY (order-up-to), RESTOCK_PLAN_REVIEW_DAYS (7),
RESTOCK_PLAN_LEAD_TIME_MODEL (quantiles), RESTOCK_PLAN_ORDERING_COST (5000), RESTOCK_PLAN_HOLDING_RATE (0.25),
RESTOCK_PLAN_BACKORDER_COST_RATIO (9). "restock plan --runs" shows the latest runs and the settings each used.`)
    .action(action(async (ctx) => {
      const [{ startWorker }, { workerConfigFromEnv }, { startNightlyPlanning }, { planningSettingsFromEnv }] = await Promise.all([
        import('../../worker/dispatcher.js'), import('../../worker/worker-config.js'), import('../../worker/nightly-plan.js'),
        import('../../app/planning/planning-settings-from-env.js'),
      ]);
      // Every setting is read before the database is opened: a bad one changes nothing.
      const config = unwrap(workerConfigFromEnv(process.env));
      const hour = planHourFromEnv(process.env);
      const settings = hour === null ? undefined : unwrap(planningSettingsFromEnv(process.env));
      const store = await ctx.store();
      const worker = startWorker({ store, config });
      // Only one process runs a night's planning, however many workers share the database.
      const nightly = hour === null ? null : startNightlyPlanning({ store, hour, settings });
      ctx.print({ worker: config.workerId, email: config.email !== null }, () =>
        `Restock worker ${config.workerId} is delivering events${config.email ? '' : ' (no SMTP configured: webhooks only; customers\' mails wait until a worker with SMTP runs)'}; stop with Ctrl-C`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      await Promise.all([worker.stop(), nightly?.stop()]);
    }));
}

/** RESTOCK_PLAN_HOUR: the UTC hour of the nightly planning run (default 2), or null for "off"; anything else is refused at start. */
export function planHourFromEnv(env: Environment): number | null {
  const hour = unwrap(readSettings(env, (setting) => setting.wholeNumberOrOff('RESTOCK_PLAN_HOUR', { min: 0, max: 23, what: 'an hour' })));
  return hour === false ? null : (hour ?? 2);
}
