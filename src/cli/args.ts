import { integerCell } from '../app/import-runner.js';
import { badInput } from './context.js';

/**
 * A number option or argument as the use case should see it: whole numbers become numbers, other
 * text stays text, so the use case rejects it with the API's message naming the field.
 */
export function numeric(text: string | undefined): number | string | undefined {
  return integerCell(text);
}

/**
 * A decimal typed on the command line (`0.95`, `.95`, `-1.5`) as a number; anything else is
 * passed on as text, for the use case to refuse naming its field.
 */
export function decimal(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : text;
}

/** An id such as an order id: a positive whole number, or a validation failure naming the field. */
export function idArgument(field: string, text: string): number {
  const value = integerCell(text);
  if (typeof value !== 'number' || value < 1) badInput(field, 'must be a positive whole number');
  return value;
}

/** A CLI-only count option (e.g. --limit) within bounds, or a validation failure naming it. */
export function countOption(field: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = integerCell(text);
  if (typeof value !== 'number' || value < 1 || value > max) badInput(field, `must be a whole number from 1 to ${max}`);
  return value;
}

export interface LineArgument {
  readonly sku: string;
  readonly quantity: number | string | undefined;
  readonly location?: string;
}

/**
 * Order lines written `SKU:QUANTITY` (and `SKU:QUANTITY@LOCATION` where a location is allowed).
 * A quantity that is not a whole number is passed on as text for the use case to name it.
 */
export function lineArguments(args: readonly string[], { withLocation = false } = {}): LineArgument[] {
  return args.map((arg, index) => {
    const at = withLocation ? arg.lastIndexOf('@') : -1;
    const [spec, location] = at > 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, undefined];
    const colon = spec.lastIndexOf(':');
    if (colon < 0) badInput(`lines[${index}]`, `${arg} has no quantity: write each line as ${spec.startsWith('#') ? '#LINE' : 'SKU'}:QUANTITY, e.g. ${spec}:1${location === undefined ? '' : `@${location}`}`);
    const sku = spec.slice(0, colon);
    const quantity = numeric(spec.slice(colon + 1));
    return location === undefined ? { sku, quantity } : { sku, quantity, location };
  });
}

/** Comma-separated values (e.g. --substitutes A,B); an empty string is an empty list. */
export function list(text: string): string[] {
  return text.trim() === '' ? [] : text.split(',').map((s) => s.trim());
}
