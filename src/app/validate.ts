import { invalid, type Failure } from './result.js';

export const SKU_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const MAX_LINES = 500;
export const MAX_QUANTITY = 1_000_000_000;

/**
 * A customer's e-mail address as Restock mails it: a local part without spaces, quotes or the
 * characters that need quoting (<>()[]\\,;:), then a domain with at least one dot. Looser
 * addresses (a@b, <script>@x"y) would only fail at the mail server, after days of retries.
 */
export const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]{1,64}@(?=[^\s@]{1,255}$)(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$/;

type Check = Failure | null;

/** How a malformed e-mail address is refused, by the use cases and by the HTTP schema's check alike. */
export const NOT_AN_EMAIL = 'must be an e-mail address, such as name@example.com';

/** An e-mail address Restock can mail (EMAIL_PATTERN). */
export function checkEmail(field: string, value: unknown): Check {
  return typeof value === 'string' && EMAIL_PATTERN.test(value) ? null : invalid(field, NOT_AN_EMAIL);
}

/** A whole, positive number of units that fits the database's integer columns. */
export function checkQuantity(field: string, value: unknown, { allowZero = false } = {}): Check {
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid(field, 'must be a whole number');
  if (value < 0 || (!allowZero && value === 0)) return invalid(field, allowZero ? 'must not be negative' : 'must be at least 1');
  if (value > MAX_QUANTITY) return invalid(field, `must be at most ${MAX_QUANTITY}`);
  return null;
}

export function checkInteger(field: string, value: unknown, min: number, max: number): Check {
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid(field, 'must be a whole number');
  if (value < min || value > max) return invalid(field, `must be between ${min} and ${max}`);
  return null;
}

export function checkSku(field: string, value: unknown): Check {
  if (typeof value !== 'string' || !SKU_PATTERN.test(value)) {
    return invalid(field, 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"');
  }
  return null;
}

/**
 * Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: a name or a
 * reference holding one breaks the line it is shown on (a table, a log line, a mail's subject).
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Text of `min`–`max` characters; one line of it unless `multiline`. Names, references and ids are
 * one line (they head rows, log lines and mail subjects); free text (reasons, descriptions, a CSV
 * file's text) and search filters, which only look for what is stored, may hold any characters.
 */
export function checkText(field: string, value: unknown, { min = 1, max = 200, multiline = false } = {}): Check {
  if (typeof value !== 'string') return invalid(field, 'must be text');
  if (value.trim().length < min) return invalid(field, 'must not be empty');
  if (!multiline && CONTROL_CHARACTER.test(value)) return invalid(field, 'must be one line of text, without line breaks, tabs or other control characters');
  // Characters as people (and the HTTP schema's maxLength) count them: an emoji is one, not two UTF-16 units.
  if (value.length > max && countCharacters(value) > max) return invalid(field, `must be at most ${max} characters`);
  return null;
}

function countCharacters(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): Check {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    return invalid(field, `must be one of ${allowed.join(', ')}`);
  }
  return null;
}

/** Fields a caller sent that the operation does not know: refused so typos are not silently ignored. */
export function checkKnownFields(field: string, value: object, known: readonly string[]): Check {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) return invalid(field ? `${field}.${key}` : key, 'is not a known field');
  }
  return null;
}

/** The first failure of several checks, or null when all pass. */
export function firstFailure(...checks: readonly Check[]): Check {
  return checks.find((c) => c !== null) ?? null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
