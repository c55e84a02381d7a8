import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamErrorClass } from '../errors/error-code.ts';
import type { UpstreamObserver } from './upstream-observer.ts';

/** Latency buckets in seconds: from a cache hit (ms) to a vendor at its deadline (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

/**
 * Every Prometheus metric the gateway exports, on its own registry (one per gateway instance,
 * so tests and several gateways in one process never share counters). Names follow Prometheus
 * conventions: `stockgraph_` prefix, base units, `_total` counters. Labels are bounded: vendor
 * ids come from config, operations are root field names from the schema, never raw queries or IDs.
 */
export class GatewayMetrics implements UpstreamObserver {
  readonly registry = new Registry();

  readonly operations = new Counter({
    name: 'stockgraph_graphql_operations_total',
    help: 'GraphQL operations by operation (type:first root field) and outcome (success, partial, error).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly operationDuration = new Histogram({
    name: 'stockgraph_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency from request parsed to response sent.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'stockgraph_graphql_errors_total',
    help: 'Errors in GraphQL responses by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly upstreamRequests = new Counter({
    name: 'stockgraph_upstream_requests_total',
    help: 'Upstream vendor HTTP attempts by vendor, operation and error class ("none" when it succeeded).',
    labelNames: ['vendor', 'operation', 'error_class'] as const,
    registers: [this.registry],
  });

  readonly upstreamDuration = new Histogram({
    name: 'stockgraph_upstream_request_duration_seconds',
    help: 'Upstream vendor HTTP attempt latency.',
    labelNames: ['vendor', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly retries = new Counter({
    name: 'stockgraph_upstream_retries_total',
    help: 'Upstream attempts that were retries of a failed attempt.',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  readonly vendorRefusals = new Counter({
    name: 'stockgraph_vendor_refusals_total',
    help: 'Calls the gateway refused to send, to protect a vendor: rate_budget (VENDOR_RATE_LIMITED), bulkhead_full or circuit_open (VENDOR_UNAVAILABLE)',
    labelNames: ['vendor', 'reason'] as const,
    registers: [this.registry],
  });

  readonly circuitState = new Gauge({
    name: 'stockgraph_vendor_circuit_state',
    help: 'Circuit breaker state per vendor: 1 for the current state (closed, half_open, open), 0 for the others.',
    labelNames: ['vendor', 'state'] as const,
    registers: [this.registry],
  });

  readonly rateBudgetRemaining: Gauge<'vendor'> = new Gauge({
    name: 'stockgraph_vendor_rate_budget_remaining_ratio',
    help: 'Share of the vendor rate budget left (Shopify cost bucket, request rate for others), 0..1.',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
    collect: () => {
      for (const { vendorId, remaining } of this.rateBudgetReader?.() ?? []) {
        if (remaining !== null) this.rateBudgetRemaining.set({ vendor: vendorId }, remaining);
      }
    },
  });

  readonly cacheRequests = new Counter({
    name: 'stockgraph_cache_requests_total',
    help: 'Read-cache lookups by cache and result (hit, miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  readonly flagEvaluations = new Counter({
    name: 'stockgraph_flag_evaluations_total',
    help: 'Feature flag evaluations by flag and resulting value (on, off).',
    labelNames: ['flag', 'value'] as const,
    registers: [this.registry],
  });

  readonly flagReloads = new Counter({
    name: 'stockgraph_flag_definition_changes_total',
    help: 'Times the feature flag definitions changed (file edit or GrowthBook refresh with new content).',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'stockgraph_' });
  }

  onAttempt(event: { vendorId: string; operation: string; ms: number; status: number | null; errorClass: UpstreamErrorClass | null }): void {
    this.upstreamRequests.inc({ vendor: event.vendorId, operation: event.operation, error_class: event.errorClass ?? 'none' });
    this.upstreamDuration.observe({ vendor: event.vendorId, operation: event.operation }, event.ms / 1000);
  }

  /** Reads each vendor's rate budget at scrape time (a collect callback, no timers). */
  observeRateBudgets(read: () => ReadonlyArray<{ vendorId: string; remaining: number | null }>): void {
    this.rateBudgetReader = read;
  }

  private rateBudgetReader: (() => ReadonlyArray<{ vendorId: string; remaining: number | null }>) | undefined;

  setCircuitState(vendorId: string, state: 'closed' | 'half_open' | 'open'): void {
    for (const candidate of ['closed', 'half_open', 'open'] as const) {
      this.circuitState.set({ vendor: vendorId, state: candidate }, candidate === state ? 1 : 0);
    }
  }
}
