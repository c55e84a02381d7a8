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
  /** Known-future regressor columns of a long file (`--regressors promo,price`). */
  readonly regressors: string[];
  /** The AutoARIMA reference row: the npm `arima` package (default), the engine's own, or none. */
  readonly arimaReference: 'package' | 'own' | 'none';
  /** Train a global model across all series per window (default on). */
  readonly global: boolean;
}

export const USAGE = `usage: npm run forecast:backtest -- --input FILE.csv --horizon H [--windows W] [--season M] [--json]
                                  [--complete-only] [--workers N] [--regressors a,b] [--arima package|own|none] [--no-global]
  FILE.csv       long (series_id,date,value) or wide (id,<period>,<period>,...) demand file
  --horizon H    steps to forecast in each window (positive integer, required)
  --windows W    rolling-origin windows, the last W blocks of H steps (default 1)
  --season M     season length: 7 for daily data, 12 for monthly (default 1)
  --complete-only  evaluate only series without missing values (fev's car-parts variant)
  --workers N    worker threads (default: 2 when there are 500+ series, else 1)
  --regressors a,b  extra long-file columns known in advance (promo, price) the engine may use;
                 a 'stock' column is read as stock on hand: 0 means censored demand (missing)
  --arima R      AutoARIMA reference row: package (npm 'arima', default), own (the engine's CSS AutoARIMA), none
  --no-global    do not train the global model across series
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
        regressors: { type: 'string' },
        arima: { type: 'string' },
        'no-global': { type: 'boolean', default: false },
        'complete-only': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!parsed.input) throw new UsageError('--input is required');
  const arima = parsed.arima ?? 'package';
  if (arima !== 'package' && arima !== 'own' && arima !== 'none') throw new UsageError(`--arima must be package, own or none, got '${arima}'`);
  return {
    input: parsed.input,
    horizon: positiveInteger('horizon', parsed.horizon),
    windows: positiveInteger('windows', parsed.windows, 1),
    season: positiveInteger('season', parsed.season, 1),
    json: parsed.json ?? false,
    completeOnly: parsed['complete-only'] ?? false,
    workers: parsed.workers === undefined ? undefined : positiveInteger('workers', parsed.workers),
    regressors: (parsed.regressors ?? '').split(',').map((r) => r.trim()).filter((r) => r !== ''),
    arimaReference: arima,
    global: !(parsed['no-global'] ?? false),
  };
}
