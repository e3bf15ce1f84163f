import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { STRICT_ADDRESS_POLICY, type AddressPolicy } from '../app/communication/address-policy.js';
import { communicationSettingsOf } from '../app/communication/communication-settings.js';
import { DEFAULT_SUBSCRIPTION_POLICY, type SubscriptionPolicy } from '../app/communication/subscription-policy.js';
import type { Result } from '../app/result.js';
import { MILLISECONDS, readSettings, type Environment } from '../app/settings-reader.js';

/** SMTP transport and the addresses mail is sent from and to. */
export interface EmailConfig {
  /** `smtp://user:pass@host:port` (or `smtps://`), as nodemailer takes it. */
  readonly url?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly secure?: boolean | undefined;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly from: string;
  /** Addresses told about stock alerts and disabled endpoints. */
  readonly staff: readonly string[];
}

/** Everything the outbox dispatcher needs to know; `defaultWorkerConfig()` gives production values. */
export interface WorkerConfig {
  readonly workerId: string;
  /** Sleep between rounds when there was nothing to do. */
  readonly pollIntervalMs: number;
  /** Events fanned out per transaction. */
  readonly fanOutBatch: number;
  /** Chains (target × subject) claimed per round, and deliveries taken from each. */
  readonly claimChains: number;
  readonly chainDepth: number;
  /** Chains sent at the same time. */
  readonly concurrency: number;
  /**
   * How long a claim holds its chains; a running worker renews it every third of that, and after
   * a crash the work is picked up again when it runs out.
   */
  readonly leaseMs: number;
  /** Tries per delivery before it is dead-lettered, and the exponential back-off between them. */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly webhookTimeoutMs: number;
  /**
   * Consecutive failed attempts after which an endpoint is switched off (`endpoint.disabled`),
   * once it has also been failing for `disableAfterMs`: one burst of many deliveries meeting a
   * short outage does not switch it off.
   */
  readonly disableAfterFailures: number;
  readonly disableAfterMs: number;
  readonly addressPolicy: AddressPolicy;
  /** null: no SMTP configured; customers' mails are recorded and wait (see mailMaxAgeMs). */
  readonly email: EmailConfig | null;
  /**
   * The oldest event a mail is still sent for: mail that waited longer (for SMTP to be set up, or
   * for a worker to run) is marked not sent, so nobody gets news of long ago.
   */
  readonly mailMaxAgeMs: number;
  readonly shopName: string;
  /** Whether a purchase order sent to a supplier with an e-mail address is mailed to it (RESTOCK_MAIL_SUPPLIERS). */
  readonly mailSuppliers: boolean;
  /** Where links in e-mails point (unsubscribe). */
  readonly publicUrl: string;
  /**
   * For back-in-stock notifier deliveries fanned out by an earlier version; subscribers are now told
   * in the transaction of the stock change, under the policy of the process that makes it.
   */
  readonly subscriptions: SubscriptionPolicy;
  /** Overrides the stored secret that signs unsubscribe links. */
  readonly unsubscribeSecret?: string | undefined;
  /** How often promise dates that have passed are refreshed (startPromiseRefresh); 0: never. */
  readonly promiseRefreshMs: number;
}

/**
 * Production defaults: 20 tries over 27–53 hours (back-off from 10 s doubling to 6 h, with equal
 * jitter), so a weekend day of receiver downtime does not dead-letter; 10 s per webhook call;
 * strict address policy.
 */
export function defaultWorkerConfig(): WorkerConfig {
  return {
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    pollIntervalMs: 500,
    fanOutBatch: 1000,
    claimChains: 64,
    chainDepth: 25,
    concurrency: 16,
    leaseMs: 60_000,
    maxAttempts: 20,
    backoffBaseMs: 10_000,
    backoffMaxMs: 6 * 3_600_000,
    webhookTimeoutMs: 10_000,
    disableAfterFailures: 100,
    disableAfterMs: 3_600_000,
    addressPolicy: STRICT_ADDRESS_POLICY,
    email: null,
    mailMaxAgeMs: 7 * 86_400_000,
    shopName: 'Restock',
    mailSuppliers: true,
    publicUrl: 'http://localhost:3000',
    subscriptions: DEFAULT_SUBSCRIPTION_POLICY,
    promiseRefreshMs: 3_600_000,
  };
}

