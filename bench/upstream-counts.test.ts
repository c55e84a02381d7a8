import { describe, expect, it } from 'vitest';
import type { RequestLogEntry, SimulatorServer } from '../src/sandbox/simulator-server.ts';
import { perOperation, upstreamBusyMs, countUpstream } from './upstream-counts.ts';

const entry = (operation: string, receivedAt: number, answeredAt: number) => ({ operation, receivedAt, answeredAt }) as RequestLogEntry;
const server = (...requestLog: RequestLogEntry[]) => ({ requestLog }) as unknown as SimulatorServer;

describe('upstream requests a server under test made', () => {
  it('counts them per vendor operation and per completed operation', () => {
    const counts = countUpstream({ shop: server(entry('Page', 0, 1), entry('Page', 2, 3)), woo: server(entry('GET /products', 0, 1)) });
    expect(perOperation(counts, 2)).toMatchObject({ total: 1.5, byVendor: { shop: 1, woo: 0.5 }, byVendorOperation: { shop: { Page: 1 } } });
  });

  it('busy time is the union of their intervals across vendors: overlaps count once, gaps not at all', () => {
    const servers = { shop: server(entry('a', 0, 20), entry('b', 40, 60)), woo: server(entry('c', 10, 30), entry('d', 45, 50)) };
    expect(upstreamBusyMs(servers)).toBe(50); // [0,30] + [40,60]
    expect(upstreamBusyMs({})).toBe(0);
  });
});
