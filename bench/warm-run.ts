/** Milliseconds of the second of two runs of `work`, so caches are as warm as a running server's. */
export async function warmRunMs(work: () => Promise<void>): Promise<number> {
  await work();
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
