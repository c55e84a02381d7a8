import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { postGraphQL } from '../../support/graphql-client.ts';
import { loadAdminSchema2026_07 } from '../shopify/admin-schema-2026-07.ts';
import { WEBHOOK_SUBSCRIPTION_CREATE } from '../../../src/realtime/webhooks/shopify/shopify-webhook-documents.ts';
import { KEYS, startRealtimeRig, type RealtimeRig } from './realtime-harness.ts';

const REGISTER = `mutation Register($vendorId: ID!, $base: String) {
  registerWebhooks(vendorId: $vendorId, callbackBase: $base) { vendorId topic callbackUrl status subscriptionId message }
}`;

let rig: RealtimeRig;
beforeAll(async () => {
  rig = await startRealtimeRig();
});
afterAll(async () => rig.close());

const admin = { 'x-api-key': KEYS.admin };

describe('the Shopify registration document', () => {
  it('is valid against the Admin schema at the pinned version', () => {
    expect(validate(loadAdminSchema2026_07(), parse(WEBHOOK_SUBSCRIPTION_CREATE.document))).toEqual([]);
  });
});

describe('registerWebhooks', () => {
  it('subscribes the gateway at Shopify (webhookSubscriptionCreate) and WooCommerce (POST /webhooks), once', async () => {
    const shopify = await postGraphQL<{ registerWebhooks: Array<Record<string, unknown>> }>(rig.gateway.url, REGISTER, { vendorId: 't-shopify', base: rig.gateway.url }, admin);
    expect(shopify.errors).toBeUndefined();
    expect(shopify.data?.registerWebhooks).toEqual([
      expect.objectContaining({ topic: 'inventory_levels/update', status: 'CREATED', callbackUrl: `${rig.gateway.url}/webhooks/t-shopify` }),
      expect.objectContaining({ topic: 'products/update', status: 'CREATED' }),
    ]);
    const again = await postGraphQL<{ registerWebhooks: Array<Record<string, unknown>> }>(rig.gateway.url, REGISTER, { vendorId: 't-shopify', base: rig.gateway.url }, admin);
    expect(again.data?.registerWebhooks.map((r) => r.status)).toEqual(['ALREADY_REGISTERED', 'ALREADY_REGISTERED']);
    expect(rig.shopify.server.requestLog.filter((entry) => entry.operation === 'RegisterWebhookSubscription')).toHaveLength(4);

    const woo = await postGraphQL<{ registerWebhooks: Array<Record<string, unknown>> }>(rig.gateway.url, REGISTER, { vendorId: 't-woo', base: rig.gateway.url }, admin);
    expect(woo.data?.registerWebhooks).toEqual([expect.objectContaining({ topic: 'product.updated', status: 'CREATED', subscriptionId: expect.any(String) })]);
    expect(rig.woo.webhooks.sender.targets).toEqual([expect.objectContaining({ topic: 'product.updated', url: `${rig.gateway.url}/webhooks/t-woo` })]);
  });

  it('needs admin, and a vendor that can deliver webhooks', async () => {
    const viewer = await postGraphQL(rig.gateway.url, REGISTER, { vendorId: 't-woo', base: rig.gateway.url }, { 'x-api-key': KEYS.viewer });
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const magento = await postGraphQL(rig.gateway.url, REGISTER, { vendorId: 't-magento', base: rig.gateway.url }, admin);
    expect(magento.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'vendorId' });
  });
});

