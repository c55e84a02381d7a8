import { API_PREFIX, MAX_BATCH, MAX_PAGE_SIZE } from './custom-sim-routes.ts';
import { MAX_ORDERS_PAGE } from './custom-sim-orders.ts';
import { DROPSHIP_WEBHOOK } from './custom-sim-webhooks.ts';

/**
 * The custom vendor config document demo mode uses for Dropship Co: the same shape a user writes
 * in stockgraph.config.yaml (before `${ENV_VAR}` interpolation). `url` is the simulator's origin;
 * the API key is referenced by environment variable name, never inlined. With
 * `webhookSecretEnvName` the vendor also declares its webhooks (see dropshipWebhookMapping).
 */
export function demoCustomVendorConfig(url: string, apiKeyEnvName: string, webhookSecretEnvName?: string) {
  const document = {
    id: 'dropship',
    name: 'Dropship Co',
    platform: 'custom' as const,
    baseUrl: `${url}${API_PREFIX}`,
    auth: { type: 'header', name: 'X-Api-Key', value: `\${${apiKeyEnvName}}` },
    mapping: {
      list: {
        path: '/products',
        itemsPath: 'data.items',
        pageSize: { param: 'limit', max: MAX_PAGE_SIZE },
        pagination: { style: 'cursor', cursorParam: 'cursor', nextCursorPath: 'data.next_cursor' },
        total: { path: 'data.total' },
        filters: { status: 'status', query: 'q', updatedSince: 'updated_since' },
      },
      lookup: {
        byIds: { mode: 'batch', path: '/products/batch', param: 'ids', separator: ',', maxPerRequest: MAX_BATCH, itemsPath: 'data' },
        bySkus: { mode: 'batch', path: '/products/batch', param: 'skus', separator: ',', maxPerRequest: MAX_BATCH, itemsPath: 'data' },
      },
      fields: {
        id: 'id',
        sku: 'sku',
        name: 'title',
        price: 'pricing.amount',
        currency: { path: 'pricing.currency' },
        cost: 'pricing.wholesale',
        barcode: 'upc',
        tracked: 'track_stock',
        updatedAt: 'updated_at',
        status: { path: 'status', map: { live: 'ACTIVE', draft: 'DRAFT', retired: 'ARCHIVED' } },
        inventory: {
          kind: 'locations',
          path: 'stock',
          locationId: 'warehouse.code',
          locationName: 'warehouse.name',
          available: 'available',
          onHand: 'on_hand',
          updatedAt: 'updated_at',
        },
      },
      locations: { path: '/warehouses', itemsPath: 'data', fields: { id: 'code', name: 'name', active: 'active' } },
      write: {
        method: 'PUT',
        path: '/products/{id}/stock/{locationId}',
        body: { quantity: '{quantity}' },
        mode: 'absolute',
      },
      orders: {
        path: '/orders',
        itemsPath: 'data.orders',
        sinceParam: 'created_from',
        untilParam: 'created_to',
        pageSize: { param: 'limit', max: MAX_ORDERS_PAGE },
        cursorParam: 'cursor',
        nextCursorPath: 'data.next_cursor',
        fields: {
          createdAt: 'created_at',
          lines: 'lines',
          sku: 'sku',
          quantity: 'qty',
          total: 'total',
          currency: 'currency',
          status: { path: 'status', exclude: ['cancelled', 'refunded'] },
        },
      },
      errorMessagePath: 'error.message',
    },
  };
  if (!webhookSecretEnvName) return document;
  return { ...document, webhookSecret: `\${${webhookSecretEnvName}}`, mapping: { ...document.mapping, webhook: dropshipWebhookMapping() } };
}

/** The `webhook` section of Dropship Co's mapping: how its simulator signs and shapes deliveries. */
export function dropshipWebhookMapping() {
  return {
    signature: { header: DROPSHIP_WEBHOOK.signatureHeader, scheme: 'hmac-sha256', encoding: 'hex', prefix: DROPSHIP_WEBHOOK.signaturePrefix },
    topicHeader: DROPSHIP_WEBHOOK.topicHeader,
    topics: [DROPSHIP_WEBHOOK.stockTopic],
    deliveryIdHeader: DROPSHIP_WEBHOOK.deliveryHeader,
    eventsPath: 'data',
    fields: { itemId: 'product_id', sku: 'sku', locationId: 'warehouse', available: 'available', updatedAt: 'updated_at' },
  };
}
