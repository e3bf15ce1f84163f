import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, deniedAddress, STRICT_ADDRESS_POLICY } from './address-policy.js';

describe('webhook address policy', () => {
  it('refuses loopback, private, link-local and unroutable addresses by default', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', 'fd00::1', 'fe80::1', '0.0.0.0', '::', '224.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1']) {
      expect(deniedAddress(address, STRICT_ADDRESS_POLICY), address).not.toBeNull();
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '172.32.0.1']) {
      expect(deniedAddress(address, STRICT_ADDRESS_POLICY), address).toBeNull();
    }
  });

  it('allows loopback and private ranges only when told to, never unroutable ones', () => {
    expect(deniedAddress('127.0.0.1', { allowLoopback: true, allowPrivate: false })).toBeNull();
    expect(deniedAddress('10.0.0.1', { allowLoopback: true, allowPrivate: false })).not.toBeNull();
    expect(deniedAddress('10.0.0.1', { allowLoopback: false, allowPrivate: true })).toBeNull();
    expect(deniedAddress('0.0.0.0', { allowLoopback: true, allowPrivate: true })).not.toBeNull();
  });

  it('checks URLs: scheme, credentials, literal hosts and localhost names', () => {
    expect(checkWebhookUrl('url', 'https://hooks.example.com/restock', STRICT_ADDRESS_POLICY)).toBeNull();
    expect(checkWebhookUrl('url', 'http://localhost:8080/x', { allowLoopback: true, allowPrivate: false })).toBeNull();
    for (const url of ['', 'not a url', 'file:///etc/passwd', 'http://a:b@example.com/', 'http://[::1]/', 'http://app.localhost/']) {
      expect(checkWebhookUrl('url', url, STRICT_ADDRESS_POLICY), url).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'url' } });
    }
  });
});
