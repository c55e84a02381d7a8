import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from './series-csv.ts';

describe('demand CSV', () => {
  it('reads the long layout in any row order, with missing dates as gaps', () => {
    const text = 'series_id,date,value\nb,2024-01-02,5\na,2024-01-03,3\na,2024-01-01,1\nb,2024-01-01,4\n';
    expect(parseSeriesCsv(text)).toEqual([
      { id: 'b', values: [4, 5], columns: {} },
      { id: 'a', values: [1, null, 3], columns: {} },
    ]);
  });

  it('reads extra numeric columns of the long layout aligned with the values', () => {
    const text = 'series_id,date,value,promo,price\na,2024-01-01,1,0,9.5\na,2024-01-03,3,1,7\n';
    expect(parseSeriesCsv(text)).toEqual([{ id: 'a', values: [1, null, 3], columns: { promo: [0, null, 1], price: [9.5, null, 7] } }]);
  });

  it('reads a day with zero stock as censored demand (missing), not zero demand', () => {
    const text = 'series_id,date,value,stock\na,2024-01-01,4,1\na,2024-01-02,0,0\na,2024-01-03,5,1\n';
    expect(parseSeriesCsv(text)[0]!.values).toEqual([4, null, 5]);
  });

  it('reads monthly dates as months', () => {
    const text = 'series_id,date,value\nx,2024-01-01,1\nx,2024-03-01,3\nx,2024-02,2';
    expect(parseSeriesCsv(text)[0]!.values).toEqual([1, 2, 3]);
  });

  it('reads the wide car-parts layout with empty cells as missing', () => {
    expect(parseSeriesCsv('Part,Jan-98,Feb-98,Mar-98\n"101",0,,2\n')).toEqual([{ id: '101', values: [0, null, 2], columns: {} }]);
  });

  it('reads a single date,value series', () => {
    expect(parseSeriesCsv('"date","value"\n1949-01-01,112\n1949-02-01,118\n')).toEqual([{ id: 'series', values: [112, 118], columns: {} }]);
  });

  it.each([
    ['series_id,date,value\na,2024-01-01,x', "line 2: value 'x' is not a number"],
    ['series_id,date,value\na,2024-01-01,1\na,01/02/2024,2', "line 3: date '01/02/2024' is not YYYY-MM-DD or YYYY-MM"],
    ['series_id,date,value\na,2024-01-01,1\na,2024-01-01,2', 'line 3: duplicate period for this series (first on line 2)'],
    ['series_id,date,value\na,2024-01-01', 'line 2: expected 3 fields (series_id,date,value), got 2'],
    ['Part,Jan,Feb\n1,2', 'line 2: expected 3 fields like the header, got 2'],
    ['value', "line 1: expected header 'series_id,date,value'"],
  ])('names the line of a bad row: %j', (text, message) => {
    expect(() => parseSeriesCsv(text)).toThrow(message);
  });
});
