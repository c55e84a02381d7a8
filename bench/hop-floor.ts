import { Pool } from 'undici';
import { percentile } from './load-run.ts';

/** The trivial operation every GraphQL server answers without doing any work. */
export const TRIVIAL_BODY = JSON.stringify({ query: '{ __typename }' });
/** What `rawHopServer` answers, and what every measured server must answer to `TRIVIAL_BODY`. */
export const TRIVIAL_ANSWER = '{"data":{"__typename":"Query"}}';

export interface HopFloorTarget {
  readonly name: string;
  /** The server's origin; the request goes to `${origin}/graphql`. */
  readonly origin: string;
}

export interface HopFloorResult {
  /** Pause between a target's answer and its next request, ms: the idle time of a real page's upstream wait. */
  readonly pauseMs: number;
  /** Measured requests per target (after as many unmeasured). */
  readonly requests: number;
  readonly p50Ms: Readonly<Record<string, number>>;
  readonly p90Ms: Readonly<Record<string, number>>;
}

/**
 * The cost of one GraphQL-over-HTTP round trip that does no work: `{ __typename }` one request at
 * a time, with a pause before each like the idle wait of a real operation (on a VM whose cores
 * sleep when idle, the wake-ups are part of every hop at low load). Targets take turns request by
 * request, so drift in the machine's load hits them alike. Own ms at low load includes one such
 * hop (client → server → client); the replay it is measured against has none.
 */
export async function measureHopFloor(targets: readonly HopFloorTarget[], options: { readonly requests: number; readonly pauseMs: number }): Promise<HopFloorResult> {
  const pools = targets.map((target) => new Pool(target.origin, { connections: 1 }));
  const times = targets.map((): number[] => []);
  try {
    for (let round = 0; round < 2 * options.requests; round++) {
      for (const [index, pool] of pools.entries()) {
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
        const sentAt = performance.now();
        const response = await pool.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: TRIVIAL_BODY });
        const text = await response.body.text();
        const tookMs = performance.now() - sentAt;
        if (response.statusCode !== 200 || text.trim() !== TRIVIAL_ANSWER) throw new Error(`hop floor: ${targets[index]?.name ?? '?'} answered ${String(response.statusCode)} ${text.slice(0, 200)}`);
        // The first half warms up connections and code paths, unmeasured.
        if (round >= options.requests) times[index]?.push(tookMs);
      }
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
  const p50Ms: Record<string, number> = {};
  const p90Ms: Record<string, number> = {};
  for (const [index, target] of targets.entries()) {
    const sorted = [...(times[index] ?? [])].sort((a, b) => a - b);
    p50Ms[target.name] = percentile(sorted, 0.5);
    p90Ms[target.name] = percentile(sorted, 0.9);
  }
  return { pauseMs: options.pauseMs, requests: options.requests, p50Ms, p90Ms };
}
