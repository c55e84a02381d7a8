import type { Logger } from 'pino';
import { mayUseVendor } from '../auth/vendor-visibility.ts';
import { DEFAULT_PLANNING } from '../config/planning-config.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { SupplierConfig } from '../config/purchasing-config.ts';
import type { RequestContext } from '../context/request-context.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { badUserInput, GatewayError } from '../errors/gateway-error.ts';
import { sequenceCursor } from '../model/sequence-cursor.ts';
import { PurchaseOrderStatus, type PurchaseOrderFilter, type PurchaseOrderRecord, type PurchaseOrderStore } from '../store/purchase-order-record.ts';
import { KeyedMutex } from '../vendors/stock-writes/keyed-mutex.ts';
import { createPurchaseOrderDrafts, type CreateDraftsInput, type CreateDraftsPayload } from './purchase-order-drafts.ts';
import { PurchaseOrderDeliveries } from './purchase-order-deliveries.ts';
import { receivePurchaseOrder, type ReceiveInput, type ReceivePayload } from './purchase-order-receiving.ts';
import type { PurchasingRequestContext } from './purchasing-context.ts';

const DAY_MS = 86_400_000;
const cursors = sequenceCursor('purchase-order:', 'the purchase order list');
/** Orders read per store page while filling a scoped caller's page. */
const SCAN_BATCH = 50;

export interface PurchaseOrderConnectionResult {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: PurchaseOrderRecord }>;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly hasPreviousPage: boolean; readonly startCursor: string | null; readonly endCursor: string | null };
}

/**
 * Purchase orders from reorder suggestion to received stock (README "Purchasing"): drafts per
 * supplier, submit (and the signed webhook delivery), receive through the exactly-once stock path,
 * cancel. Roles and the `auto_reorder_enabled` flag are declared on the schema fields.
 */
export class PurchasingService {
  readonly deliveries: PurchaseOrderDeliveries;
  private readonly store: PurchaseOrderStore;
  private readonly config: GatewayConfig;
  private readonly receiving = new KeyedMutex();

  constructor(options: { config: GatewayConfig; store: PurchaseOrderStore; logger: Logger; now?: () => number }) {
    this.config = options.config;
    this.store = options.store;
    this.deliveries = new PurchaseOrderDeliveries({ store: options.store, config: options.config.purchasing, logger: options.logger.child({ component: 'purchasing' }), now: options.now ?? Date.now });
  }

  supplier(id: string): SupplierConfig | null {
    return this.config.suppliers.find((supplier) => supplier.id === id) ?? null;
  }

  createDrafts(ctx: PurchasingRequestContext, input: CreateDraftsInput): Promise<CreateDraftsPayload> {
    return createPurchaseOrderDrafts(ctx, input);
  }

  /** An order the caller may see (one of its vendors is in the caller's scope), else null. */
  async get(ctx: RequestContext, id: string): Promise<PurchaseOrderRecord | null> {
    const order = await this.store.getPurchaseOrder(id);
    return order && visible(ctx, order) ? order : null;
  }

