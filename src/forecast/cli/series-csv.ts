import { csvFields } from './csv-fields.ts';
import { CsvFormatError } from './csv-format-error.ts';
import { parseCsvValue } from './csv-value.ts';
import { parseDate, periodIndexer, type ParsedDate } from './period-index.ts';

export interface InputSeries {
  readonly id: string;
  /** One value per period, oldest first; null where the file has no value. */
  readonly values: (number | null)[];
}

const LONG_HEADER = ['series_id', 'date', 'value'];
const SINGLE_HEADER = ['date', 'value'];

/**
 * Reads either layout:
 * - long: header `series_id,date,value`, one row per series and date (any order);
 *   dates missing inside a series become missing values (null), not zeros;
 * - single series: header `date,value` (AirPassengers), read as long with id "series";
 * - wide: first column the id, every further column one period in order (the car-parts
 *   file: `Part,Jan-98,...`), empty cells missing.
 */
export function parseSeriesCsv(text: string): InputSeries[] {
  const lines = text.split(/\r?\n/);
  const header = csvFields(lines[0] ?? '');
  if (header.length === 3 && header.every((h, i) => h.toLowerCase() === LONG_HEADER[i])) return parseLong(lines);
  if (header.length === 2 && header.every((h, i) => h.toLowerCase() === SINGLE_HEADER[i])) {
    return parseLong(lines.map((line, i) => (i === 0 ? LONG_HEADER.join(',') : line.trim() === '' ? line : `series,${line}`)));
  }
  if (header.length >= 2 && header[0] !== '') return parseWide(lines, header.length);
  throw new CsvFormatError(1, `expected header 'series_id,date,value' or a wide header 'id,<period>,<period>,...'`);
}

function parseWide(lines: string[], columns: number): InputSeries[] {
  const out: InputSeries[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const fields = csvFields(lines[i]!);
    if (fields.length !== columns) {
      throw new CsvFormatError(i + 1, `expected ${columns} fields like the header, got ${fields.length}`);
    }
    const [id, ...cells] = fields;
    if (!id) throw new CsvFormatError(i + 1, 'empty series id');
    out.push({ id, values: cells.map((c, j) => parseCsvValue(c, i + 1, `column ${j + 2}`)) });
  }
  return out;
}

interface LongRow {
  readonly date: ParsedDate;
  readonly value: number | null;
  readonly line: number;
}

function parseLong(lines: string[]): InputSeries[] {
  const rows = new Map<string, LongRow[]>();
  const dates: ParsedDate[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const fields = csvFields(lines[i]!);
    if (fields.length !== 3) throw new CsvFormatError(i + 1, `expected 3 fields (series_id,date,value), got ${fields.length}`);
    const [id, dateText, cell] = fields as [string, string, string];
    if (!id) throw new CsvFormatError(i + 1, 'empty series_id');
    const date = parseDate(dateText, i + 1);
    dates.push(date);
    const list = rows.get(id) ?? [];
    list.push({ date, value: parseCsvValue(cell, i + 1, 'value'), line: i + 1 });
    rows.set(id, list);
  }
  const indexOf = periodIndexer(dates);
  return [...rows].map(([id, list]) => ({ id, values: alignPeriods(list, indexOf) }));
}

function alignPeriods(list: readonly LongRow[], indexOf: (d: ParsedDate) => number): (number | null)[] {
  const byPeriod = new Map<number, LongRow>();
  for (const row of list) {
    const period = indexOf(row.date);
    const seen = byPeriod.get(period);
    if (seen) throw new CsvFormatError(row.line, `duplicate period for this series (first on line ${seen.line})`);
    byPeriod.set(period, row);
  }
  const periods = [...byPeriod.keys()];
  const first = Math.min(...periods);
  const last = Math.max(...periods);
  const values = new Array<number | null>(last - first + 1).fill(null);
  for (const [period, row] of byPeriod) values[period - first] = row.value;
  return values;
}
