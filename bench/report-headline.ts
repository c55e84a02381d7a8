import type { BenchResults, ScenarioResult } from './bench-results.ts';
import { HEADLINE_SCENARIO } from './scenarios.ts';

/** Issue #18's goals for the headline scenario. */
export const HEADLINE_TARGETS = { rpsVsApollo: 1.5, p99VsDirect: 2.5, ownMsAtLowLoad: 2, peakRssMiB: 250 } as const;

const n = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/** The headline's ratios, all measured in one run (null where a server did not run). */
export interface HeadlineRatios {
  readonly rpsVsApollo: number | null;
  readonly p99VsDirect: number | null;
  readonly p99VsApollo: number | null;
  /** Gateway p50 one at a time minus its replayed upstream p50, ms. */
  readonly ownMsAtLowLoad: number | null;
  /** The same for the hand-written Apollo baseline (its one list call replayed): the reference. */
  readonly apolloOwnMsAtLowLoad: number | null;
  /** The gateway's CPU time per operation one at a time (process.cpuUsage delta / operations), ms. */
  readonly ownCpuMsAtLowLoad: number | null;
  readonly gatewayPeakRssMiB: number | null;
}

export function headlineOf(results: BenchResults): ScenarioResult | undefined {
  return results.scenarios.find((scenario) => scenario.name === HEADLINE_SCENARIO && !scenario.skipped);
}

export function headlineRatios(results: BenchResults): HeadlineRatios | null {
  const headline = headlineOf(results);
  const gateway = headline?.servers.gateway;
  if (!headline || !gateway) return null;
  const apollo = headline.servers.apollo;
  const direct = results.direct?.result;
  const g = gateway.load.result;
  return {
    rpsVsApollo: apollo ? g.requestsPerSecond / apollo.load.result.requestsPerSecond : null,
    p99VsDirect: direct ? g.latencyMs.p99 / direct.latencyMs.p99 : null,
    p99VsApollo: apollo ? g.latencyMs.p99 / apollo.load.result.latencyMs.p99 : null,
    ownMsAtLowLoad: gateway.replay ? gateway.lowLoad.result.latencyMs.p50 - gateway.replay.lowLoad.latencyMs.p50 : null,
    apolloOwnMsAtLowLoad: apollo?.replay ? apollo.lowLoad.result.latencyMs.p50 - apollo.replay.lowLoad.latencyMs.p50 : null,
    ownCpuMsAtLowLoad: Number.isFinite(gateway.lowLoad.cpuMsPerOp) ? gateway.lowLoad.cpuMsPerOp : null,
    gatewayPeakRssMiB: gateway.load.peakRssMiB,
  };
}

/** CPU ms each answered request cost the server under load. */
const cpuMsPerRequest = (cpuPercent: number, requestsPerSecond: number) => (requestsPerSecond > 0 ? (cpuPercent * 10) / requestsPerSecond : Number.NaN);

