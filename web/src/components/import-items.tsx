import { useState } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { ItemImportReport } from '../api/types';
import { formatCount } from '../format';
import { CsvImportForm, ROW_IMPORT_MAX_BYTES } from './csv-import-form';
import { choicesQuery, NO_CHOICES, RowImportChoiceFields, RowImportNotes, skippedWords } from './row-import';

/**
 * Creates and updates catalogue items from a CSV file (POST /items/import), as `restock import
 * items` and in the columns the items export writes: only the columns present change. A row that
 * discontinues an item customers wait for (or that is on order) is imported, with its warning.
 */
export function ImportItems({ onImported }: { readonly onImported: () => void }) {
  const [choices, setChoices] = useState(NO_CHOICES);
  return (
    <CsvImportForm<ItemImportReport>
      summary="Import items from CSV"
      label="Import items"
      idPrefix="items"
      maxBytes={ROW_IMPORT_MAX_BYTES}
      help={(
        <p>
          A header row with <span className="mono">sku</span> and any of <span className="mono">name, unitPrice, unitCost, backorderPolicy, backorderLimit, lowStockThreshold,
          leadTimeDays, substitutes, discontinued</span>, as the items export writes them: prices in cents (725 is 7.25), backorderPolicy <span className="mono">allow</span> or{' '}
          <span className="mono">deny</span>, substitutes as skus joined with <span className="mono">|</span>, discontinued <span className="mono">true</span> or{' '}
          <span className="mono">false</span>. A new sku needs a name; for a known one, only the columns in the file change and an empty cell leaves the field as it is. A UTF-8 file (“CSV UTF-8” in a spreadsheet) of at most 25,000 rows; split a larger one.
        </p>
      )}
      options={<RowImportChoiceFields choices={choices} onChange={setChoices} />}
      send={(csv) => api.postText<ItemImportReport>(ROUTES.importItems, csv, 'text/csv', choicesQuery(choices))}
      describe={(r) => r.dryRun
        ? `Checked ${formatCount(r.rows)} row(s), nothing imported: importing would create ${formatCount(r.created)} item(s), update ${formatCount(r.updated)} and leave ${formatCount(r.unchanged)} unchanged${skippedWords(r)}.`
        : `Imported ${formatCount(r.rows)} row(s): ${formatCount(r.created)} item(s) created, ${formatCount(r.updated)} updated, ${formatCount(r.unchanged)} unchanged${skippedWords(r)}.`}
      details={(r) => (
        <RowImportNotes
          report={r}
          hint={r.warnings.some((w) => w.code === 'DISCONTINUED_WITH_BACKORDERS')
            ? <p className="small">To cancel an item’s waiting backorders, open it and use “Cancel every waiting backorder” under its backorder queue.</p>
            : null}
        />
      )}
      checkedOnly={(r) => r.dryRun}
      onImported={onImported}
    />
  );
}
