import { createHmac, timingSafeEqual } from 'node:crypto';

/** A link token that proves the holder got the subscription's e-mail: `<id>.<HMAC-SHA256(secret, id)>`. */
export function unsubscribeToken(secret: string, subscriptionId: number): string {
  return `${subscriptionId}.${mac(secret, subscriptionId)}`;
}

/** The subscription id a token was made for, or null when the token is malformed or forged. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const match = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(match[2] as string);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

function mac(secret: string, subscriptionId: number): string {
  return createHmac('sha256', secret).update(`unsubscribe:${subscriptionId}`).digest('base64url');
}
