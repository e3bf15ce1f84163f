import { describe, expect, it } from 'vitest';
import { adminKeyFromEnv, trustProxyFromEnv } from './serve-settings.js';

describe('RESTOCK_TRUST_PROXY', () => {
  it('takes true, false and lists of proxy addresses and ranges as Fastify does', () => {
    expect([undefined, '', ' '].map(trustProxyFromEnv)).toEqual([undefined, undefined, undefined]);
    expect(['true', 'TRUE', 'false'].map(trustProxyFromEnv)).toEqual([true, true, false]);
    expect(trustProxyFromEnv('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(trustProxyFromEnv(' 10.0.0.0/8, fd00::/8 ,::1,loopback')).toEqual(['10.0.0.0/8', 'fd00::/8', '::1', 'loopback']);
  });

  it('refuses anything else at start, naming the variable', () => {
    for (const value of ['yes', '2', '10.0.0.0/33', '::1/129', '10.0.0.1,', 'proxy.example.com', '1.2.3.4/8/9', '10.0.0.0/x']) {
      expect(() => trustProxyFromEnv(value), value).toThrow(/^RESTOCK_TRUST_PROXY: /);
    }
    expect(() => trustProxyFromEnv('2')).toThrow(/hops/);
  });
});

describe('RESTOCK_ADMIN_KEY', () => {
  it('takes a secret of 32 characters or more, and refuses a shorter one naming the variable', () => {
    expect(adminKeyFromEnv(undefined)).toBeUndefined();
    expect(adminKeyFromEnv('')).toBeUndefined();
    expect(adminKeyFromEnv('x'.repeat(32))).toBe('x'.repeat(32));
    expect(() => adminKeyFromEnv('x'.repeat(31))).toThrow(/^RESTOCK_ADMIN_KEY: must be 32 characters or more; the one given has 31\./);
    expect(() => adminKeyFromEnv(`${'x'.repeat(32)} y`)).toThrow(/^RESTOCK_ADMIN_KEY: /);
  });

  it('refuses a value an earlier version took (16 to 31 characters) saying how to replace it and the key it made', () => {
    const message = refusal('s'.repeat(20));
    expect(message).toMatch(/^RESTOCK_ADMIN_KEY: must be 32 characters or more; the one given has 20\. Earlier versions of Restock took 16 or more/);
    expect(message).toContain('`openssl rand -base64 32`');
    expect(message).toContain('`restock keys create --name admin --role admin`');
    expect(message).toContain('`restock keys list` shows it as "admin (RESTOCK_ADMIN_KEY)"; remove it with `restock keys revoke <id>`');
  });

  it('refuses white space and overlong values as no version ever took them', () => {
    expect(refusal(`${'s'.repeat(20)} ${'t'.repeat(20)}`)).toBe('RESTOCK_ADMIN_KEY: must be 32–512 characters without spaces (`openssl rand -base64 32` makes one)');
    expect(refusal('s'.repeat(513))).toBe('RESTOCK_ADMIN_KEY: must be 32–512 characters without spaces (`openssl rand -base64 32` makes one)');
  });
});

/** The message a refused RESTOCK_ADMIN_KEY stops `restock serve` with (exit 2). */
function refusal(value: string): string {
  try {
    adminKeyFromEnv(value);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${value} was accepted`);
}
