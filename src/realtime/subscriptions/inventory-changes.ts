import { mayUseVendor } from '../../auth/vendor-visibility.ts';
import type { RealtimeRequestContext } from '../realtime-request-context.ts';
import { ErrorCode } from '../../errors/error-code.ts';
import { badUserInput, GatewayError } from '../../errors/gateway-error.ts';
import type { InventoryChangeEvent } from '../inventory-event-bus.ts';
import { changeStream } from './change-stream.ts';
import { dropSlowSubscriber } from './subscriber-drop.ts';

export interface InventoryChangesFilter {
  readonly vendorId?: string | null;
  readonly skus?: readonly string[] | null;
}

const MAX_SKUS = 1000;

/**
 * `inventoryChanged(vendorId, skus)`: the bus's events this caller may see (vendor scope and
 * integration flags, checked per event so a vendor hidden later is hidden at once), narrowed to
 * one vendor and/or some SKUs. Role and `real_time_sync_enabled` were checked by the directives
 * before this runs.
 */
export function inventoryChanges(ctx: RealtimeRequestContext, filter: InventoryChangesFilter): AsyncIterableIterator<InventoryChangeEvent> {
  const { vendorId } = filter;
  if (vendorId && !mayUseVendor(ctx, vendorId)) {
    throw new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${vendorId}"`, { extensions: { field: 'vendorId' } });
  }
  if (filter.skus && filter.skus.length > MAX_SKUS) throw badUserInput(`"skus" lists ${filter.skus.length} SKUs; at most ${MAX_SKUS}`, 'skus');
  const skus = filter.skus ? new Set(filter.skus) : null;
  const endSkuInterest = skus ? ctx.services.realtime.publisher.watchSkus() : undefined;
  return changeStream(ctx.services.realtime.bus, {
    onEnd: endSkuInterest,
    bufferSize: ctx.services.config.realtime.subscriptionBufferSize,
    accept: (event) =>
      (!vendorId || event.vendorId === vendorId) && (!skus || (event.sku !== null && skus.has(event.sku))) && mayUseVendor(ctx, event.vendorId),
    onOverflow: () => {
      ctx.logger.warn({ bufferSize: ctx.services.config.realtime.subscriptionBufferSize }, 'subscriber dropped: it fell too far behind');
      dropSlowSubscriber(ctx);
    },
  });
}
