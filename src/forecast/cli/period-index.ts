import { CsvFormatError } from './csv-format-error.ts';

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

export interface ParsedDate {
  readonly year: number;
  readonly month: number;
  /** Undefined for YYYY-MM dates. */
  readonly day: number | undefined;
}

export function parseDate(text: string, line: number): ParsedDate {
  const match = DATE.exec(text);
  if (!match) throw new CsvFormatError(line, `date '${text}' is not YYYY-MM-DD or YYYY-MM`);
  const [, y, m, d] = match;
  const month = Number(m);
  const day = d === undefined ? undefined : Number(d);
  if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) {
    throw new CsvFormatError(line, `date '${text}' is not a calendar date`);
  }
  return { year: Number(y), month, day };
}

/**
 * Maps dates to consecutive period numbers. A file is monthly when no date has a day
 * other than 1 (YYYY-MM or YYYY-MM-01, as in AirPassengers), otherwise daily; the
 * period index then makes missing dates visible as gaps.
 */
export function periodIndexer(dates: readonly ParsedDate[]): (d: ParsedDate) => number {
  const monthly = dates.every((d) => d.day === undefined || d.day === 1);
  if (monthly) return (d) => d.year * 12 + (d.month - 1);
  return (d) => Date.UTC(d.year, d.month - 1, d.day ?? 1) / 86_400_000;
}
