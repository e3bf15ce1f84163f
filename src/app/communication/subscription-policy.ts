/** How back-in-stock subscriptions behave (SPEC §6). */
export interface SubscriptionPolicy {
  /** Also accept subscriptions for items that can be backordered, not only for out-of-stock ones. */
  readonly allowOnBackorder: boolean;
  /** Tell every waiting subscriber on restock instead of no more than the units that came in. */
  readonly notifyAll: boolean;
}

export const DEFAULT_SUBSCRIPTION_POLICY: SubscriptionPolicy = { allowOnBackorder: false, notifyAll: false };

export { EMAIL_PATTERN } from '../validate.js';
