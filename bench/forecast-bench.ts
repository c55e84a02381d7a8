/**
 * Forecasting benchmark: N daily series (default 10,000 × 365 days) → 28-day mean and
 * quantile forecasts with automatic method choice, split over threads.
 * Default data: the retail simulator with `promo` and `price` as known-future regressors,
 * stock-out days censored, and a global model trained across all series first (timed
 * separately, every thread summing its share: issue 19's target counts the
 * forecasts, training "may be separate and must be timed too"). `--data synthetic` runs
 * the plain synthetic set without regressors, `--no-global` skips the global model.
 * Prints the forecasting wall time (data already generated in every thread), the CPU time
 * of that section (comparable across runs on a busy machine), the training time, the
 * total wall time including worker start-up and data generation, and the methods chosen.
 *   npm run bench:forecast -- [--series 10000] [--days 365] [--horizon 28] [--threads 2]
 *     [--data retail|synthetic] [--no-global] [--workers-only] [--warm-up 0] [--static-split] [--json]
 * Forecasting work is claimed in chunks of 50 series from a shared counter, so the threads
 * finish together (each generates all series for that, untimed); --static-split gives each
 * thread a fixed share as earlier versions did. The global model's training sums fixed shares.
 * --warm-up N: every thread first forecasts N series that are not among the benchmark's
 * (untimed), as a running gateway would have; by default the timed section starts cold and
 * includes the JIT compilation of the engine.
 *
 * By default the main thread computes one share and threads − 1 worker threads the
 * others: the main thread has the engine loaded already, so only one worker pays the
 * start-up (thread, tsx loader, module transpiling: ~0.3 s), and no core waits on an
 * idle main thread. --workers-only runs every share in a worker, as earlier versions did.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { epochMs, forecastAll, forecastClaimed, generate, REGRESSORS, trainShare, warmUpSeries, type BenchData, type BenchResult, type BenchTask, type ReadyMessage, type WorkerCommand } from './forecast-bench-worker.ts';
import { solvePooledRegression, type PooledRegression } from '../src/forecast/global/pooled-regression.ts';
import type { RidgeSums } from '../src/forecast/global/ridge.ts';
import { spawnModuleWorker } from '../src/forecast/cli/spawn-module-worker.ts';

const { values: args } = parseArgs({
  options: {
    series: { type: 'string', default: '10000' },
    days: { type: 'string', default: '365' },
    horizon: { type: 'string', default: '28' },
    threads: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    'workers-only': { type: 'boolean', default: false },
    seed: { type: 'string', default: '20240601' },
    data: { type: 'string', default: 'retail' },
    'no-global': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'warm-up': { type: 'string', default: '0' },
    'static-split': { type: 'boolean', default: false },
  },
});
if (args.data !== 'retail' && args.data !== 'synthetic') throw new Error(`--data must be retail or synthetic, got '${args.data}'`);
const data: BenchData = args.data;
const series = Number(args.series);
const threads = Math.max(1, Number(args.threads));
const mainComputes = !args['workers-only'];
const base = { days: Number(args.days), horizon: Number(args.horizon), seed: Number(args.seed), data };
const withGlobal = data === 'retail' && !args['no-global'];
const warmUp = Number(args['warm-up']);
if (!Number.isInteger(warmUp) || warmUp < 0) throw new Error(`--warm-up must be a whole number of series, got '${args['warm-up']}'`);

interface WorkerHandle {
  ready: Promise<ReadyMessage>;
  train: () => Promise<RidgeSums>;
  warm: (count: number, globalModel?: PooledRegression) => Promise<void>;
  go: (globalModel?: PooledRegression) => Promise<BenchResult>;
}

/**
 * `npm run bench:forecast` runs the compiled build (dist/bench/forecast-bench.js), the same
 * JavaScript production runs, and its worker the compiled worker module; `npx tsx
 * bench/forecast-bench.ts` still works for a quick look (the worker then loads through tsx), but
 * tsx's transform (names kept on every function, a helper call per closure) costs ~4% here.
 */
