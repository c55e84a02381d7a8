import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';
import { CHANGES, eventually, subscribeWs } from './realtime-harness.ts';

let demo: DemoGateway;
beforeAll(async () => {
  demo = await startDemoGateway();
});
afterAll(async () => demo?.close());

describe('demo mode: Dropship Co (the custom vendor) delivers its stock changes as webhooks', () => {
  it('a demo sale at dropship reaches an inventoryChanged subscriber as a WEBHOOK event', async () => {
    // Demo mode configures no API keys (development): a subscriber needs no credentials.
    const sub = subscribeWs(`${demo.url.replace('http://', 'ws://')}/graphql`, CHANGES, { vendorId: 'dropship' }, {});
    const bus = demo.gateway.services.realtime.bus as unknown as { listenerCount: number };
    await eventually(() => expect(bus.listenerCount).toBe(2));
    await demo.sandbox.goLive(demo.url, (vendorId, base) => demo.gateway.services.realtime.registrar.register(vendorId, base), { everyMs: 20 });
    await eventually(() => expect(sub.events.length).toBeGreaterThan(0));
    expect(sub.errors).toEqual([]);
    expect(sub.events[0]).toMatchObject({ vendorId: 'dropship', source: 'WEBHOOK', before: null });
    expect(typeof sub.events[0]?.after).toBe('number');
    sub.stop();
  });
});
