/** Polls `condition` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000, intervalMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A condition for waitFor: `receiver` has taken no new request for `ms` milliseconds. */
export function quietFor(receiver: { readonly requests: readonly unknown[] }, ms: number): () => boolean {
  let seen = receiver.requests.length;
  let since = Date.now();
  return () => {
    if (receiver.requests.length !== seen) {
      seen = receiver.requests.length;
      since = Date.now();
    }
    return Date.now() - since >= ms;
  };
}
