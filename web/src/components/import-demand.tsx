import { useState } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { DemandImportReport } from '../api/types';
import { formatCount } from '../format';
import { CsvImportForm, ImportProblems, listedWords, ROW_IMPORT_MAX_BYTES } from './csv-import-form';
import { choicesQuery, NO_CHOICES, RowImportChoiceFields } from './row-import';

/**
 * Imports past demand from a CSV file (POST /demand/import), as `restock import demand`, so a shop
 * forecasts from its history on its first day: one row per item, day and (if wanted) location.
 */
export function ImportDemand() {
  const [choices, setChoices] = useState(NO_CHOICES);
  return (
    <CsvImportForm<DemandImportReport>
      summary="Import past demand from CSV"
      label="Import past demand"
      idPrefix="demand"
      maxBytes={ROW_IMPORT_MAX_BYTES}
      help={(
        <p>
          A header row, then one row per item and day: <span className="mono">sku, date, quantity</span> (the units customers asked for that day,
          written YYYY-MM-DD) and, if wanted, <span className="mono">location</span>. Rows of the same item, day and location add up; importing a
          day again replaces it. Only days before an item’s first order here (from then on Restock counts its demand itself). A UTF-8 file of at most
          500,000 rows; split a larger history by sku, or import it with <span className="mono">restock import demand</span> on the server.
        </p>
      )}
      options={<RowImportChoiceFields choices={choices} onChange={setChoices} />}
      send={(csv) => api.postText<DemandImportReport>(ROUTES.importDemand, csv, 'text/csv', choicesQuery(choices))}
      describe={(r) => r.dryRun
        ? `Checked ${formatCount(r.rows)} row(s), nothing imported: importing would add ${formatCount(r.created)} day(s), change ${formatCount(r.updated)} and leave ${formatCount(r.unchanged)} as they are${skippedWords(r)}.`
        : `Imported ${formatCount(r.rows - r.skippedRows)} of ${formatCount(r.rows)} row(s): ${formatCount(r.created)} day(s) added, ${formatCount(r.updated)} changed, ${formatCount(r.unchanged)} unchanged${skippedWords(r)}.`}
      details={(r) => r.skipped.length > 0 ? (
        <ImportProblems
          problems={r.skipped}
          testId="import-skipped"
          caption={`${r.dryRun ? 'Would be skipped' : 'Skipped, not imported'}: ${formatCount(r.skippedRows)} bad row(s)${listedWords(r.skipped.length, r.skippedRows)}`}
        />
      ) : null}
      checkedOnly={(r) => r.dryRun}
      onImported={() => undefined}
    />
  );
}

/** "; 2 bad row(s) were skipped (listed below)", to end the sentence of counts; nothing when no row was. */
function skippedWords(report: DemandImportReport): string {
  if (report.skippedRows === 0) return '';
  return `; ${formatCount(report.skippedRows)} bad row(s) ${report.dryRun ? 'would be' : 'were'} skipped (listed below)`;
}
