import type { Series } from './types.js';

/** Syntetos–Boylan demand classes. */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'none';

/** Cut-offs of Syntetos, Boylan & Croston (2005). */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

/** The two statistics behind the class. */
export interface DemandProfile {
  /** Average demand interval: buckets per non-zero bucket. */
  readonly adi: number;
  /** Squared coefficient of variation of the non-zero sizes (population variance). */
  readonly cv2: number;
  readonly demandClass: DemandClass;
}

/**
 * Classifies a series: ADI < 1.32 is frequent, CV² < 0.49 is regular in size;
 * smooth = frequent & regular, erratic = frequent & irregular, intermittent = rare & regular,
 * lumpy = rare & irregular. A value on a cut-off counts as the higher side; no demand is 'none'.
 */
export function classifyDemand(series: Series): DemandProfile {
  let count = 0;
  let sum = 0;
  for (const y of series) {
    if (y > 0) {
      count++;
      sum += y;
    }
  }
  if (count === 0) return { adi: Infinity, cv2: 0, demandClass: 'none' };
  const average = sum / count;
  let squares = 0;
  for (const y of series) if (y > 0) squares += (y - average) * (y - average);
  const adi = series.length / count;
  const cv2 = squares / count / (average * average);
  const frequent = adi < ADI_CUTOFF;
  const regular = cv2 < CV2_CUTOFF;
  const demandClass: DemandClass = frequent
    ? regular ? 'smooth' : 'erratic'
    : regular ? 'intermittent' : 'lumpy';
  return { adi, cv2, demandClass };
}
