/** Keys per `IN (…)` list: well under SQLite's and PostgreSQL's limits on bound parameters. */
export const IN_LIST_CHUNK = 500;

/** Splits rows into runs of at most `size`, so one statement never exceeds a driver's parameter limit. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}
