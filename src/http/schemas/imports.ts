import { Type } from '@fastify/type-provider-typebox';
import { List, Nullable } from './common.js';

/** The options of every row-by-row CSV import, as the CLI's --skip-invalid and --dry-run. */
export const CsvImportQuery = Type.Object({
  skipInvalid: Type.Optional(Type.Boolean({ description: 'import the valid rows and report the others' })),
  dryRun: Type.Optional(Type.Boolean({ description: 'check every row, import nothing' })),
}, { additionalProperties: false });

/** A row left out: its line in the file (the header is line 1), the field at fault, and why. */
export const ImportProblem = Type.Object({ line: Type.Integer(), field: Nullable(Type.String()), message: Type.String() });

/** What every import report holds; each kind adds its own title (and warnings, where its rows warn). */
export const importReportFields = {
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: List(ImportProblem),
  dryRun: Type.Boolean(),
};

/** Something a person should know about a row that was imported. */
export const ImportWarning = Type.Object({ line: Type.Integer({ description: "the row's line in the file" }), code: Type.String(), message: Type.String() });
