/** Lets pending I/O callbacks (other requests) run before long synchronous work goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
