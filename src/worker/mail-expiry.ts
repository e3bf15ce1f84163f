import type { Store } from '../app/ports.js';
import type { WorkerLog } from './dispatcher.js';
import { startPeriodicTask, type PeriodicTask } from './periodic-task.js';
import { EMAIL_TARGET } from './routing.js';
import type { WorkerConfig } from './worker-config.js';

/** How often a worker without SMTP closes the mail that waited too long for one. */
export const MAIL_EXPIRY_INTERVAL_MS = 10 * 60_000;

export type MailExpiry = PeriodicTask;

/**
 * For a worker without SMTP: soon after start and then every MAIL_EXPIRY_INTERVAL_MS, marks the
 * customers' mails of events more than `mailMaxAgeMs` old as not sent, saying why (the age a
 * worker with SMTP judges them by). A shop that never sets up SMTP so keeps a bounded list of
 * pending mail, and sees how each one ended. The timer does not keep the process alive.
 */
export function startMailExpiry(store: Store, config: WorkerConfig, log: WorkerLog): MailExpiry {
  const days = Math.round((config.mailMaxAgeMs / 86_400_000) * 10) / 10;
  const note = `not sent: no SMTP server was configured within ${days} days (RESTOCK_MAIL_MAX_AGE_DAYS)`;
  return startPeriodicTask(
    () => store.transaction((tx) => tx.communication.closeUnsent(EMAIL_TARGET, new Date(Date.parse(tx.now) - config.mailMaxAgeMs).toISOString(), note)),
    MAIL_EXPIRY_INTERVAL_MS,
    log,
    'closing mail that waited for SMTP failed',
  );
}
