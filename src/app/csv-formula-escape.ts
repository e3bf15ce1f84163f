/**
 * A text cell a spreadsheet would run as a formula: it starts with = + - @, a tab or a carriage
 * return (OWASP's list), possibly behind apostrophes this escaping added before.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;

/**
 * A text cell for a CSV export, neutralised for spreadsheets (CSV formula injection): one leading
 * apostrophe before text that would start a formula, as OWASP recommends. Only text goes through
 * here, never numbers, so a negative quantity stays a number. `unescapeFormula` undoes it exactly.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The text a CSV cell written by `escapeFormula` stood for: drops the one apostrophe it added.
 * A cell with no such apostrophe is left as it is, so `unescapeFormula(escapeFormula(t)) === t`
 * for every text.
 */
export function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
