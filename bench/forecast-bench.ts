/**
 * Forecasting benchmark: N synthetic daily series (default 10,000 × 365 days) → 28-day
 * mean and quantile forecasts with automatic method choice, split over worker threads.
 * Prints the forecasting wall time (data already generated in the workers), the CPU time
 * of that section (comparable across runs on a busy machine), the total wall time
 * including worker start-up and data generation, and the methods chosen.
 *   npx tsx bench/forecast-bench.ts [--series 10000] [--days 365] [--horizon 28] [--workers 2] [--json]
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchResult, BenchTask } from './forecast-bench-worker.ts';

const { values: args } = parseArgs({
  options: {
    series: { type: 'string', default: '10000' },
    days: { type: 'string', default: '365' },
    horizon: { type: 'string', default: '28' },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    seed: { type: 'string', default: '20240601' },
    json: { type: 'boolean', default: false },
  },
});
const series = Number(args.series);
const workers = Math.max(1, Number(args.workers));
const base = { days: Number(args.days), horizon: Number(args.horizon), seed: Number(args.seed) };

function startWorker(task: BenchTask): { ready: Promise<void>; go: () => Promise<BenchResult> } {
  // Worker threads do not inherit tsx's loader on Node 20, so the worker is a tiny
  // script that loads the TypeScript entry through tsx's API.
  const entry = new URL('./forecast-bench-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(boot, { eval: true, workerData: task });
  let resolveDone: (r: BenchResult) => void = () => {};
  const done = new Promise<BenchResult>((resolve) => (resolveDone = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: { type: string; result?: BenchResult }) => {
      if (message.type === 'ready') resolve();
      if (message.type === 'done' && message.result) {
        resolveDone(message.result);
        void worker.terminate();
      }
    });
  });
  return { ready, go: () => (worker.postMessage('go'), done) };
}

const wallStart = performance.now();
const chunk = Math.ceil(series / workers);
const pool = Array.from({ length: workers }, (_, w) =>
  startWorker({ ...base, from: w * chunk, to: Math.min(series, (w + 1) * chunk) }),
);
await Promise.all(pool.map((p) => p.ready));
const forecastStart = performance.now();
const cpuStart = process.cpuUsage();
const results = await Promise.all(pool.map((p) => p.go()));
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
  workers,
  forecastWallMs: Math.round(forecastMs),
  totalWallMs: Math.round(totalMs),
  perSeriesMicros: Math.round(((forecastMs * 1000) / series) * workers),
  cpuMs: Math.round(cpuMs),
  cpuMicrosPerSeries: Math.round((cpuMs * 1000) / series),
  idleCoresEstimateMs: Math.round(cpuMs / workers),
  checksum: Math.round(results.reduce((a, r) => a + r.checksum, 0)),
  methods,
};
if (args.json) console.log(JSON.stringify(summary));
else {
  console.log(`${series} series × ${base.days} days → ${base.horizon}-day quantile forecasts on ${workers} worker(s)`);
  console.log(`forecast wall time: ${summary.forecastWallMs} ms (target < 1500 ms)`);
  console.log(`total incl. worker start-up and data generation: ${summary.totalWallMs} ms`);
  console.log(`CPU time (all threads): ${summary.cpuMs} ms = ${summary.cpuMicrosPerSeries} µs/series; ` +
    `on ${workers} otherwise idle core(s) ≈ ${summary.idleCoresEstimateMs} ms`);
  console.log(`methods: ${JSON.stringify(methods)}`);
}
