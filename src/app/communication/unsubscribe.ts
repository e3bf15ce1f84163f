import type { Store, UnitOfWork } from '../ports.js';
import { fail, invalid, ok, type Failure, type Result } from '../result.js';
import type { Subscription } from './ports.js';
import { verifyUnsubscribeToken } from './unsubscribe-token.js';

/**
 * Ends a subscription from the link in its e-mail. Idempotent: a second click answers the same.
 * `secret` overrides the server secret stored in the database (RESTOCK_UNSUBSCRIBE_SECRET).
 */
export async function unsubscribe(store: Store, token: unknown, secret?: string): Promise<Result<Subscription>> {
  // A token that cannot be one is refused before any transaction: the link is public.
  const malformed = checkTokenShape(token);
  if (malformed) return malformed;
  return store.transaction(async (tx) => {
    const found = await subscriptionOfToken(tx, token as string, secret);
    if (!found.ok) return found;
    await tx.communication.unsubscribe(found.value.id);
    return ok((await tx.communication.findSubscription(found.value.id)) as Subscription);
  });
}

/**
 * The subscription an unsubscribe link names, read without changing it: what the link's page asks
 * to confirm. Mail scanners fetch every link in a mail, so opening one must not unsubscribe.
 */
export async function subscriptionOfLink(store: Store, token: unknown, secret?: string): Promise<Result<Subscription>> {
  const malformed = checkTokenShape(token);
  if (malformed) return malformed;
  return store.read((tx) => subscriptionOfToken(tx, token as string, secret));
}

/** The subscription a signed token (of the right shape) names, or why the token names none. */
async function subscriptionOfToken(tx: UnitOfWork, token: string, secret: string | undefined): Promise<Result<Subscription>> {
  const id = verifyUnsubscribeToken(await unsubscribeSecret(tx, secret), token);
  if (id === null) return fail('FORBIDDEN', 'token: this unsubscribe link is not valid', { field: 'token' });
  const subscription = await tx.communication.findSubscription(id);
  return subscription ? ok(subscription) : fail('NOT_FOUND', 'token: the subscription no longer exists', { field: 'token' });
}

function checkTokenShape(token: unknown): Failure | null {
  return typeof token !== 'string' || token.length === 0 || token.length > 100 ? invalid('token', 'must be the token from an unsubscribe link') : null;
}

/** The secret that signs unsubscribe links: the configured one, else the one the migration generated. */
export async function unsubscribeSecret(tx: UnitOfWork, configured?: string): Promise<string> {
  if (configured) return configured;
  const stored = await tx.communication.secret('unsubscribe');
  if (!stored) throw new Error('communication_secrets has no unsubscribe secret; migration 0004 did not run');
  return stored;
}
