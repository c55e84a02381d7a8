import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTracing, type Tracing } from '../../../src/observability/tracing.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';
import { callTool, connectHttp } from './mcp-test-kit.ts';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** A stand-in OTLP/HTTP collector (JSON): the spans POSTed to /v1/traces. */
function startCollector(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }> };
      for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans })));
}

describe('MCP tracing', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let tracing: Tracing;
  let demo: DemoGateway;
  beforeAll(async () => {
    collector = await startCollector();
    tracing = setupTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    demo = await startDemoGateway();
  });
  afterAll(async () => {
    await demo.close();
    await new Promise((resolve) => collector.server.close(resolve));
  });

  it('makes a span per tool call, under the client\'s traceparent, parent of the operation and its upstream calls', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const client = await connectHttp(demo.url, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    const result = await callTool(client, 'get_stock', { skus: ['SG-1000'] });
    expect(result.isError).toBeFalsy();
    await client.close();
    await tracing.shutdown();

    const tool = collector.spans.find((span) => span.name === 'mcp.tool get_stock');
    expect(tool).toMatchObject({ traceId, parentSpanId: '00f067aa0ba902b7' });
    const operation = collector.spans.find((span) => span.name === 'graphql query:productsBySku');
    expect(operation).toMatchObject({ traceId, parentSpanId: tool?.spanId });
    const upstream = collector.spans.filter((span) => span.name.startsWith('upstream ') && span.parentSpanId === operation?.spanId);
    expect(upstream.length).toBeGreaterThan(0);
  });
});
