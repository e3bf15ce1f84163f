import type { Store } from '../app/ports.js';
import type { WorkerLog } from './dispatcher.js';
import { EMAIL_TARGET } from './routing.js';
import type { WorkerConfig } from './worker-config.js';

/** How often a worker without SMTP closes the mail that waited too long for one. */
export const MAIL_EXPIRY_INTERVAL_MS = 10 * 60_000;

export interface MailExpiry {
  /** Cancels the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * For a worker without SMTP: soon after start and then every MAIL_EXPIRY_INTERVAL_MS, marks the
 * customers' mails recorded more than `mailMaxAgeMs` ago as not sent, saying why. A shop that
 * never sets up SMTP so keeps a bounded list of pending mail (which every poll reads past), and
 * sees how each one ended. The timer does not keep the process alive.
 */
export function startMailExpiry(store: Store, config: WorkerConfig, log: WorkerLog): MailExpiry {
  const days = Math.round((config.mailMaxAgeMs / 86_400_000) * 10) / 10;
  const note = `not sent: no SMTP server was configured within ${days} days (RESTOCK_MAIL_MAX_AGE_DAYS)`;
  let running: Promise<void> | null = null;
  const expire = () => {
    running ??= store
      .transaction((tx) => tx.communication.closeUnsent(EMAIL_TARGET, new Date(Date.parse(tx.now) - config.mailMaxAgeMs).toISOString(), note))
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'closing mail that waited for SMTP failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(expire, Math.min(MAIL_EXPIRY_INTERVAL_MS, 1_000));
  const timer = setInterval(expire, MAIL_EXPIRY_INTERVAL_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
