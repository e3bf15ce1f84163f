/** Keys per `IN (…)` list: well under SQLite's and PostgreSQL's limits on bound parameters. */
export const IN_LIST_CHUNK = 500;

/** Splits rows into runs of at most `size`, so one statement never exceeds a driver's parameter limit. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}

/**
 * Looks rows up by a list of keys in runs of IN_LIST_CHUNK keys (one `IN (…)` each), joined in run
 * order: a catalogue or an import may name more keys than one statement may bind.
 */
export async function readInChunks<K, R>(keys: readonly K[], read: (chunk: K[]) => Promise<readonly R[]>): Promise<R[]> {
  const found: R[] = [];
  // Row by row: a spread of a large run would overflow the call's argument limit.
  for (const chunk of chunks(keys, IN_LIST_CHUNK)) for (const row of await read(chunk)) found.push(row);
  return found;
}
