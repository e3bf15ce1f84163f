import { snapshotStatuses } from '../item-status.js';
import type { Store } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { fail, invalid, ok, type Result } from '../result.js';
import { checkKnownFields, checkSku, firstFailure, isRecord, NOT_AN_EMAIL } from '../validate.js';
import type { Subscription } from './ports.js';
import { EMAIL_PATTERN, type SubscriptionPolicy } from './subscription-policy.js';
import { unsubscribeSecret } from './unsubscribe.js';
import { unsubscribeToken } from './unsubscribe-token.js';

/** What subscribing answers: a new subscription with its token, or a repeat merged into one. */
export type SubscribeOutcome = NewSubscription | MergedRequest;

export interface NewSubscription {
  readonly merged: false;
  readonly subscription: Subscription;
  /**
   * The token of the subscription's unsubscribe link, for the storefront to offer the customer a
   * way to stop waiting before any notice is sent (POST /subscriptions/unsubscribe?token=…).
   */
  readonly unsubscribeToken: string;
}

/**
 * The address was already on the list for the item, so no second subscription was made: the
 * request was counted into the one that waits, which keeps its place and is told once. Only what
 * the caller sent is answered: whoever knows an address must not get that subscription's
 * unsubscribe token (which ends its place in line) nor learn when or how often it was asked for.
 */
export interface MergedRequest {
  readonly merged: true;
  readonly sku: string;
  readonly email: string;
  /** What happened, in a sentence a storefront may show the customer. */
  readonly message: string;
}

/**
 * "Notify me" (SPEC §6): subscribes an address to an item that is out of stock (or backorderable,
 * when the policy allows). A second request for the same item and address merges into the first,
 * keeping its place in line, and answers nothing of it; every request is counted, as a demand
 * signal for forecasting.
 */
export async function subscribe(store: Store, input: unknown, policy: SubscriptionPolicy, secret?: string): Promise<Result<SubscribeOutcome>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['sku', 'email']),
    checkSku('sku', input['sku']),
    typeof input['email'] !== 'string' || !EMAIL_PATTERN.test(input['email'].trim()) ? invalid('email', NOT_AN_EMAIL) : null,
  );
  if (failure) return failure;
  const sku = input['sku'] as string;
  const email = (input['email'] as string).trim();
  return store.transaction(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return item;
    // Locked like every stock change of the item: a restock either comes first (and the item is
    // then refused as in stock) or after (and its notifier sees this subscription).
    const [locked] = await tx.lockItems([item.value.id]);
    const status = (await snapshotStatuses(tx, [locked ?? item.value])).get(item.value.id)?.status;
    const allowed = status === 'out_of_stock' || (policy.allowOnBackorder && status === 'backorder');
    if (!allowed) {
      return fail('CONFLICT', `sku: ${sku} is ${status?.replace('_', ' ')}; subscriptions are for items that are out of stock${policy.allowOnBackorder ? ' or on backorder' : ''}`, { field: 'sku', status });
    }
    const emailKey = email.toLowerCase();
    const existing = await tx.communication.findActiveSubscription(item.value.id, emailKey);
    if (existing) {
      await tx.communication.addSubscriptionRequest(existing.id);
      return ok({ merged: true, sku: item.value.sku, email, message: alreadyOnTheList(email, item.value.sku) });
    }
    const subscription = await tx.communication.insertSubscription({ itemId: item.value.id, sku, email, emailKey });
    return ok({ merged: false, subscription, unsubscribeToken: unsubscribeToken(await unsubscribeSecret(tx, secret), subscription.id) });
  });
}

function alreadyOnTheList(email: string, sku: string): string {
  return `${email} is already on the list for ${sku}: it keeps its place and will get one e-mail when ${sku} is back in stock.`;
}
