import { describe, expect, it } from 'vitest';
import { FailedAuthentications } from './failed-authentications.js';

describe('FailedAuthentications', () => {
  it('holds an address back from its limit to the end of the window its first failure opened', () => {
    let now = 0;
    const failures = new FailedAuthentications(3, 60_000, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(failures.retryAfterSeconds('a')).toBe(0);
      failures.record('a');
      now += 10_000;
    }
    expect(failures.retryAfterSeconds('a')).toBe(30);
    expect(failures.retryAfterSeconds('b')).toBe(0);
    now = 59_500;
    expect(failures.retryAfterSeconds('a')).toBe(1);
    now = 60_000;
    expect(failures.retryAfterSeconds('a')).toBe(0);
    failures.record('a');
    expect(failures.retryAfterSeconds('a')).toBe(0);
  });

  it('remembers a bounded number of addresses, forgetting ended windows first', () => {
    let now = 0;
    const failures = new FailedAuthentications(1, 1_000, () => now);
    for (let i = 0; i < 10_000; i += 1) failures.record(`old ${i}`);
    now = 2_000;
    failures.record('new');
    expect(failures.retryAfterSeconds('new')).toBe(1);
    for (let i = 0; i < 10_000; i += 1) failures.record(`flood ${i}`);
    // The map stayed at its bound: the oldest window ('new') made room for the last address.
    expect(failures.retryAfterSeconds('new')).toBe(0);
    expect(failures.retryAfterSeconds('flood 9999')).toBe(1);
  });

  it('counts the addresses of one IPv6 /64 as one client, and an IPv4-mapped address as its IPv4 address', () => {
    const failures = new FailedAuthentications(3, 60_000, () => 0);
    // An end site's /64, rotated through: every address is a new try of the same client.
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:DB8:1:2:0:0:0:3']) failures.record(address);
    expect(failures.retryAfterSeconds('2001:db8:1:2:abcd::99')).toBe(60);
    expect(failures.retryAfterSeconds('2001:db8:1:3::1')).toBe(0);
    for (let i = 0; i < 3; i += 1) failures.record('::ffff:198.51.100.7');
    expect(failures.retryAfterSeconds('198.51.100.7')).toBe(60);
    expect(failures.retryAfterSeconds('::ffff:c633:6407')).toBe(60);
    expect(failures.retryAfterSeconds('198.51.100.8')).toBe(0);
  });
});
