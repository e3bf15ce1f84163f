import { isIsoDate } from '../../domain/dates.js';
import { invalid, type Failure } from '../result.js';

/** A calendar day written `YYYY-MM-DD`, or a failure naming the field. */
export function checkDay(field: string, value: unknown): Failure | null {
  return typeof value === 'string' && isIsoDate(value) ? null : invalid(field, 'must be a date written YYYY-MM-DD');
}
