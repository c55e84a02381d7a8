import { parseArgs } from 'node:util';
import { machineInfo } from './machine-info.ts';
import { runRealtimeScenario } from './realtime/realtime-scenario.ts';

/**
 * `npm run bench:realtime`: webhook-to-subscriber latency with N open subscriptions (default
 * 1,000; target p99 ≤ 200 ms) and the gateway's heap per idle subscription (the subscribers run in
 * a worker thread, so their own memory is not counted; needs --expose-gc, which the script sets).
 */
const { values } = parseArgs({ options: { subscribers: { type: 'string' }, webhooks: { type: 'string' } } });
const subscribers = Number(values.subscribers ?? 1000);
const webhooks = Number(values.webhooks ?? 30);
const result = await runRealtimeScenario({ subscribers, webhooks, subscriberThread: true });
const sorted = [...result.latenciesMs].sort((a, b) => a - b);
const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const delivered = result.received.reduce((sum, n) => sum + n, 0);
console.log(JSON.stringify({ machine: machineInfo(), subscribers, webhooks, delivered, expected: subscribers * webhooks }, null, 2));
console.log(`webhook → subscriber latency over ${sorted.length} deliveries: p50 ${quantile(0.5).toFixed(1)} ms, p95 ${quantile(0.95).toFixed(1)} ms, p99 ${quantile(0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms (target p99 ≤ 200 ms)`);
console.log(`gateway heap per idle subscription: ${result.heapPerSubscriptionBytes === null ? 'n/a (run with --expose-gc)' : `${(result.heapPerSubscriptionBytes / 1024).toFixed(1)} KiB`}`);
process.exit(delivered === subscribers * webhooks ? 0 : 1);
