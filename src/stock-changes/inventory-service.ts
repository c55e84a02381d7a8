import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { SharedLeases } from '../scaleout/shared-leases.ts';
import type { StateStore } from '../store/state-store.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import { scheduleIdempotencyPurge, type PurgeJob } from './idempotency-purge.ts';
import type { InventoryMutationInput } from './inventory-mutation-input.ts';
import { InventoryMutations } from './inventory-mutations.ts';
import type { InventoryChangesPayload } from './inventory-payload.ts';
import { StockChangeNotifier } from './stock-change-listener.ts';

const HOUR_MS = 3_600_000;

export interface InventoryServiceDeps {
  readonly config: GatewayConfig;
  readonly registry: VendorRegistry;
  readonly store: StateStore;
  readonly logger: Logger;
  /** Leases shared with other instances (Redis); absent for one process. */
  readonly leases?: SharedLeases | null;
  readonly now?: () => number;
}

/** The inventory write side: exactly-once mutations and the stock-change fan-out (sync jobs: src/sync). */
export class InventoryService {
  /** Subscribe here to hear which products' stock changed (read cache, subscriptions). */
  readonly stockChanges: StockChangeNotifier;
  private readonly mutations: InventoryMutations;
  private readonly logger: Logger;

  constructor(deps: InventoryServiceDeps) {
    this.logger = deps.logger.child({ component: 'inventory' });
    this.stockChanges = new StockChangeNotifier(this.logger);
    this.mutations = new InventoryMutations({
      store: deps.store,
      listener: this.stockChanges,
      logger: this.logger,
      ttlMs: deps.config.store.idempotencyTtlHours * HOUR_MS,
      // A run's vendor writes end by the deadline, the lease a little later (store.idempotencyLeaseMarginMs).
      leaseMs: deps.config.limits.requestTimeoutMs + deps.config.store.idempotencyLeaseMarginMs,
      leases: deps.leases ?? null,
      ...(deps.now ? { now: deps.now } : {}),
    });
  }

  setQuantities(ctx: RequestContext, input: InventoryMutationInput): Promise<InventoryChangesPayload> {
    return this.mutations.apply(ctx, 'set', input);
  }

  adjustQuantities(ctx: RequestContext, input: InventoryMutationInput): Promise<InventoryChangesPayload> {
    return this.mutations.apply(ctx, 'adjust', input);
  }

  /** Purges expired idempotency records now and every hour; stop it at shutdown. */
  startPurgeJob(intervalMs = HOUR_MS): PurgeJob {
    return scheduleIdempotencyPurge(() => this.mutations.purgeExpired(), { intervalMs, logger: this.logger });
  }
}