  async page(ctx: RequestContext, args: { status: PurchaseOrderStatus | null; first: number; after: string | null }): Promise<PurchaseOrderConnectionResult> {
    const max = this.config.limits.maxPageSize;
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > max) throw badUserInput(`"first" must be between 1 and ${max}; got ${args.first}`, 'first');
    const orders = await this.visiblePage(ctx, { statuses: args.status ? [args.status] : null }, args.first, args.after ? cursors.decode(args.after) : null);
    const edges = orders.slice(0, args.first).map((node) => ({ cursor: cursors.encode(node.sequence), node }));
    return { edges, pageInfo: { hasNextPage: orders.length > args.first, hasPreviousPage: args.after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * Up to `first + 1` orders the caller may see, after `afterSequence`: the visibility filter runs
   * before the page is cut (reading further store pages while some were hidden), so a scoped
   * caller's page is full whenever more of its orders exist.
   */
  private async visiblePage(ctx: RequestContext, filter: PurchaseOrderFilter, first: number, afterSequence: number | null): Promise<PurchaseOrderRecord[]> {
    const found: PurchaseOrderRecord[] = [];
    let after = afterSequence;
    // The first read is the page itself (an unscoped caller needs no other); later ones read ahead.
    for (let size = first + 1; ; size = Math.max(first + 1 - found.length, SCAN_BATCH)) {
      const page = await this.store.listPurchaseOrders(filter, { first: size, afterSequence: after });
      for (const order of page.orders) {
        if (visible(ctx, order)) found.push(order);
        if (found.length > first) return found;
      }
      const last = page.orders.at(-1);
      if (!page.hasNextPage || !last) return found;
      after = last.sequence;
    }
  }

  /**
   * DRAFT → SUBMITTED, expected after the supplier's lead time (measured when there are enough
   * receipts), then the webhook delivery (its first attempt is in the answer, retries follow in
   * the background). Submitting a submitted order answers it as it is; a cancelled one is refused.
   */
  async submit(ctx: PurchasingRequestContext, id: string): Promise<PurchaseOrderRecord> {
    const order = await this.required(ctx, id);
    const lead = await ctx.services.demand.leadTimes.forSkus(order.lines.map((line) => line.sku), DEFAULT_PLANNING);
    const leadDays = Math.max(0, ...[...lead.values()].map((time) => time.leadTimeDays));
    const now = Date.now();
    const outcome = await this.store.transitionPurchaseOrder({ id, from: [PurchaseOrderStatus.DRAFT], to: PurchaseOrderStatus.SUBMITTED, now, expectedAt: now + Math.round(leadDays * DAY_MS) });
    if (outcome.kind === 'not-found') throw notFound(id);
    if (outcome.kind === 'refused') {
      if (outcome.order.status === PurchaseOrderStatus.CANCELLED) throw badUserInput(`id: purchase order ${id} is CANCELLED and cannot be submitted`, 'id');
      return outcome.order;
    }
    await this.deliveries.deliver(outcome.order, this.supplier(outcome.order.supplierId));
    return (await this.store.getPurchaseOrder(id)) ?? outcome.order;
  }

  /** DRAFT, SUBMITTED or PARTIALLY_RECEIVED → CANCELLED; cancelling a cancelled order answers it; a RECEIVED one is refused. */
  async cancel(ctx: RequestContext, id: string): Promise<PurchaseOrderRecord> {
    await this.required(ctx, id);
    const from = [PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SUBMITTED, PurchaseOrderStatus.PARTIALLY_RECEIVED];
    const outcome = await this.store.transitionPurchaseOrder({ id, from, to: PurchaseOrderStatus.CANCELLED, now: Date.now() });
    if (outcome.kind === 'not-found') throw notFound(id);
    if (outcome.kind === 'refused' && outcome.order.status !== PurchaseOrderStatus.CANCELLED) {
      throw badUserInput(`id: purchase order ${id} is ${outcome.order.status} and cannot be cancelled`, 'id');
    }
    return outcome.order;
  }

  async receive(ctx: PurchasingRequestContext, input: ReceiveInput): Promise<ReceivePayload> {
    await this.required(ctx, input.purchaseOrderId, 'purchaseOrderId');
    return this.receiving.runExclusive([input.purchaseOrderId], () => receivePurchaseOrder(ctx, input));
  }

  resumeDeliveries(): Promise<number> {
    return this.deliveries.resumePending((id) => this.supplier(id));
  }

  close(): Promise<void> {
    return this.deliveries.close();
  }

  private async required(ctx: RequestContext, id: string, field = 'id'): Promise<PurchaseOrderRecord> {
    const order = await this.get(ctx, id);
    if (!order) throw notFound(id, field);
    return order;
  }
}

function visible(ctx: RequestContext, order: PurchaseOrderRecord): boolean {
  return order.vendorIds.length === 0 || order.vendorIds.some((vendorId) => mayUseVendor(ctx, vendorId));
}

function notFound(id: string, field = 'id'): GatewayError {
  return new GatewayError(ErrorCode.NOT_FOUND, `No purchase order with id "${id}"`, { extensions: { field } });
}
