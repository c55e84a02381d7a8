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
