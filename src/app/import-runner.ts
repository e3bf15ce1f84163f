import type { Store, UnitOfWork } from './ports.js';
import { fail, ok, Rollback, type Failure, type Result } from './result.js';

/** One data row of an import file; `line` is its line number in the file (the header is line 1). */
export interface ImportRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
  /** How many cells the line really had, when known (a row must have one per column). */
  readonly width?: number;
}

/** Why a row cannot be imported; `message` starts with the field, as the API's messages do. */
export interface ImportProblem {
  readonly line: number;
  readonly field: string | null;
  readonly message: string;
}

export interface ImportOptions {
  readonly actor: string;
  /** Import the valid rows and report the others, instead of importing nothing when any row is bad. */
  readonly skipInvalid?: boolean;
  /** Check every row against the database, then roll back: nothing is written. */
  readonly dryRun?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportReport {
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows left out under --skip-invalid, with the reason. */
  readonly skipped: readonly ImportProblem[];
  readonly dryRun: boolean;
}

/** Something a person should know about a row that was imported, e.g. an item discontinued while customers wait for it. */
export interface ImportWarning {
  /** The row's line in the file. */
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** The report of an import run through the use cases, with what its rows' use cases warned of. */
export interface ImportReportWithWarnings<W extends ImportWarning = ImportWarning> extends ImportReport {
  /** In line order; a dry run's are those its rows would give. */
  readonly warnings: readonly W[];
}

/** What a kind of import knows: its file-level checks and how to apply its rows through the use cases. */
export interface ImportPlan<W extends ImportWarning = ImportWarning> {
  /** Problems visible without the database (e.g. a repeated key). */
  check(rows: readonly ImportRow[]): ImportProblem[];
  /**
   * Applies the rows inside one open transaction. `store` runs every use case in that same
   * transaction; `record` receives each row's outcome or failure, once per row, with the warnings
   * of a row that was imported; `tick` marks a step of work done, for the progress bar.
   */
  apply(store: Store, tx: UnitOfWork, rows: readonly ImportRow[], record: (row: ImportRow, outcome: RowOutcome | Failure, warnings?: readonly W[]) => void, tick: () => void): Promise<void>;
  /** How many times `apply` calls `tick` for these rows. */
  steps(rows: readonly ImportRow[]): number;
}

/**
 * Runs an import all-or-nothing: every row is applied in one transaction through the ordinary use
 * cases (same checks and messages as the API); if any row fails, the transaction is rolled back and
 * every failure is reported with its line. With `skipInvalid` the failing rows are dropped and the
 * rest applied again in a fresh transaction, until a round has no failure, which is committed.
 */
export async function runImport<W extends ImportWarning>(store: Store, rows: readonly ImportRow[], plan: ImportPlan<W>, options: ImportOptions): Promise<Result<ImportReportWithWarnings<W>>> {
  const problems = new Map<number, ImportProblem>();
  const note = (problem: ImportProblem) => {
    if (!problems.has(problem.line)) problems.set(problem.line, problem);
  };
  plan.check(rows).forEach(note);
  for (;;) {
    // Without --skip-invalid a file with a bad row imports nothing, but its other rows are still
    // tried (and rolled back) so the report lists every problem at once.
    const commit = !options.dryRun && (problems.size === 0 || options.skipInvalid === true);
    const round = await attempt(store, rows.filter((row) => !problems.has(row.line)), plan, commit, options);
    round.problems.forEach(note);
    if (problems.size > 0 && !options.skipInvalid) return rejected(rows.length, problems);
    if (round.problems.length === 0) {
      const skipped = [...problems.values()].sort((a, b) => a.line - b.line);
      return ok({ rows: rows.length, ...round.tallies, skipped, dryRun: options.dryRun === true, warnings: round.warnings });
    }
  }
}

interface Round<W> {
  readonly problems: readonly ImportProblem[];
  readonly tallies: Record<RowOutcome, number>;
  readonly warnings: readonly W[];
}

/** Carries a round's outcome out of a transaction that must not commit. */
class Undo<W> extends Error {
  constructor(readonly round: Round<W>) {
    super('import rolled back');
  }
}

async function attempt<W extends ImportWarning>(store: Store, rows: readonly ImportRow[], plan: ImportPlan<W>, commit: boolean, options: ImportOptions): Promise<Round<W>> {
  try {
    return await store.transaction(async (tx) => {
      const problems: ImportProblem[] = [];
      const tallies: Record<RowOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
      const warnings: W[] = [];
      const total = plan.steps(rows);
      let done = 0;
      options.onProgress?.(0, total);
      const record = (row: ImportRow, outcome: RowOutcome | Failure, rowWarnings: readonly W[] = []) => {
        if (typeof outcome !== 'string') {
          problems.push(problemOf(row, outcome));
          return;
        }
        tallies[outcome] += 1;
        warnings.push(...rowWarnings);
      };
      const tick = () => {
        done += 1;
        options.onProgress?.(done, total);
      };
      await plan.apply(storeWithin(store, tx), tx, rows, record, tick);
      const round = { problems, tallies, warnings: warnings.sort((a, b) => a.line - b.line) };
      if (problems.length > 0 || !commit) throw new Undo(round);
      return round;
    });
  } catch (error) {
    if (error instanceof Undo) return error.round as Round<W>;
    throw error;
  }
}

/**
 * A Store whose every transaction is the one already open, so many use cases commit or roll back
 * together. A use case's Rollback comes back as its failure, as from a real store; the runner
 * then rolls the whole transaction back, so a failed row's partial work never commits.
 */
function storeWithin(store: Store, tx: UnitOfWork): Store {
  return {
    dialect: store.dialect,
    async transaction<T>(work: (inner: UnitOfWork) => Promise<T>): Promise<T> {
      try {
        return await work(tx);
      } catch (error) {
        if (error instanceof Rollback) return error.failure as T;
        throw error;
      }
    },
    read: (work) => work(tx),
    snapshot: (work) => work(tx),
    close: async () => undefined,
  };
}

function problemOf(row: ImportRow, failure: Failure): ImportProblem {
  const details = failure.details as { field?: unknown } | undefined;
  const field = typeof details?.field === 'string' ? details.field : null;
  return { line: row.line, field, message: failure.message };
}

function rejected(total: number, problems: ReadonlyMap<number, ImportProblem>): Failure {
  const list = [...problems.values()].sort((a, b) => a.line - b.line);
  const rows = list.length === 1 ? '1 row is' : `${list.length} rows are`;
  return fail('VALIDATION_FAILED', `${rows} invalid (of ${total}); nothing was imported`, { problems: list });
}

/** A file-level failure (a missing or unknown column), reported at the header line. */
export function columnFailure(column: string, message: string): Failure {
  return fail('VALIDATION_FAILED', `line 1: column ${column} ${message}`, { problems: [{ line: 1, field: column, message: `${column}: ${message}` }] });
}

/** Checks the header: every required column present, every column known. */
export function checkColumns(columns: readonly string[], required: readonly string[], known: readonly string[]): Failure | null {
  const missing = required.find((c) => !columns.includes(c));
  // A spreadsheet saved with semicolons or tabs reads as one column holding every name.
  const separator = columns.length === 1 ? [';', '\t'].find((s) => columns[0]?.includes(s)) : undefined;
  if (missing && separator !== undefined) {
    return columnFailure(missing, `is required: the header is one column, ${JSON.stringify(columns[0])}; separate the columns with commas, not ${separator === ';' ? 'semicolons' : 'tabs'}`);
  }
  if (missing) return columnFailure(missing, 'is required');
  const unknown = columns.find((c) => !known.includes(c));
  if (unknown !== undefined) return columnFailure(unknown || '(empty)', `is not a known column (expected ${known.join(', ')})`);
  const repeated = columns.find((c, index) => columns.indexOf(c) !== index);
  if (repeated) return columnFailure(repeated, 'appears twice');
  return null;
}

/** Problems for rows with more or fewer cells than the header has columns. */
export function wrongWidths(rows: readonly ImportRow[], columns: readonly string[]): ImportProblem[] {
  return rows
    .filter((row) => row.width !== undefined && row.width !== columns.length)
    .map((row) => ({ line: row.line, field: null, message: `row: has ${row.width} cells; the header has ${columns.length} columns` }));
}

/** Problems for rows whose key repeats an earlier row's. */
export function repeatedKeys(rows: readonly ImportRow[], key: (row: ImportRow) => string, field: string, describe: (row: ImportRow) => string): ImportProblem[] {
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    const k = key(row);
    const earlier = first.get(k);
    if (earlier === undefined) first.set(k, row.line);
    else problems.push({ line: row.line, field, message: `${field}: ${describe(row)} repeats line ${earlier}` });
  }
  return problems;
}

/** A whole-number cell as a number; other text is passed on as text so the use case names the field. */
export function integerCell(text: string | undefined): number | string | undefined {
  const value = text?.trim() ?? '';
  if (value === '') return undefined;
  if (/^[+-]?\d+$/.test(value)) {
    const number = Number(value);
    if (Number.isSafeInteger(number)) return number;
  }
  return value;
}

/** true/false, yes/no or 1/0 as a boolean; other text is passed on as text. */
export function booleanCell(text: string | undefined): boolean | string | undefined {
  const value = text?.trim().toLowerCase() ?? '';
  if (value === '') return undefined;
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0'].includes(value)) return false;
  return text;
}
