/** A span of days as whole simulation periods, and whether it divided exactly. */
export interface PeriodSpan {
  readonly periods: number;
  /** Days ÷ period length before rounding. */
  readonly exact: number;
  readonly whole: boolean;
}

/**
 * Converts days (a lead time, a review period) into periods of `periodDays` days. A span that
 * does not divide into whole periods is rounded up (`minimum` at least), so a lead time is
 * never simulated shorter than it is; `whole` says whether rounding was needed.
 */
export function periodsOfDays(days: number, periodDays: number, minimum = 0): PeriodSpan {
  const exact = days / periodDays;
  const whole = Math.abs(exact - Math.round(exact)) < 1e-9;
  const periods = Math.max(minimum, whole ? Math.round(exact) : Math.ceil(exact));
  return { periods, exact, whole: whole && periods === Math.round(exact) };
}
