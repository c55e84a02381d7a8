import type { Clock } from '../../../src/resilience/clock.ts';
import type { SimRequest, SimResponse, SimulatorHandler } from '../../../src/sandbox/simulator-server.ts';

export const GRAPHQL_PATH = '/admin/api/2026-07/graphql.json';

/**
 * A tiny Shopify-like GraphQL endpoint with a calculated-cost leaky bucket (the real Shopify
 * simulator lives elsewhere). A request names its cost in `variables.requestedCost`; the
 * bucket must hold it, else the answer is HTTP 200 with a THROTTLED error, as Shopify does.
 * Half the requested cost is actually spent; the rest is refunded. Every answer carries
 * `extensions.cost` in Shopify's shape.
 */
export class FakeCostBucket implements SimulatorHandler {
  throttled = 0;
  /** Lowest level the bucket ever had after charging a request (negative = overdrawn). */
  lowestLevel: number;
  private available: number;
  private updatedAt: number;
  private readonly maximum: number;
  private readonly restoreRate: number;
  private readonly clock: Clock;

  constructor(clock: Clock, maximum: number, restoreRate: number) {
    this.clock = clock;
    this.maximum = maximum;
    this.restoreRate = restoreRate;
    this.available = maximum;
    this.lowestLevel = maximum;
    this.updatedAt = clock.now();
  }

  handle(request: SimRequest): SimResponse {
    const requested = Number((request.body as { variables?: { requestedCost?: number } }).variables?.requestedCost ?? 1);
    const level = this.level();
    if (level < requested) {
      this.throttled += 1;
      return { status: 200, body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: this.cost(requested, null, level) } };
    }
    this.lowestLevel = Math.min(this.lowestLevel, level - requested);
    const actual = Math.ceil(requested / 2);
    this.available = level - actual;
    this.updatedAt = this.clock.now();
    return { status: 200, body: { data: { shop: { name: 'fake' } }, extensions: this.cost(requested, actual, this.available) } };
  }

  faultResponse(): SimResponse {
    return { status: 503, body: { errors: 'Service Unavailable' } };
  }

  describe(): string {
    return 'POST graphql';
  }

  private level(): number {
    return Math.min(this.maximum, this.available + (this.restoreRate * (this.clock.now() - this.updatedAt)) / 1000);
  }

  private cost(requested: number, actual: number | null, currentlyAvailable: number) {
    return {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: { maximumAvailable: this.maximum, currentlyAvailable, restoreRate: this.restoreRate },
      },
    };
  }
}
