import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildRequestContext } from '../../../src/context/build-request-context.ts';
import { sha256Hex } from '../../../src/security/trusted-documents.ts';
import { KEYS, post, startLimitsGateway, type LimitsGateway } from './limits-harness.ts';

const preflight = (url: string, origin: string) =>
  fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' } });

/** Resolves when the server closes the socket (whatever it answered first is read and dropped). */
const closed = (socket: Socket) =>
  new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.resume();
  });

function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('CORS: preflight answered for configured origins only', () => {
  let listed: LimitsGateway;
  let unlisted: LimitsGateway;
  let development: LimitsGateway;
  beforeAll(async () => {
    [listed, unlisted, development] = await Promise.all([
      startLimitsGateway({ environment: 'production', http: { cors: { origins: ['https://shop.example'] } } }),
      startLimitsGateway({ environment: 'production' }),
      startLimitsGateway({ environment: 'development' }),
    ]);
  });
  afterAll(async () => Promise.all([listed?.close(), unlisted?.close(), development?.close()]));

  it('answers the preflight of a listed origin and lets its POST through with the CORS headers', async () => {
    const answer = await preflight(listed.url, 'https://shop.example');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(answer.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
    const response = await post(listed.url, { query: '{ __typename }' }, { key: KEYS.viewer, headers: { origin: 'https://shop.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('gives an origin that is not listed no CORS grant', async () => {
    const answer = await preflight(listed.url, 'https://evil.example');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('has no CORS at all in production when no origin is listed', async () => {
    const answer = await preflight(unlisted.url, 'https://shop.example');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.status).not.toBe(204);
  });

  it('answers any origin in development without configuration', async () => {
    const answer = await preflight(development.url, 'http://localhost:5173');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

describe('development keeps the tools working', () => {
  let gw: LimitsGateway;
  beforeAll(async () => {
    gw = await startLimitsGateway({ environment: 'development' });
  });
  afterAll(async () => gw?.close());

  it('runs the GraphiQL docs explorer introspection query', async () => {
    const response = await post(gw.url, { query: getIntrospectionQuery() });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('suggests field names', async () => {
    const response = await post(gw.url, { query: '{ prodcts { nodes { id } } }' });
    expect(response.body.errors?.[0]?.message).toMatch(/Did you mean "products"/);
  });

  it('graphql-cop circular introspection: refused by graphql-js’s own introspection depth rule, without calling a vendor', async () => {
    gw.resetUpstream();
    const query = '{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }';
    const response = await post(gw.url, { query });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toBe('Maximum introspection depth exceeded');
    expect(gw.upstreamRequests()).toBe(0);
  });

});

describe('slow and greedy connections', () => {
  let gw: LimitsGateway;
  beforeAll(async () => {
    gw = await startLimitsGateway({ environment: 'production', http: { headersTimeoutMs: 300, receiveTimeoutMs: 600, maxConnections: 20 } });
  });
  afterAll(async () => gw?.close());

  it('closes a slowloris socket that trickles its headers, while other callers are served', async () => {
    const slow = await openSocket(gw.url);
    const slowClosed = closed(slow);
    slow.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let sent = 0;
    const trickle = setInterval(() => {
      if (!slow.destroyed) slow.write(`X-Slow-${String((sent += 1))}: a\r\n`);
    }, 50);
    try {
      const served = await fetch(`${gw.url}/health`);
      expect(served.status).toBe(200);
      await slowClosed;
      expect(slow.destroyed || slow.readableEnded).toBe(true);
      const servedAfter = await post(gw.url, { query: '{ __typename }' }, { key: KEYS.viewer });
      expect(servedAfter.status).toBe(200);
    } finally {
      clearInterval(trickle);
      slow.destroy();
    }
  });

  it('closes a connection that sends its headers but never its body', async () => {
    const slow = await openSocket(gw.url);
    const slowClosed = closed(slow);
    slow.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    await slowClosed;
    expect(slow.destroyed || slow.readableEnded).toBe(true);
  });
});

describe('connection cap', () => {
  let gw: LimitsGateway;
  beforeAll(async () => {
    gw = await startLimitsGateway({ environment: 'production', http: { maxConnections: 2 } });
  });
  afterAll(async () => gw?.close());

  it('closes connections past http.maxConnections at once', async () => {
    const held = [await openSocket(gw.url), await openSocket(gw.url)];
    const extra = await openSocket(gw.url);
    const extraClosed = closed(extra);
    extra.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    let answered = '';
    extra.on('data', (chunk: Buffer) => (answered += chunk.toString()));
    await extraClosed;
    expect(answered).toBe('');
    held.forEach((socket) => socket.destroy());
  });
});

describe('operational endpoints in production', () => {
  let gw: LimitsGateway;
  let internal: LimitsGateway;
  beforeAll(async () => {
    [gw, internal] = await Promise.all([startLimitsGateway({ environment: 'production' }), startLimitsGateway({ environment: 'production', http: { internalPort: 0 } })]);
  });
  afterAll(async () => Promise.all([gw?.close(), internal?.close()]));

  it('/health stays open and answers status, timestamp and the features map', async () => {
    const response = await fetch(`${gw.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.status).toBe('ok');
    expect(typeof body.timestamp).toBe('string');
    expect(body.features).toMatchObject({ shopify_integration_enabled: expect.any(Boolean), mcp_integration_enabled: expect.any(Boolean) });
    expect(body.features).not.toHaveProperty('debug_mode');
  });

  it('/metrics and /status need an admin credential', async () => {
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${gw.url}/metrics`, { headers: { 'x-api-key': KEYS.viewer } })).status).toBe(403);
    expect((await fetch(`${gw.url}/status`)).status).toBe(401);
    expect((await fetch(`${gw.url}/metrics`, { headers: { 'x-api-key': KEYS.admin } })).status).toBe(200);
    expect((await fetch(`${gw.url}/status`, { headers: { 'x-api-key': KEYS.admin } })).status).toBe(200);
  });

  it('/ready tells outsiders only whether to send traffic; an admin sees the details and the limits', async () => {
    const outsider = (await (await fetch(`${gw.url}/ready`)).json()) as Record<string, unknown>;
    expect(Object.keys(outsider)).toEqual(['status']);
    const admin = (await (await fetch(`${gw.url}/ready`, { headers: { 'x-api-key': KEYS.admin } })).json()) as Record<string, unknown>;
    expect(admin).toHaveProperty('vendors');
    expect(admin.limits).toMatchObject({ maxDepth: 8, maxAliases: 15, maxTokens: 1000, maxCost: 5000, maxBodyBytes: 256 * 1024 });
  });

  it('with http.internalPort the public listener hides them and the loopback listener serves them', async () => {
    expect((await fetch(`${internal.url}/metrics`, { headers: { 'x-api-key': KEYS.admin } })).status).toBe(404);
    expect((await fetch(`${internal.url}/status`, { headers: { 'x-api-key': KEYS.admin } })).status).toBe(404);
    const address = internal.gateway.http.internal?.server.address() as AddressInfo;
    const inside = `http://127.0.0.1:${String(address.port)}`;
    expect((await fetch(`${inside}/metrics`)).status).toBe(200);
    expect((await fetch(`${inside}/status`)).status).toBe(200);
    expect(((await (await fetch(`${inside}/ready`)).json()) as Record<string, unknown>).limits).toBeDefined();
  });
});

describe('trusted documents (security.trustedDocuments, enforced)', () => {
  const listed = 'query ListedVendors { vendors { id name } }';
  let directory: string;
  let gw: LimitsGateway;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'stockgraph-trusted-'));
    const file = join(directory, 'persisted-query-manifest.json');
    writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256Hex(listed), name: 'ListedVendors', type: 'query', body: listed }] }));
    gw = await startLimitsGateway({ environment: 'production', security: { trustedDocuments: { file, enforce: true } } });
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(directory, { recursive: true, force: true });
  });
  beforeEach(() => gw.resetUpstream());

  const byHash = (hash: string, query?: string) => ({ ...(query ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it('runs a listed document sent by its SHA-256 alone', async () => {
    const response = await post(gw.url, byHash(sha256Hex(listed)), { key: KEYS.viewer });
    expect(response.status).toBe(200);
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    expect((response.body.data as { vendors: unknown[] }).vendors.length).toBe(4);
  });

  it('refuses an unknown id with PERSISTED_QUERY_NOT_FOUND before any work', async () => {
    const response = await post(gw.url, byHash('0'.repeat(64)), { key: KEYS.viewer });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('refuses a document sent as text that is not listed, and never runs it', async () => {
    const response = await post(gw.url, { query: '{ products(first: 5) { nodes { id } } }' }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('refuses unlisted text run through executeOperation too (the MCP tools’ way in)', async () => {
    const { services, http } = gw.gateway;
    const contextValue = await buildRequestContext(services, { headers: { 'x-api-key': KEYS.viewer }, signal: new AbortController().signal });
    const refused = await http.apollo.executeOperation({ query: '{ vendors { id } }' }, { contextValue });
    expect(refused.body.kind === 'single' && refused.body.singleResult.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const listedRun = await http.apollo.executeOperation({ query: listed }, { contextValue });
    expect(listedRun.body.kind === 'single' && listedRun.body.singleResult.errors).toBeUndefined();
  });

  it('does not register documents (APQ registration is off)', async () => {
    const query = '{ products(first: 5) { nodes { id } } }';
    const registering = await post(gw.url, byHash(sha256Hex(query), query), { key: KEYS.viewer });
    expect(registering.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const again = await post(gw.url, byHash(sha256Hex(query)), { key: KEYS.viewer });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(gw.upstreamRequests()).toBe(0);
  });
});
