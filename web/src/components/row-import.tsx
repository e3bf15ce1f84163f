import type { ReactNode } from 'react';
import { formatCount } from '../format';
import { href } from '../router';
import { ImportProblems, type ImportProblem } from './csv-import-form';

/** The choices of every row-by-row import (items, stock counts), as the API's skipInvalid and dryRun. */
export interface RowImportChoices {
  readonly skipInvalid: boolean;
  readonly dryRun: boolean;
}

export const NO_CHOICES: RowImportChoices = { skipInvalid: false, dryRun: false };

/** The import's querystring: only the choices made, as the CLI's flags. */
export function choicesQuery(choices: RowImportChoices): { skipInvalid?: true; dryRun?: true } {
  return { ...(choices.skipInvalid ? { skipInvalid: true } : {}), ...(choices.dryRun ? { dryRun: true } : {}) };
}

/** What the items and stock imports answer alike; `sku` names the item a warning is about, where the import says. */
export interface RowImportReport {
  readonly rows: number;
  readonly skipped: readonly ImportProblem[];
  readonly dryRun: boolean;
  readonly warnings: readonly { readonly line: number; readonly code: string; readonly message: string; readonly sku?: string }[];
}

/** The checkboxes of a row-by-row import: leave bad rows out instead of importing nothing, and check without importing. */
export function RowImportChoiceFields({ choices, onChange }: { readonly choices: RowImportChoices; readonly onChange: (next: RowImportChoices) => void }) {
  return (
    <div style={{ marginTop: '0.5rem' }}>
      <label className="choice">
        <input type="checkbox" checked={choices.skipInvalid} onChange={(e) => onChange({ ...choices, skipInvalid: e.target.checked })} />Skip bad rows and import the others (else a bad row stops the whole file)
      </label>
      <label className="choice">
        <input type="checkbox" checked={choices.dryRun} onChange={(e) => onChange({ ...choices, dryRun: e.target.checked })} />Check only: say what the file would change, import nothing
      </label>
    </div>
  );
}

/** "; 2 bad row(s) were skipped (listed below)", to end a sentence of counts; nothing when no row was. */
export function skippedWords(report: RowImportReport): string {
  if (report.skipped.length === 0) return '';
  return `; ${formatCount(report.skipped.length)} bad row(s) ${report.dryRun ? 'would be' : 'were'} skipped (listed below)`;
}

/**
 * What a sentence of counts cannot hold: the rows left out, by line, and what people should
 * know about rows that were imported (an item discontinued while customers wait for it).
 */
export function RowImportNotes({ report, hint }: { readonly report: RowImportReport; readonly hint?: ReactNode }) {
  return (
    <>
      {report.skipped.length > 0 ? (
        <ImportProblems
          problems={report.skipped}
          testId="import-skipped"
          caption={`${report.dryRun ? 'Would be skipped' : 'Skipped, not imported'}: ${formatCount(report.skipped.length)} bad row(s)`}
        />
      ) : null}
      {report.warnings.length > 0 ? (
        <div className="notice notice-warn" role="status" data-testid="import-warnings">
          <ul>
            {report.warnings.map((w) => (
              <li key={`${w.line}-${w.code}`}>
                Line {w.line}: {w.message}{w.sku !== undefined ? <> <a href={href(['items', w.sku])}>Open {w.sku}</a></> : null}
              </li>
            ))}
          </ul>
          {hint}
        </div>
      ) : null}
    </>
  );
}
