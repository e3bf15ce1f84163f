import { EARLIEST_REPORT_DAY, isIsoDate } from '../../domain/dates.js';
import { invalid, type Failure } from '../result.js';

/** A calendar day written `YYYY-MM-DD`, from EARLIEST_REPORT_DAY on, or a failure naming the field. */
export function checkDay(field: string, value: unknown): Failure | null {
  if (typeof value !== 'string' || !isIsoDate(value)) return invalid(field, 'must be a date written YYYY-MM-DD');
  return value < EARLIEST_REPORT_DAY ? invalid(field, `must be on or after ${EARLIEST_REPORT_DAY}`) : null;
}
