import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js';

describe('unsubscribe tokens', () => {
  it('round-trip for the secret that made them, and only for it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2_000_000_000 }), (id) => {
      const token = unsubscribeToken('server-secret', id);
      expect(verifyUnsubscribeToken('server-secret', token)).toBe(id);
      expect(verifyUnsubscribeToken('other-secret', token)).toBeNull();
    }));
  });

  it('refuses a token moved to another subscription or malformed', () => {
    const token = unsubscribeToken('s', 41);
    expect(verifyUnsubscribeToken('s', token.replace(/^41/, '42'))).toBeNull();
    expect(verifyUnsubscribeToken('s', '41')).toBeNull();
    expect(verifyUnsubscribeToken('s', `${token}x`)).toBeNull();
  });
});
