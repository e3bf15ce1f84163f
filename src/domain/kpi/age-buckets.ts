export const AGE_BUCKETS = ['0-7', '8-14', '15-30', '>30'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** The SPEC §8 age bucket of a backorder that has waited `days` whole days. */
export function ageBucket(days: number): AgeBucket {
  if (days <= 7) return '0-7';
  if (days <= 14) return '8-14';
  if (days <= 30) return '15-30';
  return '>30';
}
