import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { ImportedPurchaseOrders } from '../api/types';
import { useAction } from '../api/use-action';
import { formatCount } from '../format';
import { FormStatus } from './form-status';
import { useFormCheck } from './use-form-check';

/** The largest body the API takes (1 MiB). */
const MAX_BYTES = 1024 * 1024;

/** One bad cell or row of a refused import, as the API names it (line 1 is the header). */
interface RowError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/**
 * Imports purchase orders from a CSV file (POST /purchase-orders/import): rows of one supplier and
 * reference become one order, left as drafts or sent at once. The API takes all rows or none; a
 * refusal lists every bad row by line, and marks the file as the field at fault.
 */
export function ImportPurchaseOrders({ onImported }: { readonly onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [send, setSend] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const action = useAction();
  // Whatever the API names (a column, a cell, the body), it is in the file.
  const form = useFormCheck(action, () => 'file');
  const rowErrors = rowErrorsOf(action.error);
  const listId = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const refusal = file === null ? { field: 'file', message: 'Choose a CSV file to import.' }
      : file.size > MAX_BYTES ? { field: 'file', message: `${file.name} is larger than 1 MiB: split it into smaller files.` } : null;
    if (!form.check(refusal) || file === null) return;
    const csv = await file.text();
    const done = await action.run(
      () => api.postText<ImportedPurchaseOrders>(ROUTES.importPurchaseOrders, csv, 'text/csv', send ? { send: true } : {}),
      (r) => `Imported ${formatCount(r.rows)} row(s) as ${r.items.length} ${send ? 'sent' : 'draft'} purchase order(s): ${r.items.map((po) => `PO ${po.id} (${po.supplierName})`).join(', ')}.`,
    );
    if (done) {
      setFile(null);
      if (input.current) input.current.value = '';
      onImported();
    }
  }
  return (
    <details className="card" style={{ marginBottom: '0.75rem' }}>
      <summary>Import purchase orders from a CSV file</summary>
      <form ref={form.ref} onSubmit={submit} aria-label="Import purchase orders" noValidate style={{ marginTop: '0.5rem' }}>
        <p className="small muted">
          A header row, then one row per line: <span className="mono">supplier, sku, quantity</span> and, if wanted, <span className="mono">unitCost</span> (in cents: 725 is 7.25),{' '}
          <span className="mono">expectedOn</span> (YYYY-MM-DD) and <span className="mono">reference</span>. Rows with the same supplier and reference become one order.
          Every row is imported, or none.
        </p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="po-import-file">CSV file</label>
            <input id="po-import-file" ref={input} type="file" accept=".csv,text/csv" {...form.marks('file', rowErrors.length > 0 ? listId : undefined)} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
        </div>
        <label className="choice" style={{ marginTop: '0.5rem' }}>
          <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} />Send them to their suppliers at once (else they stay drafts to review)
        </label>
        <div className="actions" style={{ marginTop: '0.5rem' }}><button type="submit" className="primary" disabled={action.busy}>Import</button></div>
        <FormStatus form={form} action={action} />
        {rowErrors.length > 0 ? (
          <div className="table-wrap">
            <table id={listId} data-testid="import-errors">
              <caption>Nothing was imported: {formatCount(rowErrors.length)} problem(s) to fix in the file</caption>
              <thead><tr><th scope="col" className="num">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead>
              <tbody>
                {rowErrors.map((e, i) => <tr key={i}><td className="num">{e.line}</td><td className="mono">{e.field}</td><td>{e.message}</td></tr>)}
              </tbody>
            </table>
          </div>
        ) : null}
      </form>
    </details>
  );
}

/** The per-row problems of a refused import (`details.errors`), or none. */
function rowErrorsOf(error: unknown): readonly RowError[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return [];
  const errors = (error.details as { errors?: unknown }).errors;
  return Array.isArray(errors) ? errors.filter((e): e is RowError => typeof e === 'object' && e !== null && typeof e.line === 'number' && typeof e.field === 'string' && typeof e.message === 'string') : [];
}
