import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runBacktestCommand, type CommandIo } from './backtest-command.ts';

const carparts = readFileSync(new URL('../../../test/fixtures/forecast/carparts.csv', import.meta.url), 'utf8');

function fakeIo(files: Record<string, string>): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readText: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file '${path}'`);
      return text;
    },
  };
}

describe('forecast:backtest command', () => {
  it('beats seasonal naive on a car-parts subset (h = 12, season 12, complete series)', async () => {
    // The first 400 rows of the wide file; --complete-only keeps the series without gaps.
    const subset = carparts.split('\n').slice(0, 401).join('\n');
    const io = fakeIo({ 'carparts.csv': subset });
    const argv = ['--input', 'carparts.csv', '--horizon', '12', '--season', '12', '--complete-only', '--json', '--arima', 'none'];
    expect(await runBacktestCommand(argv, io)).toBe(0);
    const report = JSON.parse(io.out[0]!);
    expect(report.series).toBeGreaterThan(300);
    expect(report.windows).toBe(1);
    expect(report.auto.mase).toBeLessThan(report.seasonalNaive.mase);
    expect(report.auto.sql).toBeLessThan(report.seasonalNaive.sql);
  });

  it('prints seasonal naive, AutoETS, AutoARIMA (npm arima) and the engine, overall and per demand class', async () => {
    const lines = ['series_id,date,value'];
    for (const id of ['a', 'b']) for (let d = 0; d < 84; d++) lines.push(`${id},${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${(id === 'a' ? 5 : 9) + (d % 7) + ((d * d) % 5)}`);
    const io = fakeIo({ 'a.csv': lines.join('\n') });
    expect(await runBacktestCommand(['--input', 'a.csv', '--horizon', '7', '--season', '7', '--windows', '2'], io)).toBe(0);
    const table = io.out[0]!;
    for (const row of ['seasonal naive', 'AutoETS', 'AutoARIMA (npm arima)', 'engine']) expect(table).toMatch(new RegExp(`${row.replace(/[()]/g, '\\$&')}\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+%\\s+[\\d.]+%`));
    expect(table).toMatch(/^smooth \(4 series-windows\)$/m);
  });

  it('uses --regressors columns and refuses a name the file lacks', async () => {
    const rows = ['series_id,date,value,promo,stock'];
    for (let d = 0; d < 120; d++) rows.push(`a,${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${d % 10 === 0 ? 30 : 10},${d % 10 === 0 ? 1 : 0},${d === 50 ? 0 : 5}`);
    const ok = fakeIo({ 'p.csv': rows.join('\n') });
    expect(await runBacktestCommand(['--input', 'p.csv', '--horizon', '14', '--season', '7', '--regressors', 'promo', '--arima', 'none', '--json'], ok)).toBe(0);
    expect(JSON.parse(ok.out[0]!).auto.mase).toBeLessThan(0.5);
    const missing = fakeIo({ 'p.csv': rows.join('\n') });
    expect(await runBacktestCommand(['--input', 'p.csv', '--horizon', '14', '--regressors', 'price'], missing)).toBe(1);
    expect(missing.err[0]).toMatch(/no column named 'price'/);
  });

  it('prints a side-by-side table without --json', async () => {
    const io = fakeIo({ 'a.csv': 'series_id,date,value\n' + Array.from({ length: 30 }, (_, d) => `a,2024-01-${String(d + 1).padStart(2, '0')},${5 + (d % 7) + ((d * d) % 5)}`).join('\n') });
    expect(await runBacktestCommand(['--input', 'a.csv', '--horizon', '7', '--season', '7', '--arima', 'none'], io)).toBe(0);
    expect(io.out[0]).toMatch(/engine\s+[\d.]+\s+[\d.]+/);
    expect(io.out[0]).toMatch(/cov80/);
  });

  it('exits 2 with usage on bad arguments', async () => {
    const io = fakeIo({});
    expect(await runBacktestCommand(['--input', 'a.csv', '--horizon', '0'], io)).toBe(2);
    expect(io.err[0]).toMatch(/--horizon must be a positive integer, got '0'[\s\S]*usage:/);
  });

  it('exits 1 naming the file and line of a bad CSV row', async () => {
    const io = fakeIo({ 'bad.csv': 'series_id,date,value\na,2024-01-01,1\na,2024-01-02,oops' });
    expect(await runBacktestCommand(['--input', 'bad.csv', '--horizon', '1'], io)).toBe(1);
    expect(io.err[0]).toBe("error: bad.csv: line 3: value 'oops' is not a number");
  });

  it('exits 1 when the file cannot be read', async () => {
    const io = fakeIo({});
    expect(await runBacktestCommand(['--input', 'missing.csv', '--horizon', '1'], io)).toBe(1);
    expect(io.err[0]).toMatch(/error: missing.csv: cannot read file/);
  });
});
