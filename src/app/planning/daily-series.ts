import { daysBetween } from '../../domain/dates.js';

/** Units asked for on one day (every source summed). */
export interface DailyUnits {
  readonly day: string;
  readonly units: number;
}

/**
 * Dense daily demand from `from` (inclusive) to `until` (exclusive), oldest first. Days without a
 * row are 0; rows outside the range are ignored; rows of the same day add up.
 */
export function dailySeries(rows: readonly DailyUnits[], from: string, until: string): number[] {
  const series = new Array<number>(Math.max(0, daysBetween(from, until))).fill(0);
  for (const row of rows) {
    const index = daysBetween(from, row.day);
    if (index >= 0 && index < series.length) series[index] = (series[index] ?? 0) + row.units;
  }
  return series;
}
