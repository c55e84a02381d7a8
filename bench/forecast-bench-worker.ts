import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '../src/forecast/seeded-random.ts';
import { forecastSeries } from '../src/forecast/index.ts';
import { syntheticDailySeries } from '../test/fixtures/forecast/synthetic-daily-retail.ts';

export interface BenchTask {
  readonly from: number;
  readonly to: number;
  readonly days: number;
  readonly horizon: number;
  readonly seed: number;
}

export interface BenchResult {
  readonly count: number;
  readonly computeMs: number;
  readonly methods: Record<string, number>;
  /** Sum of all 90% quantiles: proves the work was done and makes runs comparable. */
  readonly checksum: number;
}

/** Series i is generated from seed + i, so any split over workers yields the same data. */
function generate(task: BenchTask): number[][] {
  const out: number[][] = [];
  for (let i = task.from; i < task.to; i++) out.push(syntheticDailySeries(seededRandom(task.seed + i), task.days));
  return out;
}

export function forecastAll(series: readonly number[][], horizon: number): BenchResult {
  const started = performance.now();
  const methods: Record<string, number> = {};
  let checksum = 0;
  for (const values of series) {
    const result = forecastSeries(values, { horizon, seasonPeriod: 7 });
    methods[result.method] = (methods[result.method] ?? 0) + 1;
    for (const q of result.quantiles['0.9'] ?? []) checksum += q;
  }
  return { count: series.length, computeMs: performance.now() - started, methods, checksum };
}

/** Wall-clock time comparable across threads (each thread's performance.now() has its own origin). */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export interface ReadyMessage {
  readonly type: 'ready';
  /** When the worker's modules had loaded (start-up: thread, tsx loader, transpiling). */
  readonly loadedAt: number;
  /** When its share of the data had been generated. */
  readonly generatedAt: number;
}

// Protocol: generate, say 'ready', wait for 'go' so the timed part excludes start-up and data generation.
if (parentPort && workerData) {
  const loadedAt = epochMs();
  const task = workerData as BenchTask;
  const series = generate(task);
  const ready: ReadyMessage = { type: 'ready', loadedAt, generatedAt: epochMs() };
  parentPort.postMessage(ready);
  parentPort.once('message', () => parentPort?.postMessage({ type: 'done', result: forecastAll(series, task.horizon) }));
}

export { generate };
