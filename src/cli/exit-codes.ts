import type { ErrorCode } from '../app/result.js';

/** Process exit codes of `restock`, printed by `restock --help`. */
export const EXIT = {
  ok: 0,
  /**
   * The command was understood but failed: the record it shows or changes does not exist, a
   * conflict, out of stock, invariant violations, a bug.
   */
  failure: 1,
  /**
   * Bad input: a usage error, a field that fails validation, an unreadable or invalid file, and a
   * sku, location, supplier or endpoint that picks what a command lists, reports, exports or plans
   * but names nothing (see selection.ts).
   */
  badInput: 2,
  /** The database could not be reached or opened (a newer Restock upgraded it, too). */
  unavailable: 3,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the command failed (conflict, out of stock, invariant violations, internal error), or the
     one record it shows or changes does not exist (NOT_FOUND: items get, orders get, po get …)
  2  bad input (usage error, a field that fails validation, an invalid file), and so is
     a sku, location, supplier or endpoint that names nothing where it picks what a command
     lists, reports, exports or plans: --sku, --location, --supplier, --endpoint, and the sku
     or code given to backorders, availability, forecast, plan, demand show and suppliers
     scorecard (VALIDATION_FAILED naming it)
  3  the database is unavailable, or a newer Restock upgraded it (run that version or newer)`;

/** The exit code for an expected failure of a use case. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'PAYLOAD_TOO_LARGE':
      return EXIT.badInput;
    case 'UNAVAILABLE':
      return EXIT.unavailable;
    default:
      return EXIT.failure;
  }
}
