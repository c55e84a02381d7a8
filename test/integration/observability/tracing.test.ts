import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSpan, setupTracing, startRequestSpan, type Tracing } from '../../../src/observability/tracing.ts';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { SimulatorServer } from '../../../src/sandbox/simulator-server.ts';
import { VendorHttpClient } from '../../../src/vendors/http/vendor-http-client.ts';
import { testCallContext } from '../../support/call-context.ts';

/** A stand-in OTLP/HTTP collector: records the bodies POSTed to /v1/traces. */
function startCollector(): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies })),
  );
}

let collector: Awaited<ReturnType<typeof startCollector>>;
let vendor: SimulatorServer;
let tracing: Tracing;
const traceparents: Array<string | undefined> = [];

beforeAll(async () => {
  collector = await startCollector();
  vendor = new SimulatorServer({
    handle: () => ({ status: 200, body: { ok: true } }),
    faultResponse: () => ({ status: 500 }),
    describe: (request) => {
      traceparents.push(request.headers.traceparent as string | undefined);
      return `${request.method} ${request.path}`;
    },
  });
  await vendor.listen();
  tracing = setupTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
});

afterAll(async () => {
  await vendor.close();
  await new Promise((resolve) => collector.server.close(resolve));
});

describe('tracing', () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(setupTracing({}).enabled).toBe(false);
  });

  it('propagates W3C traceparent to vendors and exports request and upstream spans over OTLP', async () => {
    expect(tracing.enabled).toBe(true);
    const request = startRequestSpan('req-1');
    const client = new VendorHttpClient({
      vendorId: 'traced-vendor',
      origin: vendor.url,
      authHeaders: () => ({ authorization: 'Bearer secret-token-123' }),
      policy: deadlineOnlyPolicy,
      describeError: () => undefined,
    });
    await client.request(testCallContext({ traceContext: request.context }), { method: 'GET', path: '/items', operation: 'listItems', idempotent: true });
    endSpan(request.span);
    await client.close();

    const traceId = trace.getSpan(request.context)!.spanContext().traceId;
    expect(traceparents).toHaveLength(1);
    expect(traceparents[0]).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    await tracing.shutdown();
    const exported = collector.bodies.join('\n');
    expect(exported).toContain('graphql.request');
    expect(exported).toContain('upstream traced-vendor listItems');
    expect(exported).not.toContain('secret-token-123');
    expect(exported).toContain(traceId);
  });

  it('traces again when set up again in the same process after a shutdown (a restarted gateway, tests)', async () => {
    const again = setupTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    const request = startRequestSpan('req-2');
    endSpan(request.span);
    const traceId = request.span.spanContext().traceId;
    await again.shutdown();
    expect(collector.bodies.join('\n')).toContain(traceId);
  });
});
