import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseBacktestArgs, UsageError, USAGE, type BacktestArgs } from './cli-args.ts';
import { parseSeriesCsv, type InputSeries } from './series-csv.ts';
import { CsvFormatError } from './csv-format-error.ts';
import { scoreChunk, type BacktestTask } from './backtest-worker.ts';
import { runInWorker } from './spawn-ts-worker.ts';
import { summariseBacktest, type BacktestSummary } from './score-summary.ts';
import { formatSummary } from './format-summary.ts';
import type { WindowScore } from './window-scores.ts';

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

async function scoreAll(series: readonly InputSeries[], args: BacktestArgs): Promise<WindowScore[]> {
  const settings = { horizon: args.horizon, windows: args.windows, season: args.season };
  const workers = args.workers ?? (series.length >= PARALLEL_THRESHOLD ? Math.min(2, availableParallelism()) : 1);
  const values = series.map((s) => s.values);
  if (workers <= 1) return scoreChunk({ series: values, settings });
  const size = Math.ceil(values.length / workers);
  const tasks: BacktestTask[] = Array.from({ length: workers }, (_, w) => ({
    series: values.slice(w * size, (w + 1) * size),
    settings,
  }));
  // The worker module beside this one: .ts under tsx, .js in the compiled build (dist/).
  const url = new URL(`./backtest-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const parts = await Promise.all(tasks.map((task) => runInWorker<WindowScore[]>(url, task)));
  return parts.flat();
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
  const started = performance.now();
  const scores = await scoreAll(series, args);
  const summary: BacktestSummary = summariseBacktest(scores, series.length, args.windows);
  const wallMs = Math.round(performance.now() - started);
  io.stdout(args.json ? JSON.stringify({ ...summary, horizon: args.horizon, season: args.season, wallMs }) : formatSummary(summary, args, wallMs));
  return 0;
}
