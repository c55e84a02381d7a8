import { parseArgs } from 'node:util';

export interface BacktestArgs {
  readonly input: string;
  readonly horizon: number;
  readonly windows: number;
  readonly season: number;
  readonly json: boolean;
  readonly completeOnly: boolean;
  /** Worker threads; undefined lets the command decide from the input size. */
  readonly workers: number | undefined;
}

export const USAGE = `usage: npm run forecast:backtest -- --input FILE.csv --horizon H [--windows W] [--season M] [--json]
                                  [--complete-only] [--workers N]
  FILE.csv       long (series_id,date,value) or wide (id,<period>,<period>,...) demand file
  --horizon H    steps to forecast in each window (positive integer, required)
  --windows W    rolling-origin windows, the last W blocks of H steps (default 1)
  --season M     season length: 7 for daily data, 12 for monthly (default 1)
  --complete-only  evaluate only series without missing values (fev's car-parts variant)
  --workers N    worker threads (default: 2 when there are 500+ series, else 1)
  --json         print one JSON object instead of the table`;

/** A bad command line: the message names the option and echoes the value. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInteger(option: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${option} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${option} must be a positive integer, got '${value}'`);
  return n;
}

export function parseBacktestArgs(argv: readonly string[]): BacktestArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        horizon: { type: 'string' },
        windows: { type: 'string' },
        season: { type: 'string' },
        workers: { type: 'string' },
        json: { type: 'boolean', default: false },
        'complete-only': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!parsed.input) throw new UsageError('--input is required');
  return {
    input: parsed.input,
    horizon: positiveInteger('horizon', parsed.horizon),
    windows: positiveInteger('windows', parsed.windows, 1),
    season: positiveInteger('season', parsed.season, 1),
    json: parsed.json ?? false,
    completeOnly: parsed['complete-only'] ?? false,
    workers: parsed.workers === undefined ? undefined : positiveInteger('workers', parsed.workers),
  };
}
