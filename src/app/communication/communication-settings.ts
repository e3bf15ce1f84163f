import type { AddressPolicy } from './address-policy.js';
import type { SubscriptionPolicy } from './subscription-policy.js';

/** What the API's webhook and subscription routes need to know, shared with the worker. */
export interface CommunicationSettings {
  readonly addressPolicy: AddressPolicy;
  readonly subscriptions: SubscriptionPolicy;
  /** Overrides the stored secret that signs unsubscribe links (RESTOCK_UNSUBSCRIBE_SECRET). */
  readonly unsubscribeSecret?: string | undefined;
}

/**
 * Settings from the environment: RESTOCK_WEBHOOK_ALLOW_LOOPBACK / _ALLOW_PRIVATE (off by default),
 * RESTOCK_SUBSCRIPTIONS_ON_BACKORDER / _NOTIFY_ALL (off by default), RESTOCK_UNSUBSCRIBE_SECRET.
 */
export function communicationSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CommunicationSettings {
  return {
    addressPolicy: { allowLoopback: flag(env['RESTOCK_WEBHOOK_ALLOW_LOOPBACK']), allowPrivate: flag(env['RESTOCK_WEBHOOK_ALLOW_PRIVATE']) },
    subscriptions: { allowOnBackorder: flag(env['RESTOCK_SUBSCRIPTIONS_ON_BACKORDER']), notifyAll: flag(env['RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL']) },
    unsubscribeSecret: env['RESTOCK_UNSUBSCRIBE_SECRET'] || undefined,
  };
}

/** `1`, `true`, `yes` or `on` (any case) turn a switch on; anything else, or nothing, leaves it off. */
export function flag(value: string | undefined): boolean {
  return ['1', 'true', 'yes', 'on'].includes((value ?? '').toLowerCase());
}
