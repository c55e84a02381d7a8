import autocannon from 'autocannon';

/** What one load run against one URL measured. */
export interface LoadResult {
  /** Complete answers per second over the run: 2xx responses without a GraphQL `errors` entry. */
  readonly requestsPerSecond: number;
  /** Responses that completed (any status). */
  readonly completed: number;
  readonly non2xx: number;
  /** 2xx responses whose body carried a GraphQL `errors` entry (partial or failed operations). */
  readonly withErrors: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly mean: number };
  readonly durationSeconds: number;
}

export interface LoadRequest {
  readonly url: string;
  readonly connections: number;
  /** Seconds of load, or... */
  readonly durationSeconds?: number;
  /** ...a fixed number of requests. */
  readonly amount?: number;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  /** Body of each request; called once per request sent. */
  readonly body?: () => string;
}

/**
 * autocannon at a fixed concurrency. Latency percentiles are computed from every response's own
 * time (autocannon's histogram has no p95), in milliseconds.
 */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const times: number[] = [];
  let withErrors = 0;
  const makeBody = request.body;
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon({
    url: request.url,
    connections: request.connections,
    ...(request.amount ? { amount: request.amount } : { duration: request.durationSeconds ?? 5 }),
    method: request.method ?? 'GET',
    headers: { ...request.headers },
    timeout: 30,
    requests: [
      {
        ...(makeBody ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: makeBody() }) } : {}),
        onResponse: (status: number, body: string) => {
          if (status < 300 && body.includes('"errors"')) withErrors += 1;
        },
      },
    ],
  }, (error, result) => finish(error as Error | null, result));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const result = await done;
  const duration = Math.max(result.duration, 1e-3);
  return {
    requestsPerSecond: (result['2xx'] - withErrors) / duration,
    completed: times.length,
    non2xx: result.non2xx,
    withErrors,
    errors: result.errors,
    latencyMs: summarizeLatencies(times),
    durationSeconds: result.duration,
  };
}

/** p50/p95/p99/mean of response times in ms (sorts `times` in place). */
export function summarizeLatencies(times: number[]): LoadResult['latencyMs'] {
  const sorted = times.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
  };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
