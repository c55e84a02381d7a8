import type { SimulatorServer } from '../src/sandbox/simulator-server.ts';

/** Upstream requests one simulator logged, in total and per vendor operation ("GET /products"...). */
export interface VendorRequestCount {
  readonly total: number;
  readonly byOperation: Readonly<Record<string, number>>;
}

/** Request counts of every simulator, by vendor id. */
export type UpstreamCounts = Readonly<Record<string, VendorRequestCount>>;

export function countUpstream(servers: Readonly<Record<string, SimulatorServer>>): UpstreamCounts {
  const counts: Record<string, VendorRequestCount> = {};
  for (const [vendorId, server] of Object.entries(servers)) {
    const byOperation: Record<string, number> = {};
    for (const entry of server.requestLog) byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
    counts[vendorId] = { total: server.requestLog.length, byOperation };
  }
  return counts;
}

/** Empties every request log, so a long run does not keep every request in memory. */
export function clearUpstream(servers: Readonly<Record<string, SimulatorServer>>): void {
  for (const server of Object.values(servers)) server.clearLog();
}

/**
 * Milliseconds during which at least one simulator was handling a request (arrival to answer,
 * simulated latency included), over everything logged since the last clear. For operations sent
 * one at a time this is the time the server under test spent waiting on its vendors; the rest of
 * each operation's latency is its own.
 */
export function upstreamBusyMs(servers: Readonly<Record<string, SimulatorServer>>): number {
  const intervals = Object.values(servers)
    .flatMap((server) => server.requestLog.map((entry) => [entry.receivedAt, entry.answeredAt] as const))
    .sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let openStart = Number.NaN;
  let openEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of intervals) {
    if (start > openEnd) {
      if (Number.isFinite(openEnd)) busy += openEnd - openStart;
      openStart = start;
      openEnd = end;
    } else openEnd = Math.max(openEnd, end);
  }
  return Number.isFinite(openEnd) ? busy + (openEnd - openStart) : busy;
}

export function totalOf(counts: UpstreamCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count.total, 0);
}

/** Requests per completed operation, per vendor and in total. */
export interface UpstreamPerOperation {
  readonly total: number;
  readonly byVendor: Readonly<Record<string, number>>;
  readonly byVendorOperation: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function perOperation(counts: UpstreamCounts, operations: number): UpstreamPerOperation {
  const divide = (value: number) => (operations > 0 ? value / operations : 0);
  const byVendor: Record<string, number> = {};
  const byVendorOperation: Record<string, Record<string, number>> = {};
  for (const [vendorId, count] of Object.entries(counts)) {
    byVendor[vendorId] = divide(count.total);
    byVendorOperation[vendorId] = Object.fromEntries(Object.entries(count.byOperation).map(([name, value]) => [name, divide(value)]));
  }
  return { total: divide(totalOf(counts)), byVendor, byVendorOperation };
}
