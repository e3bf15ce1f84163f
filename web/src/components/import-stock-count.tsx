import { useState } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { StockImportReport } from '../api/types';
import { formatCount } from '../format';
import { CsvImportForm } from './csv-import-form';
import { choicesQuery, NO_CHOICES, RowImportChoiceFields, RowImportNotes, skippedWords } from './row-import';

/** The largest body the stock import takes (64 MiB). */
const MAX_BYTES = 64 * 1024 * 1024;

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
      maxBytes={MAX_BYTES}
      help={(
        <p>
          A header row, then one row per item and location: <span className="mono">sku, location, count</span> (the units counted there) and, if wanted,{' '}
          <span className="mono">reason</span> (else “import”). The stock export’s file works as it is: its allocated and available columns are left aside.
          Units a count adds fill the item’s waiting backorders first, in queue order.
        </p>
      )}
      options={<RowImportChoiceFields choices={choices} onChange={setChoices} />}
      send={(csv) => api.postText<StockImportReport>(ROUTES.importStock, csv, 'text/csv', choicesQuery(choices))}
      describe={(r) => r.dryRun
        ? `Checked ${formatCount(r.rows)} row(s), nothing imported: ${formatCount(r.updated)} count(s) would change stock on hand and ${formatCount(r.unchanged)} match it already${skippedWords(r)}. ${filledWords(r.backordersFilled, 'would fill')}`
        : `Imported ${formatCount(r.rows)} row(s): ${formatCount(r.updated)} count(s) changed stock on hand and ${formatCount(r.unchanged)} matched it already${skippedWords(r)}. ${filledWords(r.backordersFilled, 'filled')}`}
      details={(r) => <RowImportNotes report={r} />}
      checkedOnly={(r) => r.dryRun}
      onImported={onImported}
    />
  );
}

/** What the counts did for customers waiting: the units of their backorders filled, in queue order. */
function filledWords(units: number, verb: string): string {
  return units === 0 ? (verb === 'filled' ? 'No waiting backorder was filled.' : 'No waiting backorder would be filled.') : `${formatCount(units)} unit(s) ${verb} waiting backorders, in queue order.`;
}
