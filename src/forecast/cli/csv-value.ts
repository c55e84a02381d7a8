import { CsvFormatError } from './csv-format-error.ts';

const MISSING = new Set(['', 'na', 'nan', 'null']);

/** A demand cell: empty/NA/NaN/null is missing (null); anything else must be a finite number. */
export function parseCsvValue(cell: string, line: number, column: string): number | null {
  if (MISSING.has(cell.toLowerCase())) return null;
  const value = Number(cell);
  if (!Number.isFinite(value)) {
    throw new CsvFormatError(line, `${column} '${cell}' is not a number`);
  }
  return value;
}
