import { useState } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { StockImportReport } from '../api/types';
import { formatCount } from '../format';
import { CsvImportForm, ROW_IMPORT_MAX_BYTES } from './csv-import-form';
import { choicesQuery, NO_CHOICES, RowImportChoiceFields, RowImportNotes, skippedWords } from './row-import';

/**
 * Sets counted on-hand stock from a CSV file (POST /stock/import), as `restock import stock`: each
 * row adjusts one item at one location to its count, in the ledger, and units a count adds go to
 * the item's waiting backorders first, as any stock that arrives does.
 */
export function ImportStockCount({ onImported }: { readonly onImported: () => void }) {
  const [choices, setChoices] = useState(NO_CHOICES);
  return (
    <CsvImportForm<StockImportReport>
      summary="Import a stock count from CSV"
      label="Import a stock count"
      idPrefix="stock"
      maxBytes={ROW_IMPORT_MAX_BYTES}
      help={(
        <p>
          A header row, then one row per item and location: <span className="mono">sku, location, count</span> (the units counted there) and, if wanted,{' '}
          <span className="mono">reason</span> (else “import”). The stock export’s file works as it is: its allocated and available columns are left aside.
          Units a count adds fill the item’s waiting backorders first, in queue order. A UTF-8 file (“CSV UTF-8” in a spreadsheet) of at most 25,000 rows; split a larger one.
        </p>
      )}
      options={<RowImportChoiceFields choices={choices} onChange={setChoices} />}
      send={(csv) => api.postText<StockImportReport>(ROUTES.importStock, csv, 'text/csv', choicesQuery(choices))}
      describe={(r) => r.dryRun
        ? `Checked ${formatCount(r.rows)} row(s), nothing imported: ${formatCount(r.created + r.updated)} count(s) would change stock on hand and ${formatCount(r.unchanged)} match it already${skippedWords(r)}. ${queueWords(r)}`
        : `Imported ${formatCount(r.rows)} row(s): ${formatCount(r.created + r.updated)} count(s) changed stock on hand and ${formatCount(r.unchanged)} matched it already${skippedWords(r)}. ${queueWords(r)}`}
      details={(r) => <RowImportNotes report={r} />}
      checkedOnly={(r) => r.dryRun}
      onImported={onImported}
    />
  );
}

/** What the counts did to the backorder queue: allocations a count below them returned, and units filled, in queue order. */
function queueWords(report: StockImportReport): string {
  const returned = report.returnedToQueue > 0 ? `${formatCount(report.returnedToQueue)} allocated unit(s) ${report.dryRun ? 'would go' : 'went'} back to the queue. ` : '';
  const filled = report.backordersFilled > 0
    ? `${formatCount(report.backordersFilled)} unit(s) ${report.dryRun ? 'would fill' : 'filled'} waiting backorders, in queue order.`
    : `No waiting backorder ${report.dryRun ? 'would be' : 'was'} filled.`;
  return returned + filled;
}