/** The headline section: the three ways to read the same page, side by side, and the ratios. */
export function renderHeadline(results: BenchResults): string[] {
  const headline = headlineOf(results);
  const ratios = headlineRatios(results);
  if (!headline || !ratios) return [];
  const lines = [
    '',
    `## Headline (#18): ${headline.title}`,
    '',
    `Same run, same simulator page, ${String(results.options.connections)} connections. apollo = a hand-written Apollo Server 5 with one undici resolver and no validation or mapping (bench/baseline); direct = the REST call alone. CPU ms/req = the process's CPU time under load divided by the requests it answered. Own ms at low load = gateway p50 one at a time − the p50 of its own upstream requests replayed one operation at a time (same stages, same parallelism, same keep-alive pool size, warmed up), and apollo's the same way over its one list call (the reference: what a hand-written resolver adds); own CPU ms/op = the gateway's CPU time over the sequential requests / their number.`,
    '',
    '| server | req/s | p50 ms | p99 ms | CPU % | CPU ms/req | peak RSS MiB | p50 one at a time | CPU ms/op one at a time | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const kind of ['gateway', 'apollo'] as const) {
    const run = headline.servers[kind];
    if (!run) continue;
    const load = run.load.result;
    lines.push(
      `| ${kind} | ${n(load.requestsPerSecond, 0)} | ${n(load.latencyMs.p50)} | ${n(load.latencyMs.p99)} | ${n(run.load.cpuPercent, 0)} | ${n(cpuMsPerRequest(run.load.cpuPercent, load.requestsPerSecond), 2)} | ${n(run.load.peakRssMiB, 0)} | ${n(run.lowLoad.result.latencyMs.p50)} | ${n(run.lowLoad.cpuMsPerOp, 2)} | ${String(load.non2xx + load.errors + load.withErrors)} |`,
    );
  }
  const direct = results.direct?.result;
  if (direct) lines.push(`| direct (${results.direct?.description ?? ''}) | ${n(direct.requestsPerSecond, 0)} | ${n(direct.latencyMs.p50)} | ${n(direct.latencyMs.p99)} | | | | | | ${String(direct.non2xx + direct.errors)} |`);
  const t = HEADLINE_TARGETS;
  lines.push(
    '',
    '| ratio | measured | target |',
    '|---|---:|---:|',
    `| gateway req/s / apollo req/s | ${n(ratios.rpsVsApollo ?? undefined, 2)}× | ≥ ${String(t.rpsVsApollo)}× |`,
    `| gateway p99 / direct p99 | ${n(ratios.p99VsDirect ?? undefined, 2)}× | ≤ ${String(t.p99VsDirect)}× |`,
    `| gateway p99 / apollo p99 | ${n(ratios.p99VsApollo ?? undefined, 2)}× | |`,
    `| gateway own ms at low load (p50 − replay p50) | ${n(ratios.ownMsAtLowLoad ?? undefined)} | ≤ ${String(t.ownMsAtLowLoad)} |`,
    `| apollo own ms at low load (p50 − replay p50 of its one list call; reference) | ${n(ratios.apolloOwnMsAtLowLoad ?? undefined)} | |`,
    `| gateway own CPU ms/op at low load (process.cpuUsage, one at a time) | ${n(ratios.ownCpuMsAtLowLoad ?? undefined, 2)} | ≤ ${String(t.ownMsAtLowLoad)} |`,
    `| gateway peak RSS MiB under load | ${n(ratios.gatewayPeakRssMiB ?? undefined, 0)} | ≤ ${String(t.peakRssMiB)} |`,
  );
  const floor = results.hopFloor;
  if (floor) {
    lines.push(
      '',
      `The hop floor: \`{ __typename }\` one request at a time, ${String(floor.pauseMs)} ms apart (a page's upstream wait idles the server and the client as long), ${String(floor.requests)} measured after as many unmeasured, the servers taking turns. Own ms at low load includes one such round trip (client → server → client); the replay it is measured against has none. raw node:http answers a constant without GraphQL: the hop itself on this machine.`,
      '',
      '| server | p50 ms | p90 ms |',
      '|---|---:|---:|',
      ...Object.keys(floor.p50Ms).map((name) => `| ${name} | ${n(floor.p50Ms[name], 2)} | ${n(floor.p90Ms[name], 2)} |`),
    );
  }
  return lines;
}

/** The headline's targets as rows of the report's target table. */
export function headlineTargets(results: BenchResults): Array<{ name: string; measured: string; met: boolean | null }> {
  const ratios = headlineRatios(results);
  if (!ratios) return [];
  const t = HEADLINE_TARGETS;
  const check = (name: string, value: number | null, met: (value: number) => boolean, unit = '×') => ({
    name,
    measured: value === null ? 'not measured' : `${n(value, 2)}${unit}`,
    met: value === null ? null : met(value),
  });
  return [
    check(`${HEADLINE_SCENARIO}: req/s ≥ ${String(t.rpsVsApollo)}× apollo baseline`, ratios.rpsVsApollo, (value) => value >= t.rpsVsApollo),
    check(`${HEADLINE_SCENARIO}: p99 ≤ ${String(t.p99VsDirect)}× direct p99`, ratios.p99VsDirect, (value) => value <= t.p99VsDirect),
    check(`${HEADLINE_SCENARIO}: own ms at low load ≤ ${String(t.ownMsAtLowLoad)} (p50 − replay p50)`, ratios.ownMsAtLowLoad, (value) => value <= t.ownMsAtLowLoad, ' ms'),
    check(`${HEADLINE_SCENARIO}: own CPU ms/op at low load ≤ ${String(t.ownMsAtLowLoad)}`, ratios.ownCpuMsAtLowLoad, (value) => value <= t.ownMsAtLowLoad, ' ms'),
    check(`${HEADLINE_SCENARIO}: peak RSS ≤ ${String(t.peakRssMiB)} MiB`, ratios.gatewayPeakRssMiB, (value) => value <= t.peakRssMiB, ' MiB'),
  ];
}
