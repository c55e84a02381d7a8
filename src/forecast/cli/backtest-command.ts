import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseBacktestArgs, UsageError, USAGE, type BacktestArgs } from './cli-args.ts';
import { parseSeriesCsv, type InputSeries } from './series-csv.ts';
import { CsvFormatError } from './csv-format-error.ts';
import { scoreChunk, type BacktestTask } from './backtest-worker.ts';
import { runInWorker } from './spawn-module-worker.ts';
import { summariseBacktest, type BacktestSummary } from './score-summary.ts';
import { formatSummary } from './format-summary.ts';
import type { EvaluationSeries, WindowScore } from './window-scores.ts';
import { trainWindowGlobals } from './global-training.ts';
import type { PooledRegression } from '../global/pooled-regression.ts';

/** Below this many series a global model has too little to pool. */
const GLOBAL_MIN_SERIES = 20;

export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readText: (path: string) => Promise<string>;
}

export const nodeIo: CommandIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readText: (path) => readFile(path, 'utf8'),
};

/** Below this many series worker start-up costs more than it saves. */
const PARALLEL_THRESHOLD = 500;

async function scoreAll(series: readonly InputSeries[], args: BacktestArgs, globals: readonly PooledRegression[]): Promise<WindowScore[]> {
  const settings = { horizon: args.horizon, windows: args.windows, season: args.season, regressors: args.regressors, arimaReference: args.arimaReference };
  // The reference AutoARIMA costs ~0.3 s a fit: worth the threads even on small inputs.
  const parallelFrom = args.arimaReference === 'package' ? 20 : PARALLEL_THRESHOLD;
  const workers = args.workers ?? (series.length >= parallelFrom ? Math.min(2, availableParallelism()) : 1);
  const values: EvaluationSeries[] = series.map((s) => ({ values: s.values, columns: pick(s.columns, args.regressors) }));
  if (workers <= 1) return scoreChunk({ series: values, settings, globals });
  const size = Math.ceil(values.length / workers);
  const tasks: BacktestTask[] = Array.from({ length: workers }, (_, w) => ({
    series: values.slice(w * size, (w + 1) * size),
    settings,
    globals,
  }));
  // The worker module beside this one: .ts under tsx, .js in the compiled build (dist/).
  const url = new URL(`./backtest-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const parts = await Promise.all(tasks.map((task) => runInWorker<WindowScore[]>(url, task)));
  return parts.flat();
}

function pick(columns: InputSeries['columns'], names: readonly string[]): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = {};
  for (const name of names) if (columns[name]) out[name] = columns[name];
  return out;
}

/**
 * `forecast:backtest`: rolling-origin evaluation of the automatic choice against seasonal
 * naive. Returns the process exit code: 0 ok, 1 bad input file, 2 bad arguments.
 */
export async function runBacktestCommand(argv: readonly string[], io: CommandIo = nodeIo): Promise<number> {
  let args: BacktestArgs;
  try {
    args = parseBacktestArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n${USAGE}`);
    return 2;
  }
  let series: InputSeries[];
  try {
    series = parseSeriesCsv(await io.readText(args.input));
  } catch (error) {
    const detail = error instanceof CsvFormatError ? error.message : `cannot read file (${(error as Error).message})`;
    io.stderr(`error: ${args.input}: ${detail}`);
    return 1;
  }
  if (args.completeOnly) series = series.filter((s) => s.values.every((v) => v !== null));
  if (series.length === 0) {
    io.stderr(`error: ${args.input}: no series to evaluate`);
    return 1;
  }
  const missing = args.regressors.filter((name) => !series.some((s) => name in s.columns));
  if (missing.length > 0) {
    io.stderr(`error: ${args.input}: no column named ${missing.map((m) => `'${m}'`).join(', ')} (--regressors names extra columns of a long file)`);
    return 1;
  }
  const started = performance.now();
  const evaluation = series.map((s) => ({ values: s.values, columns: pick(s.columns, args.regressors) }));
  const { models: globals, trainingMs } = args.global && series.length >= GLOBAL_MIN_SERIES ? trainWindowGlobals(evaluation, args.horizon, args.windows, args.season, args.regressors) : { models: [], trainingMs: 0 };
  const scores = await scoreAll(series, args, globals);
  const summary: BacktestSummary = summariseBacktest(scores, series.length, args.windows);
  const wallMs = Math.round(performance.now() - started);
  const globalTrainingMs = Math.round(trainingMs);
  io.stdout(args.json ? JSON.stringify({ ...summary, horizon: args.horizon, season: args.season, wallMs, globalTrainingMs, arimaReference: args.arimaReference }) : formatSummary(summary, args, wallMs, globalTrainingMs));
  return 0;
}
