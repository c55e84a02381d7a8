import { METHOD_NAMES, type MethodName } from './types.ts';
import { DEFAULT_QUANTILE_LEVELS, validateLevels } from './quantiles/quantile-levels.ts';
import type { PooledRegression } from './global/pooled-regression.ts';

export interface ForecastOptions {
  /** Steps ahead to forecast (positive integer). */
  readonly horizon: number;
  /** Season length in steps: 7 for daily data with a weekly cycle, 12 for monthly. Default 1 (none). */
  readonly seasonPeriod?: number;
  /** Quantile levels in (0, 1). Default: 0.025, 0.05, 0.1 … 0.9, 0.95, 0.975. */
  readonly quantiles?: readonly number[];
  /** 'auto' (default) picks by rolling-origin backtest; a method name forces that estimator. */
  readonly method?: 'auto' | MethodName;
  /** Rolling-origin windows used to choose the method (default 3). */
  readonly windows?: number;
  /**
   * Known-future regressors by name (promotions, prices): one value per day of the raw
   * history followed by one per day forecast. With them a regression on the series' own
   * lags and these values competes in the backtest (or the global model's, below).
   */
  readonly regressors?: Readonly<Record<string, readonly (number | null)[]>>;
  /** 'ets' restricts automatic selection to the exponential-smoothing family (the AutoETS reference). */
  readonly family?: 'all' | 'ets';
  /** A model trained across many series (trainPooledRegression): competes and joins the combination. */
  readonly globalModel?: PooledRegression;
}

export interface ResolvedOptions {
  readonly horizon: number;
  readonly seasonPeriod: number;
  readonly quantiles: readonly number[];
  readonly method: 'auto' | MethodName;
  readonly windows: number;
  readonly regressors: Readonly<Record<string, readonly (number | null)[]>> | undefined;
  readonly globalModel: PooledRegression | undefined;
  readonly family: 'all' | 'ets';
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function methodOption(value: string): 'auto' | MethodName {
  if (value === 'auto' || (METHOD_NAMES as readonly string[]).includes(value)) return value as 'auto' | MethodName;
  throw new RangeError(`method must be 'auto' or one of ${METHOD_NAMES.join(', ')}, got '${value}'`);
}

/** Validates caller options once, naming the option and echoing the bad value. */
export function resolveOptions(options: ForecastOptions): ResolvedOptions {
  const quantiles = options.quantiles ?? DEFAULT_QUANTILE_LEVELS;
  validateLevels(quantiles);
  return {
    horizon: positiveInteger('horizon', options.horizon),
    seasonPeriod: positiveInteger('seasonPeriod', options.seasonPeriod ?? 1),
    quantiles,
    method: methodOption(options.method ?? 'auto'),
    windows: positiveInteger('windows', options.windows ?? 3),
    regressors: options.regressors,
    globalModel: options.globalModel,
    family: options.family ?? 'all',
  };
}
