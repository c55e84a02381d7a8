import { fileURLToPath } from 'node:url';
import { extname } from 'node:path';
import { Pool } from 'undici';
import type { GatewayConfig } from '../src/config/config-schema.ts';
import { HostProcess } from './hosts/host-process.ts';
import { GATEWAY_NODE_FLAGS, PRODUCTION_ENV } from './production-runtime.ts';
import { replayPlan, type LoggedRequest } from './vendor-replay.ts';
import { VENDOR_POOL_CONNECTIONS } from '../src/vendors/http/vendor-http-client.ts';
import { percentile } from './load-run.ts';
import { wooCatalogBody } from './scenarios.ts';

/**
 * Where the gateway's own time goes on the headline page at low load (a diagnostic beside
 * `npm run bench`, not part of it): the simulators log when each upstream request arrived and was
 * answered, the client notes when each operation was sent and answered, so each gap of the
 * critical path is measured: client → list request, list answered → first variation request, a
 * lane's answer → its next request, last answer → client has the page. The same gaps are measured
 * for the replay (the same upstream requests sent directly, as the bench's replay sends them), so
 * the difference column is the gateway's own. Medians over `operations` requests one at a time.
 *
 *   npm run bench -- --help >/dev/null   # builds dist/ (tsc -p tsconfig.bench.json, then scripts/copy-build-assets.ts)
 *   node dist/bench/low-load-gaps.js [operations=100]
 *
 * GAPS_AB=<another build's dist/bench/hosts/gateway-host.js>: a second gateway, its requests
 * alternated with the first's (A/B on a machine whose load drifts); its medians in a second column.
 * GAPS_CPU_PROF=<dir>: a V8 CPU profile of the gateway (100 µs samples).
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const ext = extname(fileURLToPath(import.meta.url));
const operations = Number(process.argv[2] ?? 100);

interface Op {
  readonly sentAt: number;
  readonly doneAt: number;
}

interface ClockedLog extends LoggedRequest {
  readonly received: number;
  readonly answered: number;
}

const sandbox = HostProcess.start(here(`./hosts/sandbox-host${ext}`), { env: { ...PRODUCTION_ENV, BENCH_SIM_BASE_MS: '10', BENCH_SIM_JITTER_RANGE_MS: '20' } });
const profile = process.env.GAPS_CPU_PROF ? ['--cpu-prof', '--cpu-prof-interval', '100', `--cpu-prof-dir=${process.env.GAPS_CPU_PROF}`] : [];
const startGatewayHost = (modulePath: string, execArgv: readonly string[] = []) =>
  HostProcess.start(modulePath, { env: { ...PRODUCTION_ENV, BENCH_SERVER: 'gateway' }, execArgv: [...GATEWAY_NODE_FLAGS, ...execArgv] });
const gateway = startGatewayHost(here(`./hosts/gateway-host${ext}`), profile);
const other = process.env.GAPS_AB ? startGatewayHost(process.env.GAPS_AB) : null;
try {
  await sandbox.ready;
  await gateway.ready;
  const { config, simulators } = await sandbox.call<{ config: GatewayConfig; simulators: Record<string, string> }>('describe');
  const sandboxOrigin = await sandbox.call<number>('timeOrigin');
  const url = `${await gateway.call<string>('start', config)}/graphql`;
  await sandbox.call('replay', true);
  const woo = config.vendors.find((vendor) => vendor.platform === 'woocommerce');
  const body = wooCatalogBody(woo?.id ?? '');
  const client = new Pool(new URL(url).origin, { connections: 1 });
  if (other) await other.ready;
  const otherClient = other ? new Pool(new URL(await other.call<string>('start', config)).origin, { connections: 1 }) : null;
  const now = () => performance.timeOrigin + performance.now();
  const one = async (pool = client): Promise<Op> => {
    const sentAt = now();
    const response = await pool.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body });
    const text = await response.body.text();
    const doneAt = now();
    if (!text.startsWith('{"data"') || text.includes('"errors"')) throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
    return { sentAt, doneAt };
  };
  for (let index = 0; index < 100; index++) await one();
  if (otherClient) for (let index = 0; index < 100; index++) await one(otherClient);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await sandbox.call('clear');
  const gatewayOps: Op[] = [];
  const otherOps: Op[] = [];
  for (let index = 0; index < operations; index++) {
    gatewayOps.push(await one());
    if (otherClient) otherOps.push(await one(otherClient));
  }
  const gatewayLog = clocked(await sandbox.call<LoggedRequest[]>('log'), sandboxOrigin);
  await client.close();
  const firstOp = gatewayOps[0];
  const plan = replayPlan(gatewayLog.filter((entry) => firstOp && entry.received >= firstOp.sentAt && entry.received <= firstOp.doneAt), config.vendors, simulators);
  if (!plan) throw new Error('no upstream requests logged');
  const pools = new Map<string, Pool>();
  const poolOf = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) pools.set(origin, (pool = new Pool(origin, { connections: VENDOR_POOL_CONNECTIONS, keepAliveTimeout: 30_000, pipelining: 1 })));
    return pool;
  };
  const replayOne = async (): Promise<Op> => {
    const sentAt = now();
    for (const stage of plan.stages) {
      await Promise.all(stage.map(async (request) => (await poolOf(request.origin).request({ method: request.method as 'GET', path: request.path, headers: request.headers })).body.text()));
    }
    return { sentAt, doneAt: now() };
  };
  for (let index = 0; index < 100; index++) await replayOne();
  await sandbox.call('clear');
  const replayOps: Op[] = [];
  for (let index = 0; index < operations; index++) replayOps.push(await replayOne());
  const replayLog = clocked(await sandbox.call<LoggedRequest[]>('log'), sandboxOrigin);
  await Promise.all([...pools.values()].map((pool) => pool.close()));

  console.log(`${String(operations)} operations one at a time each; medians in ms (gateway | replay | difference)`);
  const g = gapsOf(gatewayOps, gatewayLog);
  const r = gapsOf(replayOps, replayLog);
  const o = otherClient ? gapsOf(otherOps, gatewayLog) : null;
  if (o) console.log('(second column: the GAPS_AB gateway, its requests alternated with the first)');
  for (const key of Object.keys(g) as Array<keyof Gaps>) {
    const gm = median(g[key]);
    const rm = median(r[key]);
    const om = o ? ` | ${median(o[key]).toFixed(2).padStart(7)}` : '';
    console.log(`${key.padEnd(34)} ${gm.toFixed(2).padStart(7)}${om} | ${rm.toFixed(2).padStart(7)} | ${(gm - rm).toFixed(2).padStart(6)}`);
  }
  await otherClient?.close();
} finally {
  await other?.stop();
  await gateway.stop();
  await sandbox.stop();
}

interface Gaps {
  total: number[];
  clientToList: number[];
  listServed: number[];
  listToFirstChild: number[];
  listToLastChildSent: number[];
  laneHandOff: number[];
  lastAnswerToClient: number[];
  upstreamSpan: number[];
}

function gapsOf(ops: readonly Op[], log: readonly ClockedLog[]): Gaps {
  const gaps: Gaps = { total: [], clientToList: [], listServed: [], listToFirstChild: [], listToLastChildSent: [], laneHandOff: [], lastAnswerToClient: [], upstreamSpan: [] };
  for (const op of ops) {
    const mine = log.filter((entry) => entry.received >= op.sentAt && entry.received <= op.doneAt).sort((a, b) => a.received - b.received);
    const [list, ...children] = mine;
    if (!list || children.length === 0) continue;
    gaps.total.push(op.doneAt - op.sentAt);
    gaps.clientToList.push(list.received - op.sentAt);
    gaps.listServed.push(list.answered - list.received);
    gaps.listToFirstChild.push((children[0]?.received ?? 0) - list.answered);
    gaps.listToLastChildSent.push(Math.max(...children.map((child) => child.received)) - list.answered);
    // Children beyond the pool's connections wait for a lane: each starts after some earlier child's answer.
    const answers = children.map((child) => child.answered).sort((a, b) => a - b);
    const queued = children.slice(VENDOR_POOL_CONNECTIONS);
    queued.forEach((child, index) => {
      const freedAt = answers[index];
      if (freedAt !== undefined && child.received > freedAt) gaps.laneHandOff.push(child.received - freedAt);
    });
    const lastAnswer = Math.max(...mine.map((entry) => entry.answered));
    gaps.lastAnswerToClient.push(op.doneAt - lastAnswer);
    gaps.upstreamSpan.push(lastAnswer - list.received);
  }
  return gaps;
}

function clocked(log: readonly LoggedRequest[], origin: number): ClockedLog[] {
  return log.map((entry) => ({ ...entry, received: origin + entry.receivedAt, answered: origin + entry.answeredAt }));
}

/** The median as the bench's p50 takes it (nearest rank), so the tool's totals compare with the report's. */
function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

