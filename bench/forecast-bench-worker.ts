import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '../src/forecast/seeded-random.ts';
import { forecastSeries, type RawValue } from '../src/forecast/index.ts';
import type { PooledRegression } from '../src/forecast/global/pooled-regression.ts';
import type { RidgeSums } from '../src/forecast/global/ridge.ts';
import { globalShare } from '../src/forecast/cli/global-training.ts';
import { syntheticDailySeries } from '../test/fixtures/forecast/synthetic-daily-retail.ts';
import { retailPromoSeries } from '../test/fixtures/forecast/retail-promo-simulator.ts';

/**
 * - `retail` (default): the project's retail simulator (smooth and intermittent SKUs,
 *   announced promotions with a discounted price, stock-outs), forecast as issue 19 asks:
 *   `promo` and `price` as known-future regressors, a day without stock as a missing
 *   (censored) value, and a global model trained across all series.
 * - `synthetic`: the plain synthetic daily set without regressors (earlier benchmark runs).
 */
export type BenchData = 'retail' | 'synthetic';

export interface BenchTask {
  /** This thread's share of the global model's training (and, without --static-split, of nothing else). */
  readonly from: number;
  readonly to: number;
  /** All series: with a shared claim counter every thread holds them all and takes chunks as it goes. */
  readonly total: number;
  /** Int32Array over a SharedArrayBuffer: the next unclaimed series (absent: forecast from..to). */
  readonly claim?: SharedArrayBuffer;
  readonly days: number;
  readonly horizon: number;
  readonly seed: number;
  readonly data: BenchData;
}

export interface BenchSeries {
  readonly values: RawValue[];
  /** History days followed by the forecast days (known in advance). */
  readonly regressors?: Record<string, number[]>;
}

export interface BenchResult {
  readonly count: number;
  readonly computeMs: number;
  readonly methods: Record<string, number>;
  /** Sum of all 90% quantiles: proves the work was done and makes runs comparable. */
  readonly checksum: number;
  /** [first series of a chunk, its checksum] for every chunk this thread forecast (summed in order by the caller). */
  readonly chunkChecksums: ReadonlyArray<readonly [number, number]>;
}

/** Series per claim: small enough to even out the threads' finish, large enough that claiming costs nothing. */
export const CLAIM_CHUNK = 50;

function retailSeries(rand: () => number, days: number, horizon: number): BenchSeries {
  const rows = retailPromoSeries(rand, days + horizon);
  const history = rows.slice(0, days);
  return {
    values: history.map((r) => (r.stock > 0 ? r.value : null)),
    regressors: { promo: rows.map((r) => r.promo), price: rows.map((r) => r.price) },
  };
}

/** Series i is generated from seed + i, so any split over workers yields the same data. */
function generate(task: BenchTask): BenchSeries[] {
  const out: BenchSeries[] = [];
  for (let i = task.from; i < task.to; i++) {
    const rand = seededRandom(task.seed + i);
    out.push(task.data === 'retail' ? retailSeries(rand, task.days, task.horizon) : { values: syntheticDailySeries(rand, task.days) });
  }
  return out;
}

function forecastOne(s: BenchSeries, horizon: number, methods: Record<string, number>, globalModel?: PooledRegression): number {
  const result = forecastSeries(s.values, {
    horizon,
    seasonPeriod: 7,
    ...(s.regressors ? { regressors: s.regressors } : {}),
    ...(globalModel ? { globalModel } : {}),
  });
  methods[result.method] = (methods[result.method] ?? 0) + 1;
  let checksum = 0;
  for (const q of result.quantiles['0.9'] ?? []) checksum += q;
  return checksum;
}

/** Forecasts every given series. */
export function forecastAll(series: readonly BenchSeries[], horizon: number, globalModel?: PooledRegression): BenchResult {
  const started = performance.now();
  const methods: Record<string, number> = {};
  let checksum = 0;
  for (const s of series) checksum += forecastOne(s, horizon, methods, globalModel);
  return { count: series.length, computeMs: performance.now() - started, methods, checksum, chunkChecksums: [[0, checksum]] };
}

/**
 * Forecasts chunks of CLAIM_CHUNK series claimed from the shared counter until none are left:
 * the threads finish together whatever each one's speed (a fixed half each left one thread
 * waiting up to 10% of the time on a shared machine). `series` holds all of them.
 */
export function forecastClaimed(series: readonly BenchSeries[], horizon: number, claim: SharedArrayBuffer, globalModel?: PooledRegression): BenchResult {
  const started = performance.now();
  const next = new Int32Array(claim);
  const methods: Record<string, number> = {};
  const chunkChecksums: Array<readonly [number, number]> = [];
  let count = 0;
  let checksum = 0;
  for (let first = Atomics.add(next, 0, CLAIM_CHUNK); first < series.length; first = Atomics.add(next, 0, CLAIM_CHUNK)) {
    let sum = 0;
    const end = Math.min(series.length, first + CLAIM_CHUNK);
    for (let i = first; i < end; i++) sum += forecastOne(series[i]!, horizon, methods, globalModel);
    chunkChecksums.push([first, sum]);
    count += end - first;
    checksum += sum;
  }
  return { count, computeMs: performance.now() - started, methods, checksum, chunkChecksums };
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

export const REGRESSORS = ['promo', 'price'];

/** This thread's share of the global model's training: the normal-equation sums of its series. */
export function trainShare(series: readonly BenchSeries[], horizon: number): RidgeSums {
  return globalShare(series.map((s) => ({ values: s.values, columns: s.regressors ?? {} })), horizon, 7, REGRESSORS);
}

/**
 * Series that are not among the benchmark's: generated from another seed range, forecast
 * before the timed section when --warm-up asks for it (a running gateway has compiled the
 * engine already; a fresh process has not).
 */
export function warmUpSeries(task: BenchTask, count: number): BenchSeries[] {
  return generate({ ...task, seed: task.seed + 1_000_000_000, from: 0, to: count, total: count });
}

/** 'train': send this share's training sums; 'warm': forecast warm-up series, untimed; 'go': forecast (with the global model, if any). */
export type WorkerCommand =
  | { readonly type: 'train' }
  | { readonly type: 'warm'; readonly count: number; readonly globalModel?: PooledRegression }
  | { readonly type: 'go'; readonly globalModel?: PooledRegression };

// Protocol: generate, say 'ready', then train and forecast on command, so the timed parts exclude start-up and data generation.
if (parentPort && workerData) {
  const loadedAt = epochMs();
  const task = workerData as BenchTask;
  const series = generate(task.claim ? { ...task, from: 0, to: task.total } : task);
  const ready: ReadyMessage = { type: 'ready', loadedAt, generatedAt: epochMs() };
  parentPort.postMessage(ready);
  parentPort.on('message', (command: WorkerCommand) => {
    if (command.type === 'train') parentPort?.postMessage({ type: 'trained', sums: trainShare(task.claim ? series.slice(task.from, task.to) : series, task.horizon) });
    else if (command.type === 'warm') {
      forecastAll(warmUpSeries(task, command.count), task.horizon, command.globalModel);
      parentPort?.postMessage({ type: 'warmed' });
    } else {
      const result = task.claim ? forecastClaimed(series, task.horizon, task.claim, command.globalModel) : forecastAll(series, task.horizon, command.globalModel);
      parentPort?.postMessage({ type: 'done', result });
    }
  });
}

export { generate };
