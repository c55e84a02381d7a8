import { parseArgs } from 'node:util';
import pino from 'pino';
import { validateConfig } from '../src/config/load-config.ts';
import type { ResilienceConfig } from '../src/config/resilience-config.ts';
import { SeededRandom } from '../src/sandbox/seeded-random.ts';
import { startDemoSandbox } from '../src/sandbox/start-demo-sandbox.ts';
import { startGateway } from '../src/server/start-gateway.ts';
import { postGraphQL } from '../test/support/graphql-client.ts';
import { machineInfo } from './machine-info.ts';

/**
 * `npm run bench:breaker`: the exactly-once workload of test/integration/exactly-once under the
 * fault mix of issue #21.4 (20% of answers lost after the vendor applied the write, 10% 503s: a
 * vendor failing 30% of its requests), once with the old breaker (5 consecutive failures, one
 * probe) and once with the current defaults (50% of >= 20 calls in 30 s, or 10 in a row; 3
 * probes). Clients retry each adjustment with its key, backing off, for up to --retry-seconds.
 * Reported per breaker: attempts answered FAILED VENDOR_UNAVAILABLE (circuit open) and
 * adjustments still FAILED VENDOR_UNAVAILABLE when the client gave up, as shares.
 */
const { values } = parseArgs({
  options: {
    mutations: { type: 'string' },
    concurrency: { type: 'string' },
    'retry-seconds': { type: 'string' },
    breakers: { type: 'string' },
  },
});
const MUTATIONS = Number(values.mutations ?? 400);
const CONCURRENCY = Number(values.concurrency ?? 25);
const RETRY_MS = Number(values['retry-seconds'] ?? 25) * 1000;
const FAULTS = { timeoutAfterApplyRate: 0.2, errorRate: 0.1, seed: 21 };

const BREAKERS: Record<string, ResilienceConfig['breaker']> = {
  'old (5 in a row, 1 probe)': { mode: 'consecutive', threshold: 5, halfOpenProbes: 1 },
  'new (defaults)': {},
};

const ADJUST = `mutation($input: AdjustInventoryQuantitiesInput!) {
  adjustInventoryQuantities(input: $input) { results { status error { code } } }
}`;

interface Tally {
  attempts: number;
  unavailableAttempts: number;
  finalUnavailable: number;
  finalOther: Record<string, number>;
  applied: number;
  wallMs: number;
}

async function run(breaker: ResilienceConfig['breaker']): Promise<Tally> {
  const sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
  const base = sandbox.config;
  const config = validateConfig(
    {
      environment: base.environment,
      vendors: base.vendors.map((vendor) => ({ ...vendor, resilience: { timeoutMs: 1_500, rateLimit: null, breaker } })),
      limits: { ...base.limits, requestTimeoutMs: 8_000 },
      store: { sqlitePath: ':memory:' },
    },
    {},
    'breaker bench',
    true,
  );
  const gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  try {
    const items: Array<{ productId: string; locationId: string }> = [];
    for (const vendorId of Object.keys(sandbox.servers)) {
      const response = await postGraphQL<{ products: { nodes: Array<{ id: string; inventoryTracked: boolean; inventoryLevels: Array<{ locationId: string }> }> } }>(
        gateway.url,
        'query($v: ID!) { products(vendorId: $v, first: 60) { nodes { id inventoryTracked inventoryLevels { locationId } } } }',
        { v: vendorId },
      );
      const tracked = response.data!.products.nodes.filter((node) => node.inventoryTracked && node.inventoryLevels.length > 0);
      for (const node of tracked.slice(0, 5)) items.push({ productId: node.id, locationId: node.inventoryLevels[0]!.locationId });
    }
    for (const server of Object.values(sandbox.servers)) server.setFaults(FAULTS);
    const random = new SeededRandom(7);
    const tally: Tally = { attempts: 0, unavailableAttempts: 0, finalUnavailable: 0, finalOther: {}, applied: 0, wallMs: 0 };
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < MUTATIONS) {
        const index = next++;
        const item = items[index % items.length]!;
        const input = { idempotencyKey: `bench-${index}`, reason: 'bench', changes: [{ ...item, delta: random.int(1, 3) }] };
        const giveUpAt = performance.now() + RETRY_MS;
        for (let attempt = 1; ; attempt += 1) {
          const response = await postGraphQL<{ adjustInventoryQuantities: { results: Array<{ status: string; error?: { code: string } | null }> } }>(gateway.url, ADJUST, { input });
          tally.attempts += 1;
          const result = response.data?.adjustInventoryQuantities?.results[0];
          const code = result?.error?.code ?? (response.errors?.[0]?.extensions?.code as string | undefined) ?? 'NONE';
          if (code === 'VENDOR_UNAVAILABLE') tally.unavailableAttempts += 1;
          if (result?.status === 'APPLIED' || code === 'VENDOR_OUTCOME_UNKNOWN') {
            if (result?.status === 'APPLIED') tally.applied += 1;
            else tally.finalOther[code] = (tally.finalOther[code] ?? 0) + 1;
            break;
          }
          if (performance.now() >= giveUpAt) {
            if (code === 'VENDOR_UNAVAILABLE') tally.finalUnavailable += 1;
            else tally.finalOther[code] = (tally.finalOther[code] ?? 0) + 1;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * attempt)));
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    tally.wallMs = performance.now() - started;
    return tally;
  } finally {
    await gateway.close();
    await sandbox.close();
  }
}

const chosen = values.breakers ? values.breakers.split(',') : Object.keys(BREAKERS);
console.log(`breaker bench: ${MUTATIONS} adjustments, ${CONCURRENCY} clients, faults ${JSON.stringify(FAULTS)}, clients retry ${RETRY_MS / 1000} s; ${JSON.stringify(machineInfo())}`);
console.log('| breaker | attempts | attempts FAILED VENDOR_UNAVAILABLE | adjustments still FAILED VENDOR_UNAVAILABLE after retrying | other unsettled | wall s |');
console.log('|---|---:|---:|---:|---|---:|');
for (const name of chosen) {
  const key = Object.keys(BREAKERS).find((candidate) => candidate.startsWith(name)) ?? name;
  const tally = await run(BREAKERS[key]);
  const pct = (part: number, whole: number) => `${part} (${((100 * part) / whole).toFixed(1)}%)`;
  console.log(
    `| ${key} | ${tally.attempts} | ${pct(tally.unavailableAttempts, tally.attempts)} | ${pct(tally.finalUnavailable, MUTATIONS)} | ${JSON.stringify(tally.finalOther)} | ${(tally.wallMs / 1000).toFixed(0)} |`,
  );
}
