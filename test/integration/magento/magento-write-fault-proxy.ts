import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { magentoVendorConfigSchema } from '../../../src/config/vendors/magento-config.ts';
import { createMagentoSource } from '../../../src/vendors/magento/magento-source.ts';
import type { InventoryChange, InventoryChangeResult } from '../../../src/vendors/vendor-source.ts';
import { testCallContext } from '../../support/call-context.ts';
import type { MagentoKit } from './magento-test-kit.ts';
import { applyInPhases } from '../../../src/vendors/stock-writes/phased-writes.ts';

/**
 * The simulator decides faults by path, and the stock read and the stock write share one path
 * (/V1/inventory/source-items). To fault only the write, this loopback proxy sits in front of
 * the simulator and, for POST /V1/inventory/source-items only:
 * - 'timeout_after_apply': forwards it (the store applies it) and never answers;
 * - 'error': answers Magento's masked 500 without forwarding.
 * Everything else passes through untouched (and is logged by the simulator as usual).
 */
export async function startWriteFaultProxy(rig: MagentoKit, fault: 'timeout_after_apply' | 'error') {
  let writes = 0;
  const target = new URL(rig.sim.url);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const isWrite = req.method === 'POST' && (req.url ?? '').includes('/inventory/source-items');
      if (isWrite) writes++;
      if (isWrite && fault === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal Error. Details are available in Magento log file. Report ID: webapi-0123456789abc' }));
        return;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        if (isWrite) {
          answer.resume(); // applied upstream; the answer never reaches the client
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const config = magentoVendorConfigSchema.parse({ ...rig.config, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  const source = createMagentoSource(config, { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }) });
  return {
    /** Applies changes with a 1.5 s deadline, so the unanswered write gives up after about one second. */
    apply: (changes: InventoryChange[]): Promise<readonly InventoryChangeResult[]> =>
      applyInPhases(source.stockWrites, testCallContext({ deadline: Date.now() + 1_500 }), changes, { idempotencyKey: 'k-proxy', reason: 'test' }),
    /** Writes that reached the proxy. */
    writes: () => writes,
    close: async () => {
      await source.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