/**
 * The worker's configuration from the environment: RESTOCK_SMTP_URL (or RESTOCK_SMTP_HOST, _PORT,
 * _SECURE, _USER, _PASSWORD), RESTOCK_MAIL_FROM, RESTOCK_STAFF_EMAILS, RESTOCK_SHOP_NAME, RESTOCK_MAIL_SUPPLIERS (on),
 * RESTOCK_PUBLIC_URL, RESTOCK_MAIL_MAX_AGE_DAYS (7), RESTOCK_WORKER_POLL_MS, RESTOCK_WORKER_LEASE_MS, RESTOCK_WEBHOOK_MAX_ATTEMPTS,
 * RESTOCK_WEBHOOK_BACKOFF_MS, RESTOCK_WEBHOOK_BACKOFF_MAX_MS, RESTOCK_WEBHOOK_TIMEOUT_MS,
 * RESTOCK_WEBHOOK_DISABLE_AFTER, RESTOCK_WEBHOOK_DISABLE_AFTER_MS, RESTOCK_PROMISE_REFRESH_MS, and the shared settings of
 * `communicationSettingsFromEnv`. A value its rule does not take is a VALIDATION_FAILED naming the variable.
 */
export function workerConfigFromEnv(env: Environment = process.env): Result<WorkerConfig> {
  const base = defaultWorkerConfig();
  return readSettings(env, (setting) => {
    const shopName = setting.text('RESTOCK_SHOP_NAME') ?? base.shopName;
    const smtp = {
      url: setting.url('RESTOCK_SMTP_URL', ['smtp', 'smtps'], 'smtps://user:password@mail.example.com'),
      host: setting.text('RESTOCK_SMTP_HOST'),
      port: setting.wholeNumber('RESTOCK_SMTP_PORT', { min: 1, max: 65_535 }),
      secure: setting.switch('RESTOCK_SMTP_SECURE'),
      user: setting.text('RESTOCK_SMTP_USER'),
      password: setting.text('RESTOCK_SMTP_PASSWORD'),
      from: setting.text('RESTOCK_MAIL_FROM') ?? `"${shopName.replace(/"/g, '')}" <no-reply@${hostname()}>`,
      staff: setting.emails('RESTOCK_STAFF_EMAILS') ?? [],
    };
    const mailMaxAgeDays = setting.wholeNumber('RESTOCK_MAIL_MAX_AGE_DAYS', { min: 0, what: 'a whole number of days' });
    return {
      ...base,
      pollIntervalMs: setting.wholeNumber('RESTOCK_WORKER_POLL_MS', { ...MILLISECONDS, min: 1 }) ?? base.pollIntervalMs,
      maxAttempts: setting.wholeNumber('RESTOCK_WEBHOOK_MAX_ATTEMPTS', { min: 1 }) ?? base.maxAttempts,
      backoffBaseMs: setting.wholeNumber('RESTOCK_WEBHOOK_BACKOFF_MS', MILLISECONDS) ?? base.backoffBaseMs,
      backoffMaxMs: setting.wholeNumber('RESTOCK_WEBHOOK_BACKOFF_MAX_MS', MILLISECONDS) ?? base.backoffMaxMs,
      webhookTimeoutMs: setting.wholeNumber('RESTOCK_WEBHOOK_TIMEOUT_MS', { ...MILLISECONDS, min: 1 }) ?? base.webhookTimeoutMs,
      disableAfterFailures: setting.wholeNumber('RESTOCK_WEBHOOK_DISABLE_AFTER', { min: 1 }) ?? base.disableAfterFailures,
      disableAfterMs: setting.wholeNumber('RESTOCK_WEBHOOK_DISABLE_AFTER_MS', MILLISECONDS) ?? base.disableAfterMs,
      leaseMs: setting.wholeNumber('RESTOCK_WORKER_LEASE_MS', { ...MILLISECONDS, min: 1 }) ?? base.leaseMs,
      promiseRefreshMs: setting.wholeNumber('RESTOCK_PROMISE_REFRESH_MS', MILLISECONDS) ?? base.promiseRefreshMs,
      mailMaxAgeMs: mailMaxAgeDays === undefined ? base.mailMaxAgeMs : mailMaxAgeDays * 86_400_000,
      ...communicationSettingsOf(setting),
      // Without a server to send through, customers' mails are recorded and wait (see mailMaxAgeMs).
      email: smtp.url !== undefined || smtp.host !== undefined ? smtp : null,
      shopName,
      mailSuppliers: setting.switch('RESTOCK_MAIL_SUPPLIERS') ?? base.mailSuppliers,
      publicUrl: (setting.url('RESTOCK_PUBLIC_URL', ['http', 'https'], 'https://shop.example.com') ?? base.publicUrl).replace(/\/+$/, ''),
    };
  });
}
