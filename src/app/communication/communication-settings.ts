import type { Result } from '../result.js';
import { readSettings, type Environment, type SettingsReader } from '../settings-reader.js';
import { STRICT_ADDRESS_POLICY, type AddressPolicy } from './address-policy.js';
import { DEFAULT_SUBSCRIPTION_POLICY, type SubscriptionPolicy } from './subscription-policy.js';

/** What the API's webhook and subscription routes need to know, shared with the worker. */
export interface CommunicationSettings {
  readonly addressPolicy: AddressPolicy;
  readonly subscriptions: SubscriptionPolicy;
  /** Overrides the stored secret that signs unsubscribe links (RESTOCK_UNSUBSCRIBE_SECRET). */
  readonly unsubscribeSecret?: string | undefined;
}

/** Nothing relaxed, and the stored unsubscribe secret: what a process gets when nothing is set. */
export const DEFAULT_COMMUNICATION_SETTINGS: CommunicationSettings = { addressPolicy: STRICT_ADDRESS_POLICY, subscriptions: DEFAULT_SUBSCRIPTION_POLICY };

/**
 * Settings from the environment: RESTOCK_WEBHOOK_ALLOW_LOOPBACK / _ALLOW_PRIVATE (off by default),
 * RESTOCK_SUBSCRIPTIONS_ON_BACKORDER / _NOTIFY_ALL (off by default), RESTOCK_UNSUBSCRIBE_SECRET;
 * a switch that is not an on/off word is a VALIDATION_FAILED naming it.
 */
export function communicationSettingsFromEnv(env: Environment = process.env): Result<CommunicationSettings> {
  return readSettings(env, communicationSettingsOf);
}

/** The communication settings as `setting` reads them (for a group of settings that holds them). */
export function communicationSettingsOf(setting: SettingsReader): CommunicationSettings {
  return {
    addressPolicy: {
      allowLoopback: setting.switch('RESTOCK_WEBHOOK_ALLOW_LOOPBACK') ?? STRICT_ADDRESS_POLICY.allowLoopback,
      allowPrivate: setting.switch('RESTOCK_WEBHOOK_ALLOW_PRIVATE') ?? STRICT_ADDRESS_POLICY.allowPrivate,
    },
    subscriptions: subscriptionPolicyOf(setting),
    unsubscribeSecret: setting.secret('RESTOCK_UNSUBSCRIBE_SECRET', UNSUBSCRIBE_SECRET_MIN_LENGTH),
  };
}

/** The shortest RESTOCK_UNSUBSCRIBE_SECRET taken: anyone who guessed it could unsubscribe every customer. */
const UNSUBSCRIBE_SECRET_MIN_LENGTH = 32;

/** RESTOCK_SUBSCRIPTIONS_ON_BACKORDER and _NOTIFY_ALL: what every process that changes stock tells subscribers by. */
export function subscriptionPolicyOf(setting: SettingsReader): SubscriptionPolicy {
  return {
    allowOnBackorder: setting.switch('RESTOCK_SUBSCRIPTIONS_ON_BACKORDER') ?? DEFAULT_SUBSCRIPTION_POLICY.allowOnBackorder,
    notifyAll: setting.switch('RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL') ?? DEFAULT_SUBSCRIPTION_POLICY.notifyAll,
  };
}