const workerModule = new URL(`./forecast-bench-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

function startWorker(task: BenchTask): WorkerHandle {
  const worker = spawnModuleWorker(workerModule, task);
  let resolveDone: (r: BenchResult) => void = () => {};
  let resolveTrained: (sums: RidgeSums) => void = () => {};
  let resolveWarmed: () => void = () => {};
  const warmed = new Promise<void>((resolve) => (resolveWarmed = resolve));
  const done = new Promise<BenchResult>((resolve) => (resolveDone = resolve));
  const trained = new Promise<RidgeSums>((resolve) => (resolveTrained = resolve));
  const ready = new Promise<ReadyMessage>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: ReadyMessage | { type: 'trained'; sums: RidgeSums } | { type: 'warmed' } | { type: 'done'; result?: BenchResult }) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'warmed') resolveWarmed();
      if (message.type === 'trained') resolveTrained(message.sums);
      if (message.type === 'done' && message.result) {
        resolveDone(message.result);
        void worker.terminate();
      }
    });
  });
  const send = (command: WorkerCommand): void => worker.postMessage(command);
  return {
    ready,
    train: () => (send({ type: 'train' }), trained),
    warm: (count, globalModel) => (send(globalModel ? { type: 'warm', count, globalModel } : { type: 'warm', count }), warmed),
    go: (globalModel) => (send(globalModel ? { type: 'go', globalModel } : { type: 'go' }), done),
  };
}

const wallStart = performance.now();
const spawnedAt = epochMs();
const chunk = Math.ceil(series / threads);
// Forecasting work is claimed in chunks from a shared counter (every thread generates all series);
// --static-split gives each thread a fixed share instead. Training always sums fixed shares.
const claim = args['static-split'] ? undefined : new SharedArrayBuffer(4);
const tasks: BenchTask[] = Array.from({ length: threads }, (_, t) => ({
  ...base,
  from: t * chunk,
  to: Math.min(series, (t + 1) * chunk),
  total: series,
  ...(claim ? { claim } : {}),
}));
const [mainTask, ...workerTasks] = mainComputes ? tasks : [undefined, ...tasks];
const pool = workerTasks.map((task) => startWorker(task!));
// The main thread generates its share while the workers start.
const mainGenerationStart = performance.now();
const mainSeries = mainTask ? generate(claim ? { ...mainTask, from: 0, to: series } : mainTask) : [];
const mainShare = mainTask && claim ? mainSeries.slice(mainTask.from, mainTask.to) : mainSeries;
const mainGenerationMs = performance.now() - mainGenerationStart;
const readies = await Promise.all(pool.map((p) => p.ready));
// The slowest worker decides when forecasting can start.
const startupMs = readies.length > 0 ? Math.max(...readies.map((r) => r.loadedAt)) - spawnedAt : 0;
const generationMs = Math.max(mainGenerationMs, ...readies.map((r) => r.generatedAt - r.loadedAt));

// Global model training across all series: every thread sums its own share, the main thread solves.
let globalModel: PooledRegression | undefined;
const trainingStart = performance.now();
const trainingCpuStart = process.cpuUsage();
if (withGlobal) {
  const shares = pool.map((p) => p.train());
  const mine = mainTask ? [trainShare(mainShare, base.horizon)] : [];
  globalModel = solvePooledRegression([...mine, ...(await Promise.all(shares))], { horizon: base.horizon, seasonPeriod: 7, regressors: REGRESSORS });
}
const trainingCpu = process.cpuUsage(trainingCpuStart);
const trainingMs = withGlobal ? performance.now() - trainingStart : 0;

// Optional: every thread first forecasts --warm-up other series (not timed, not counted).
const warmUpStart = performance.now();
if (warmUp > 0) {
  const warming = pool.map((p) => p.warm(warmUp, globalModel));
  if (mainTask) forecastAll(warmUpSeries(mainTask, warmUp), base.horizon, globalModel);
  await Promise.all(warming);
}
const warmUpMs = performance.now() - warmUpStart;

const forecastStart = performance.now();
const cpuStart = process.cpuUsage();
const pending = pool.map((p) => p.go(globalModel));
const mainResult = mainTask ? [claim ? forecastClaimed(mainSeries, base.horizon, claim, globalModel) : forecastAll(mainSeries, base.horizon, globalModel)] : [];
const results = [...mainResult, ...(await Promise.all(pending))];
const forecastMs = performance.now() - forecastStart;
// Process-wide CPU time (all threads): unlike wall time it does not grow when other
// processes compete for the cores, so it is the comparable number on a shared machine.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const totalMs = performance.now() - wallStart;

const methods: Record<string, number> = {};
for (const r of results) for (const [m, c] of Object.entries(r.methods)) methods[m] = (methods[m] ?? 0) + c;
const summary = {
  series,
  days: base.days,
  horizon: base.horizon,
  data,
  regressors: data === 'retail' ? REGRESSORS : [],
  globalModel: withGlobal,
  threads,
  workers: pool.length,
  mainThreadComputes: mainComputes,
  forecastWallMs: Math.round(forecastMs),
  /** Global model training, each thread summing its share (0 without one): wall and CPU time of all threads. */
  globalTrainingMs: Math.round(trainingMs),
  globalTrainingCpuMs: Math.round((trainingCpu.user + trainingCpu.system) / 1000),
  /** Series each thread forecast before the timed section (0: a cold start), and how long that took. */
  warmUpSeriesPerThread: warmUp,
  warmUpMs: Math.round(warmUpMs),
  totalWallMs: Math.round(totalMs),
  workerStartupMs: Math.round(startupMs),
  generationMs: Math.round(generationMs),
  perSeriesMicros: Math.round(((forecastMs * 1000) / series) * threads),
  cpuMs: Math.round(cpuMs),
  cpuMicrosPerSeries: Math.round((cpuMs * 1000) / series),
  idleCoresEstimateMs: Math.round(cpuMs / threads),
  /** Each thread's own forecasting time (main thread first): shows any imbalance. */
  threadComputeMs: results.map((r) => Math.round(r.computeMs)),
  /** Series forecast by each thread (main thread first); they add up to `series`. */
  threadSeries: results.map((r) => r.count),
  // Chunk sums added in series order, so the checksum does not depend on which thread took which chunk.
  checksum: Math.round(results.flatMap((r) => r.chunkChecksums).sort((a, b) => a[0] - b[0]).reduce((a, [, c]) => a + c, 0)),
  methods,
};
if (args.json) console.log(JSON.stringify(summary));
else {
  const layout = mainComputes ? `main thread + ${pool.length} worker(s)` : `${pool.length} worker(s)`;
  const what = data === 'retail' ? `retail simulator, regressors ${REGRESSORS.join(', ')}, stock-outs censored, ${withGlobal ? 'with' : 'without'} a global model` : 'synthetic set, no regressors';
  console.log(`${series} series × ${base.days} days → ${base.horizon}-day quantile forecasts on ${layout} (${what})`);
  const warmth = warmUp > 0 ? `, after every thread forecast ${warmUp} other series in ${summary.warmUpMs} ms` : ', cold start';
  console.log(`forecast wall time: ${summary.forecastWallMs} ms (target < 1500 ms${warmth})`);
  if (withGlobal) console.log(`global model training (separate, all ${series} series over the same threads): ${summary.globalTrainingMs} ms wall, ${summary.globalTrainingCpuMs} ms CPU`);
  console.log(`total incl. worker start-up and data generation: ${summary.totalWallMs} ms ` +
    `(start-up until modules loaded ${summary.workerStartupMs} ms, data generation ${summary.generationMs} ms)`);
  console.log(`CPU time (all threads): ${summary.cpuMs} ms = ${summary.cpuMicrosPerSeries} µs/series; ` +
    `on ${threads} otherwise idle core(s) ≈ ${summary.idleCoresEstimateMs} ms`);
  console.log(`per-thread forecasting: ${summary.threadComputeMs.join(' / ')} ms`);
  console.log(`methods: ${JSON.stringify(methods)}`);
}
