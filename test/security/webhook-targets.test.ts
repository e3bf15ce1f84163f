import { lookup } from 'node:dns/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deniedAddress, STRICT_ADDRESS_POLICY } from '../../src/app/communication/address-policy.js';
import { createWebhookClient } from '../../src/worker/webhook-client.js';
import { expectError, json, startApi, type ApiHarness } from '../http/support.js';

/** URLs a webhook may not point at under the default policy, and why. */
const REFUSED: readonly [url: string, reason: RegExp][] = [
  ['ftp://hooks.example.com/x', /http or https/],
  ['file:///etc/passwd', /http or https/],
  ['javascript:alert(1)', /http or https/],
  ['gopher://127.0.0.1:6379/_INFO', /http or https/],
  ['http://127.0.0.1:8080/hook', /loopback .*refused by the webhook address policy unless RESTOCK_WEBHOOK_ALLOW_LOOPBACK=1 is set/],
  ['http://127.9.9.9/hook', /loopback/],
  ['http://localhost/hook', /loopback address; .* unless RESTOCK_WEBHOOK_ALLOW_LOOPBACK=1 is set/],
  ['http://LOCALHOST./hook', /loopback/],
  ['http://api.localhost/hook', /loopback/],
  ['http://[::1]/hook', /loopback/],
  ['http://[::ffff:127.0.0.1]/hook', /loopback/],
  ['http://[::ffff:7f00:1]/hook', /loopback/],
  ['http://2130706433/hook', /loopback/],
  ['http://0x7f000001/hook', /loopback/],
  ['http://10.1.2.3/hook', /private .* unless RESTOCK_WEBHOOK_ALLOW_PRIVATE=1 is set/],
  ['http://172.16.5.4/hook', /private/],
  ['http://192.168.1.10/hook', /private/],
  ['http://169.254.169.254/latest/meta-data/', /private or link-local/],
  ['http://100.64.0.1/hook', /private/],
  ['http://[fd00::1]/hook', /private/],
  ['http://[fe80::1]/hook', /private or link-local/],
  ['http://0.0.0.0/hook', /not a routable address[^;]*; such targets are refused by the webhook address policy$/],
  // IPv6 addresses that lead to an IPv4 one are judged as that address.
  ['http://[::127.0.0.1]/hook', /loopback/],
  ['http://[::7f00:1]/hook', /loopback/],
  ['http://[64:ff9b::7f00:1]/hook', /loopback/],
  ['http://[64:ff9b::10.0.0.1]/hook', /private/],
  ['http://[64:ff9b::a9fe:a9fe]/hook', /private or link-local/],
  ['http://[64:ff9b:1::7f00:1]/hook', /private/],
  ['http://[2002:7f00:1::1]/hook', /loopback/],
  ['http://[2002:c0a8:101::1]/hook', /private/],
  ['http://[2002::1]/hook', /not a routable/],
  ['http://198.18.0.1/hook', /private/],
  ['http://198.19.255.254/hook', /private/],
  ['http://192.0.0.170/hook', /private/],
  // Teredo (client 127.0.0.1, stored inverted; server 65.54.227.120) and IPv4-translated (SIIT) addresses.
  ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook', /leads to 127\.0\.0\.1, a loopback/],
  ['http://[2001:0:a00:1::f5ff:fffe]/hook', /leads to 10\.0\.0\.1, a private/],
  ['http://[::ffff:0:127.0.0.1]/hook', /leads to 127\.0\.0\.1, a loopback/],
  ['http://[::ffff:0:a9fe:a9fe]/hook', /leads to 169\.254\.169\.254, a private or link-local/],
  ['http://[64:ff9b:1::808:808]/hook', /private.*RFC 8215/],
  // Documentation, reserved, multicast and other blocks of the special-purpose registries.
  ['http://192.0.2.1/hook', /not a routable address \(documentation \(TEST-NET-1\)/],
  ['http://198.51.100.20/hook', /not a routable address \(documentation \(TEST-NET-2\)/],
  ['http://203.0.113.5/hook', /not a routable address \(documentation \(TEST-NET-3\)/],
  ['http://[2001:db8::1]/hook', /not a routable address \(documentation/],
  ['http://[3fff::1]/hook', /not a routable address \(documentation/],
  ['http://[64:ff9b::c000:201]/hook', /leads to 192\.0\.2\.1, not a routable/],
  ['http://240.0.0.1/hook', /not a routable/],
  ['http://255.255.255.255/hook', /not a routable/],
  ['http://239.1.2.3/hook', /not a routable address \(multicast/],
  ['http://[ff02::1]/hook', /not a routable address \(multicast/],
  ['http://[100::1]/hook', /not a routable address \(discard-only/],
  ['http://[2001:2::1]/hook', /private.*benchmarking/],
  ['http://[2001:5::1]/hook', /not a routable address \(IETF protocol assignments/],
  ['http://[::1:2:3:4:5]/hook', /not a routable address \(outside global unicast/],
  ['http://[fec0::1]/hook', /private.*site-local/],
  ['http://user:pass@hooks.example.com/hook', /credentials/],
];

/**
 * Webhook targets (SPEC §6): http or https only, and no loopback, private or link-local address
 * (nor an IPv6 address leading to one: mapped, IPv4-translated, compatible, NAT64, 6to4, Teredo) unless
 * RESTOCK_WEBHOOK_ALLOW_LOOPBACK / RESTOCK_WEBHOOK_ALLOW_PRIVATE say so — checked when an
 * endpoint is registered or changed, and again after DNS on every connection. Documentation,
 * reserved, multicast and the other blocks of the IANA special-purpose registries that are not
 * globally reachable are never targets.
 */
describe('webhook targets', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi('sqlite');
  });

  afterAll(async () => {
    await api.close();
  });

  it.each(REFUSED)('refuses %s', async (url, reason) => {
    const error = expectError(await api.call('admin', { method: 'POST', url: '/api/v1/webhooks/endpoints', payload: { url } }), 400, 'VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'url' });
    expect(error.message).toMatch(reason);
  });

  it('accepts public http and https targets, and refuses changing one to a private address', async () => {
    const created = json<{ id: number }>(await api.call('admin', { method: 'POST', url: '/api/v1/webhooks/endpoints', payload: { url: 'https://hooks.example.com/restock' } }), 201);
    json(await api.call('admin', { method: 'POST', url: '/api/v1/webhooks/endpoints', payload: { url: 'http://93.184.216.34:8080/restock' } }), 201);
    const error = expectError(await api.call('admin', { method: 'PATCH', url: `/api/v1/webhooks/endpoints/${created.id}`, payload: { url: 'http://10.0.0.5/x' } }), 400, 'VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'url' });
  });

  it('allows the IPv4 address inside NAT64, 6to4 and compatible forms only as the switches allow that IPv4 address', async () => {
    const loopbackOnly = { allowLoopback: true, allowPrivate: false };
    const privateOnly = { allowLoopback: false, allowPrivate: true };
    const both = { allowLoopback: true, allowPrivate: true };
    const allowedUnder = (address: string) => [STRICT_ADDRESS_POLICY, loopbackOnly, privateOnly, both].map((policy) => deniedAddress(address, policy) === null);
    for (const address of ['::127.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::']) expect(allowedUnder(address), address).toEqual([false, true, false, true]);
    for (const address of ['64:ff9b::a00:1', '2002:a00:1::', '::a00:1', '198.18.0.1', '192.0.0.170']) expect(allowedUnder(address), address).toEqual([false, false, true, true]);
    for (const address of ['64:ff9b::5db8:d822', '2002:5db8:d822::1']) expect(allowedUnder(address), address).toEqual([true, true, true, true]);
    for (const address of ['64:ff9b::', '2002:e000:1::']) expect(allowedUnder(address), address).toEqual([false, false, false, false]);
    // The local-use NAT64 prefix is not global, and leads to loopback if any layout says so.
    expect(allowedUnder('64:ff9b:1::5db8:d822')).toEqual([false, false, true, true]);
    expect(allowedUnder('64:ff9b:1:7f00:0:100::')).toEqual([false, false, false, true]);
  });

  it('refuses such literal addresses at delivery too, before connecting', async () => {
    const client = createWebhookClient({ policy: STRICT_ADDRESS_POLICY, timeoutMs: 2_000, maxSockets: 1 });
    for (const url of ['http://[::127.0.0.1]:3919/b', 'http://[64:ff9b::7f00:1]:3919/c', 'http://[2002:7f00:1::1]:3919/d', 'http://[::ffff:0:7f00:1]:3919/e', 'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:3919/f']) {
      expect(await client.post(url, '{}', {}), url).toEqual({ error: expect.stringMatching(/^refused: .*loopback/) });
    }
    client.close();
  });

  it('refuses, at delivery, a host name that resolves to a loopback or private address', async () => {
    // This machine's own name resolves to a local address (/etc/hosts), like a DNS-rebinding name would.
    const name = hostname();
    const resolved = await lookup(name).catch(() => null);
    if (!resolved || deniedAddress(resolved.address, STRICT_ADDRESS_POLICY) === null) {
      console.warn(`skipped: ${name} does not resolve to a refused address here`);
      return;
    }
    let reached = 0;
    const server = createServer((_request, response) => {
      reached += 1;
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const port = (server.address() as AddressInfo).port;
    const url = `http://${name}:${port}/hook`;
    // Registration cannot know where a name leads; it is accepted, and refused when it is used.
    json(await api.call('admin', { method: 'POST', url: '/api/v1/webhooks/endpoints', payload: { url } }), 201);
    const client = createWebhookClient({ policy: STRICT_ADDRESS_POLICY, timeoutMs: 2_000, maxSockets: 1 });
    const strict = await client.post(url, '{}', {});
    const relaxed = createWebhookClient({ policy: { allowLoopback: true, allowPrivate: true }, timeoutMs: 2_000, maxSockets: 1 });
    const allowed = await relaxed.post(url, '{}', {});
    client.close();
    relaxed.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(strict).toMatchObject({ error: expect.stringMatching(/loopback|private/) });
    expect(allowed).toEqual({ status: 200 });
    expect(reached).toBe(1);
  });
});
