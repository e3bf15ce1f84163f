import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `Restock-Signature` header: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the
 * endpoint's secret. Signing the timestamp lets receivers refuse replays of old deliveries.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute the signature, compare in constant time, and refuse timestamps
 * further than `toleranceSeconds` from its clock.
 */
export function verifyWebhook(secret: string, headers: { signature: string; timestamp: string }, body: string, toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
