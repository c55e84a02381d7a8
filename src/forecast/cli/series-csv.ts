import { csvFields } from './csv-fields.ts';
import { CsvFormatError } from './csv-format-error.ts';
import { parseCsvValue } from './csv-value.ts';
import { parseDate, periodIndexer, type ParsedDate } from './period-index.ts';

export interface InputSeries {
  readonly id: string;
  /** One value per period, oldest first; null where the file has no value. */
  readonly values: (number | null)[];
  /** Extra numeric columns of a long file (promo, price, stock...), aligned with `values`. */
  readonly columns: Readonly<Record<string, (number | null)[]>>;
}

/** Columns that hold stock on hand: a day with 0 in stock is censored demand, not zero demand. */
export const STOCK_COLUMNS = ['stock', 'in_stock', 'on_hand'];

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
  if (header.length >= 3 && LONG_HEADER.every((h, i) => header[i]!.toLowerCase() === h)) return parseLong(lines, header.slice(3));
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
    out.push({ id, values: cells.map((c, j) => parseCsvValue(c, i + 1, `column ${j + 2}`)), columns: {} });
  }
  return out;
}

interface LongRow {
  readonly date: ParsedDate;
  readonly value: number | null;
  readonly extra: (number | null)[];
  readonly line: number;
}

/**
 * Long rows may carry extra numeric columns after `value` (regressors such as promo or
 * price, and stock). Where a stock column reads 0 the sale is censored: value becomes missing.
 */
function parseLong(lines: string[], extraNames: string[] = []): InputSeries[] {
  const width = 3 + extraNames.length;
  const stockIndex = extraNames.findIndex((name) => STOCK_COLUMNS.includes(name.toLowerCase()));
  const rows = new Map<string, LongRow[]>();
  const dates: ParsedDate[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const fields = csvFields(lines[i]!);
    if (fields.length !== width) throw new CsvFormatError(i + 1, `expected ${width} fields (${[...LONG_HEADER, ...extraNames].join(',')}), got ${fields.length}`);
    const [id, dateText, cell] = fields as [string, string, string];
    const extra = fields.slice(3).map((c, j) => parseCsvValue(c, i + 1, extraNames[j]!));
    if (!id) throw new CsvFormatError(i + 1, 'empty series_id');
    const date = parseDate(dateText, i + 1);
    dates.push(date);
    const list = rows.get(id) ?? [];
    const value = stockIndex >= 0 && extra[stockIndex] === 0 ? null : parseCsvValue(cell, i + 1, 'value');
    list.push({ date, value, extra, line: i + 1 });
    rows.set(id, list);
  }
  const indexOf = periodIndexer(dates);
  return [...rows].map(([id, list]) => {
    const columns: Record<string, (number | null)[]> = {};
    extraNames.forEach((name, j) => (columns[name] = alignPeriods(list, indexOf, (row) => row.extra[j] ?? null)));
    return { id, values: alignPeriods(list, indexOf, (row) => row.value), columns };
  });
}

function alignPeriods(list: readonly LongRow[], indexOf: (d: ParsedDate) => number, pick: (row: LongRow) => number | null): (number | null)[] {
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
  for (const [period, row] of byPeriod) values[period - first] = pick(row);
  return values;
}
