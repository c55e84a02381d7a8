import { z } from 'zod';
import { SeededRandom } from './seeded-random.ts';

/**
 * Faults a simulator injects, each a probability per request (0..1) unless noted.
 * Switchable per test (`simulator.setFaults`) and in demo mode (POST /__sandbox/faults).
 */
export const faultConfigSchema = z
  .object({
    /** Added latency in ms before answering, plus uniform jitter in [0, latencyJitterMs]. */
    latencyMs: z.number().min(0).default(0),
    latencyJitterMs: z.number().min(0).default(0),
    /** Answer a 5xx with the vendor's real error body. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Answer 429 (REST) or THROTTLED (Shopify). */
    throttleRate: z.number().min(0).max(1).default(0),
    /** Never answer (the connection stays open until the client gives up). */
    timeoutRate: z.number().min(0).max(1).default(0),
    /** Apply the request, then never answer: the outcome is unknown to the client. */
    timeoutAfterApplyRate: z.number().min(0).max(1).default(0),
    /** Destroy the socket without an answer. */
    resetRate: z.number().min(0).max(1).default(0),
    /** Answer 200 with a body that is not valid JSON / not the vendor's shape. */
    malformedRate: z.number().min(0).max(1).default(0),
    /** Restrict faults to requests whose path contains this text (e.g. "/graphql.json"). */
    pathIncludes: z.string().optional(),
    /** Seed for fault decisions so runs are repeatable. */
    seed: z.number().int().default(1),
  })
  .strict();

export type FaultConfig = z.infer<typeof faultConfigSchema>;
export type FaultSettings = z.input<typeof faultConfigSchema>;

export const FaultKind = {
  NONE: 'none',
  ERROR: 'error',
  THROTTLE: 'throttle',
  TIMEOUT: 'timeout',
  TIMEOUT_AFTER_APPLY: 'timeout_after_apply',
  RESET: 'reset',
  MALFORMED: 'malformed',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

/** Decides, per request, which fault (if any) to inject. */
export class FaultPlan {
  readonly config: FaultConfig;
  private readonly random: SeededRandom;

  constructor(settings: FaultSettings = {}) {
    this.config = faultConfigSchema.parse(settings);
    this.random = new SeededRandom(this.config.seed);
  }

  decide(path: string): FaultKind {
    const c = this.config;
    if (c.pathIncludes && !path.includes(c.pathIncludes)) return FaultKind.NONE;
    const roll = this.random.next();
    let edge = 0;
    const table: Array<[number, FaultKind]> = [
      [c.resetRate, FaultKind.RESET],
      [c.timeoutRate, FaultKind.TIMEOUT],
      [c.timeoutAfterApplyRate, FaultKind.TIMEOUT_AFTER_APPLY],
      [c.errorRate, FaultKind.ERROR],
      [c.throttleRate, FaultKind.THROTTLE],
      [c.malformedRate, FaultKind.MALFORMED],
    ];
    for (const [rate, kind] of table) {
      edge += rate;
      if (roll < edge) return kind;
    }
    return FaultKind.NONE;
  }

  latency(): number {
    const c = this.config;
    return c.latencyMs + (c.latencyJitterMs > 0 ? this.random.next() * c.latencyJitterMs : 0);
  }
}
