import { useState } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { ImportedPurchaseOrders } from '../api/types';
import { formatCount } from '../format';
import { CsvImportForm } from './csv-import-form';

/** The largest body the purchase-order import takes (1 MiB). */
const MAX_BYTES = 1024 * 1024;

/**
 * Imports purchase orders from a CSV file (POST /purchase-orders/import): rows of one supplier and
 * reference become one order, left as drafts or sent at once. The API takes all rows or none; a
 * refusal lists every bad row by line, and marks the file as the field at fault.
 */
export function ImportPurchaseOrders({ onImported }: { readonly onImported: () => void }) {
  const [send, setSend] = useState(false);
  return (
    <CsvImportForm<ImportedPurchaseOrders>
      summary="Import purchase orders from a CSV file"
      label="Import purchase orders"
      idPrefix="po"
      maxBytes={MAX_BYTES}
      help={(
        <p>
          A header row, then one row per line: <span className="mono">supplier, sku, quantity</span> and, if wanted, <span className="mono">unitCost</span> (in cents: 725 is 7.25),{' '}
          <span className="mono">expectedOn</span> (YYYY-MM-DD) and <span className="mono">reference</span>. Rows with the same supplier and reference become one order.
          Every row is imported, or none.
        </p>
      )}
      options={(
        <label className="choice" style={{ marginTop: '0.5rem' }}>
          <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} />Send them to their suppliers at once (else they stay drafts to review)
        </label>
      )}
      send={(csv) => api.postText<ImportedPurchaseOrders>(ROUTES.importPurchaseOrders, csv, 'text/csv', send ? { send: true } : {})}
      describe={(r) => `Imported ${formatCount(r.rows)} row(s) as ${r.items.length} ${send ? 'sent' : 'draft'} purchase order(s): ${r.items.map((po) => `PO ${po.id} (${po.supplierName})`).join(', ')}.`}
      onImported={onImported}
    />
  );
}
