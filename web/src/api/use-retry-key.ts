import { useRef } from 'react';

/** A fresh Idempotency-Key, random enough that two forms or two browsers never share one. */
function newIdempotencyKey(): string {
  return `dashboard-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Idempotency-Keys for one form's writes: sending the same request again before an answer came
 * (a lost answer, a second click) reuses its key, so the server does it once; a changed request,
 * or one sent after the last was answered, gets a new key.
 */
export function useRetryKey(): { readonly keyFor: (request: unknown) => { 'idempotency-key': string }; readonly answered: () => void } {
  const pending = useRef<{ readonly request: string; readonly key: string } | null>(null);
  return {
    keyFor(request: unknown) {
      const text = JSON.stringify(request);
      if (pending.current?.request !== text) pending.current = { request: text, key: newIdempotencyKey() };
      return { 'idempotency-key': pending.current.key };
    },
    answered() {
      pending.current = null;
    },
  };
}
