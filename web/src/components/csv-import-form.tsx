import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useAction } from '../api/use-action';
import { formatCount } from '../format';
import { FormStatus } from './form-status';
import { useFormCheck } from './use-form-check';

/** One bad cell or row of an import, as the API names it (line 1 is the header; no field: the row as a whole). */
export interface ImportProblem {
  readonly line: number;
  readonly field: string | null;
  readonly message: string;
}

export interface CsvImportFormProps<T> {
  /** The line that opens the form, e.g. "Import items from CSV". */
  readonly summary: string;
  /** The form's accessible name. */
  readonly label: string;
  /** Makes the file control's id unique on the page. */
  readonly idPrefix: string;
  /** The columns the file takes, in words. */
  readonly help: ReactNode;
  /** The largest body the route takes, in bytes (a whole number of MiB). */
  readonly maxBytes: number;
  /** The import's own choices (checkboxes), shown under the file. */
  readonly options?: ReactNode;
  /** Sends the file's text to the API and answers its report. */
  send(csv: string): Promise<T>;
  /** What the import did, in one sentence. */
  describe(result: T): string;
  /** What a sentence cannot hold of the last report (rows skipped, warnings), until the next submit. */
  details?(result: T): ReactNode;
  /** True when the answer only checked the file: it stays chosen, to import it next, and nothing changed. */
  checkedOnly?(result: T): boolean;
  /** Called after an import that changed something. */
  onImported(result: T): void;
}

/** The largest body the API's row-by-row CSV imports (items, stock counts) take: 64 MiB. */
export const ROW_IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * A form that imports one CSV file through the API, as every import of the dashboard does: the
 * file is checked for presence and size before it is read, a refusal lists every bad row by line
 * (the file is the field at fault, described by that list), and the answer is said in words.
 */
export function CsvImportForm<T>({ summary, label, idPrefix, help, maxBytes, options, send, describe, details, checkedOnly, onImported }: CsvImportFormProps<T>) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<T | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const action = useAction();
  // Whatever the API names (a column, a cell, the body), it is in the file; a refusal by line names no single field, but it too is the file's.
  const blamed = useMemo(() => blameTheFile(action.error), [action.error]);
  const form = useFormCheck({ error: blamed, clear: action.clear }, () => 'file');
  const problems = importProblemsOf(action.error);
  const refusedRows = refusedRowCount(action.error, problems.length);
  const listId = useId();
  const fileId = `${idPrefix}-import-file`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const mebibytes = maxBytes / (1024 * 1024);
    const refusal = file === null ? { field: 'file', message: 'Choose a CSV file to import.' }
      : file.size > maxBytes ? { field: 'file', message: `${file.name} is larger than ${mebibytes} MiB: split it into smaller files.` } : null;
    setReport(null);
    if (!form.check(refusal) || file === null) return;
    const csv = await readText(file);
    if (typeof csv !== 'string') {
      form.check({ field: 'file', message: csv.refusal });
      return;
    }
    const done = await action.run(() => send(csv), describe);
    if (done === undefined) return;
    setReport(done);
    if (checkedOnly?.(done)) return;
    setFile(null);
    if (input.current) input.current.value = '';
    onImported(done);
  }
  return (
    <details className="card" style={{ marginBottom: '0.75rem' }}>
      <summary>{summary}</summary>
      <form ref={form.ref} onSubmit={submit} aria-label={label} noValidate style={{ marginTop: '0.5rem' }}>
        <div className="small muted">{help}</div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={fileId}>CSV file</label>
            <input id={fileId} ref={input} type="file" accept=".csv,text/csv" {...form.marks('file', problems.length > 0 ? listId : undefined)} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
        </div>
        {options}
        <div className="actions" style={{ marginTop: '0.5rem' }}><button type="submit" className="primary" disabled={action.busy}>Import</button></div>
        <FormStatus form={form} action={action} />
        {problems.length > 0 ? <ImportProblems id={listId} problems={problems} caption={`Nothing was imported: ${formatCount(refusedRows)} problem(s) to fix in the file${listedWords(problems.length, refusedRows)}`} testId="import-errors" /> : null}
        {report !== null && details ? details(report) : null}
      </form>
    </details>
  );
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The chosen file's text, or why it cannot be sent: it changed or went away since it was chosen
 * (the browser refuses to read it), or it is not UTF-8 (a spreadsheet's plain CSV in another
 * encoding would arrive with its accented letters lost; the API refuses it too).
 */
async function readText(file: File): Promise<string | { readonly refusal: string }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { refusal: `${file.name} cannot be read any more (was it changed or moved since it was chosen?): choose it again.` };
  }
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return { refusal: `${file.name}: line ${firstLineNotUtf8(bytes)} is not UTF-8 text: save the file as "CSV UTF-8" and choose it again.` };
  }
}

/** The number of the first line (1-based) whose bytes are not UTF-8. */
function firstLineNotUtf8(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let end = 0; end <= bytes.length; end += 1) {
    if (end < bytes.length && bytes[end] !== 0x0a) continue;
    try {
      STRICT_UTF8.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    line += 1;
    start = end + 1;
  }
  return line;
}

/** Rows of a file by line, with the column at fault and why: a refusal's, or the rows an import skipped. */
export function ImportProblems({ problems, caption, id, testId }: { readonly problems: readonly ImportProblem[]; readonly caption: string; readonly id?: string; readonly testId: string }) {
  return (
    <div className="table-wrap">
      <table id={id} data-testid={testId}>
        <caption>{caption}</caption>
        <thead><tr><th scope="col" className="num">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="num">{p.line}</td>
              <td className="mono">{p.field ?? '—'}</td>
              {/* Some imports' messages start with the field the column already shows. */}
              <td>{p.field !== null && p.message.startsWith(`${p.field}: `) ? p.message.slice(p.field.length + 2) : p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The per-row problems of a refused import (`details.problems`), or none. */
function importProblemsOf(error: unknown): readonly ImportProblem[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return [];
  const { problems } = error.details as { problems?: unknown };
  const list = Array.isArray(problems) ? problems : [];
  return list.filter((p): p is ImportProblem =>
    typeof p === 'object' && p !== null && typeof p.line === 'number' && (typeof p.field === 'string' || p.field === null) && typeof p.message === 'string');
}

/** How many rows a refusal found bad: `details.invalidRows` where it lists only the first of them, else as many as it lists. */
function refusedRowCount(error: unknown, listed: number): number {
  const counted = error instanceof ApiError && typeof error.details === 'object' && error.details !== null ? (error.details as { invalidRows?: unknown }).invalidRows : undefined;
  return typeof counted === 'number' && counted > listed ? counted : listed;
}

/** ", the first 1,000 listed" when a list of bad rows holds only the first of them. */
export function listedWords(listed: number, total: number): string {
  return total > listed ? `, the first ${formatCount(listed)} listed` : '';
}

/** A refusal by line as one that names the file, so the form marks it; any other error as it came. */
function blameTheFile(error: unknown): unknown {
  if (!(error instanceof ApiError) || importProblemsOf(error).length === 0) return error;
  return new ApiError(error.status, error.code, error.message, { ...(error.details as object), field: 'file' }, error.requestId);
}
