import { createHmac } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import pino from 'pino';
import { validateConfig } from '../../src/config/load-config.ts';
import { startWooCommerceSimulator } from '../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import { startGateway } from '../../src/server/start-gateway.ts';
import { openSubscribers, preciseNow } from './realtime-subscribers.ts';

export interface RealtimeScenarioOptions {
  readonly subscribers: number;
  readonly webhooks: number;
  /** Subscribers in a child process (the bench: the gateway's heap alone) or inline (tests). */
  readonly subscriberThread: boolean;
}

export interface RealtimeScenarioResult {
  readonly subscribers: number;
  readonly webhooks: number;
  /** Events received per webhook, by webhook (each should equal `subscribers`). */
  readonly received: readonly number[];
  /** Webhook POST sent → event received by a subscriber, ms, every pair. */
  readonly latenciesMs: readonly number[];
  /** Growth of the gateway's heap per idle subscription, bytes (after GC when exposed). */
  readonly heapPerSubscriptionBytes: number | null;
}

const SECRET = 'bench-webhook-secret';

/**
 * Webhook-to-subscriber latency: a WooCommerce simulator and a gateway in this process, N
 * graphql-ws subscribers, then signed `product.updated` deliveries one after another (the next
 * once every subscriber has the last), timed from the POST to each subscriber's receipt.
 */
export async function runRealtimeScenario(options: RealtimeScenarioOptions): Promise<RealtimeScenarioResult> {
  const woo = await startWooCommerceSimulator({ productCount: 60 });
  const config = validateConfig(
    {
      environment: 'development',
      vendors: [{ id: 'bench-woo', name: 'Bench Woo', platform: 'woocommerce', baseUrl: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret, webhookSecret: '${BENCH_WOO_SECRET}' }],
      store: { sqlitePath: ':memory:' },
    },
    { BENCH_WOO_SECRET: SECRET },
    'realtime bench',
  );
  const gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  const bus = gateway.services.realtime.bus as unknown as { listenerCount: number };
  const product = [...woo.catalog.products.values()].find((p) => p.type === 'simple' && p.manageStock)!;
  const wsUrl = `${gateway.url.replace('http://', 'ws://')}/graphql`;
  const arrivals = new Map<number, number[]>();
  const onEvent = (after: number, at: number) => {
    const times = arrivals.get(after) ?? [];
    times.push(at);
    arrivals.set(after, times);
  };
  const heapBefore = heapAfterGc();
  let child: ChildProcess | null = null;
  let inline: { close(): Promise<void> } | null = null;
  try {
    if (options.subscriberThread) {
      child = fork(new URL('./realtime-subscribers-process.ts', import.meta.url), [wsUrl, String(options.subscribers), 'bench-woo'], { execArgv: ['--import', 'tsx'] });
      child.on('message', (message: { after: number; times: number[] }) => message.times.forEach((at) => onEvent(message.after, at)));
    } else {
      inline = openSubscribers(wsUrl, options.subscribers, 'bench-woo', onEvent);
    }
    await until(() => bus.listenerCount >= options.subscribers + 1, 60_000, 'subscribers on the bus');
    const heapAfter = heapAfterGc();
    const latenciesMs: number[] = [];
    const received: number[] = [];
    for (let i = 0; i < options.webhooks; i++) {
      const after = 1000 + i;
      const body = JSON.stringify({ id: product.id, type: 'simple', sku: product.sku, manage_stock: true, stock_quantity: after, date_modified_gmt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString().slice(0, 19) });
      const sentAt = preciseNow();
      const response = await fetch(`${gateway.url}/webhooks/bench-woo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'product.updated', 'x-wc-webhook-delivery-id': `bench-${i}`, 'x-wc-webhook-signature': createHmac('sha256', SECRET).update(body).digest('base64') },
        body,
      });
      if (response.status !== 200) throw new Error(`webhook ${i} answered ${response.status}`);
      await response.arrayBuffer();
      await until(() => (arrivals.get(after)?.length ?? 0) >= options.subscribers, 10_000, `webhook ${i} at every subscriber`).catch(() => undefined);
      const times = arrivals.get(after) ?? [];
      received.push(times.length);
      latenciesMs.push(...times.map((at) => at - sentAt));
    }
    const heapPerSubscriptionBytes = heapBefore !== null && heapAfter !== null ? Math.round((heapAfter - heapBefore) / options.subscribers) : null;
    return { subscribers: options.subscribers, webhooks: options.webhooks, received, latenciesMs, heapPerSubscriptionBytes };
  } finally {
    if (child) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.send('close');
      await exited;
    }
    await inline?.close();
    await gateway.close();
    await woo.close();
  }
}

function heapAfterGc(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
