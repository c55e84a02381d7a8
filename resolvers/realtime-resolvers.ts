import { inventoryLevelsOf, productById } from '../src/catalog/product-lookup.ts';
import type { InventoryChangeEventResolvers, MutationResolvers, SubscriptionResolvers } from '../src/generated/resolvers-types.ts';
import { registerWebhooks } from '../src/realtime/registration/register-webhooks.ts';
import type { InventoryChangeEvent } from '../src/realtime/inventory-event-bus.ts';
import { inventoryChanges } from '../src/realtime/subscriptions/inventory-changes.ts';

export const realtimeSubscriptionResolvers: SubscriptionResolvers = {
  inventoryChanged: {
    subscribe: (_root, { vendorId, skus }, ctx) => inventoryChanges(ctx, { vendorId, skus }),
    resolve: (event: InventoryChangeEvent) => event,
  },
};

export const inventoryChangeEventResolvers: InventoryChangeEventResolvers = {
  product: (event, _args, ctx) => productById(ctx, event.productId),
  level: async (event, _args, ctx) => {
    const product = await productById(ctx, event.productId);
    if (!product) return null;
    return (await inventoryLevelsOf(ctx, product)).find((level) => level.locationId === event.locationId) ?? null;
  },
};

export const realtimeMutationResolvers: Pick<MutationResolvers, 'registerWebhooks'> = {
  registerWebhooks: (_root, { vendorId, callbackBase }, ctx) => registerWebhooks(ctx, vendorId, callbackBase ?? null),
};
