import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/app/communication/event-types.js';
import { signWebhook } from '../../src/worker/webhook-signature.js';

/** The README's Webhooks section is what integrators code against: its snippet and its list must be right. */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Webhooks'), readme.indexOf('## Configuration'));

type Verify = (secret: string, headers: Record<string, string>, rawBody: string, toleranceSeconds?: number) => boolean;

/** The README's verification function, run as written (its import supplied). */
function readmeVerifier(): Verify {
  const block = /```js\n\/\/ verify-restock-signature[^\n]*\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('the README has no verify-restock-signature snippet');
  const body = block.replace(/^import .*$/m, '');
  return new Function('createHmac', 'timingSafeEqual', `${body}\nreturn isFromRestock;`)(createHmac, timingSafeEqual) as Verify;
}

describe("the README's webhook guide", () => {
  it('verifies a delivery signed as the worker signs it, and nothing else', () => {
    const verify = readmeVerifier();
    const secret = 'whsec_0123456789abcdef';
    const body = '{"id":"42","type":"order.placed"}';
    const now = Math.floor(Date.now() / 1000);
    const headers = (timestamp: number, signature = signWebhook(secret, timestamp, body)) => ({ 'restock-timestamp': String(timestamp), 'restock-signature': signature });
    expect(verify(secret, headers(now), body)).toBe(true);
    expect(verify(secret.slice('whsec_'.length), headers(now), body)).toBe(false);
    expect(verify(secret, headers(now), `${body} `)).toBe(false);
    expect(verify(secret, headers(now - 600), body)).toBe(false);
    expect(verify(secret, headers(now, signWebhook(secret, now - 1, body)), body)).toBe(false);
    expect(verify(secret, { 'restock-timestamp': String(now) }, body)).toBe(false);
  });

  it('names only routes the API has', () => {
    const spec = JSON.parse(readFileSync(new URL('../../web/src/api/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const named = [...section.matchAll(/\b(GET|POST|PATCH|DELETE) (\/api\/v1\/[\w/{}.-]+)/g)].map((m) => [m[1] as string, m[2] as string] as const);
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const [method, path] of named) {
      expect({ method, path, known: spec.paths[path]?.[method.toLowerCase()] !== undefined }).toEqual({ method, path, known: true });
    }
  });

  it('lists every event type there is', () => {
    const listed = section.slice(section.indexOf('Types:'), section.indexOf('Each request carries'));
    const named = [...listed.matchAll(/`([a-z_]+\.[a-z_]+)`/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...EVENT_TYPES].sort());
  });
});
