import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, post, startLimitsGateway, type LimitsGateway } from './limits-harness.ts';

/**
 * One test per control of the OWASP GraphQL Cheat Sheet and per graphql-cop probe, against a
 * production-configured gateway over the demo simulators. Each asserts the refusal and that no
 * request reached any vendor.
 */
describe('a production gateway refuses abusive documents before any vendor is called', () => {
  let gw: LimitsGateway;
  beforeAll(async () => {
    gw = await startLimitsGateway({ environment: 'production' });
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw.resetUpstream());

  const refusedAs = (response: Awaited<ReturnType<typeof post>>, code: string) => {
    expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe(code);
    expect(response.body.data ?? null).toBeNull();
    expect(gw.upstreamRequests()).toBe(0);
  };

  it('depth limit: a vendor → products → nodes → vendor … cycle is refused with the depth measured', async () => {
    const query = `{ vendors { products(first: 1) { nodes { vendor { products(first: 1) { nodes { vendor { products(first: 1) { nodes { id } } } } } } } } } }`;
    const response = await post(gw.url, { query }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxDepth', value: 10, max: 8 });
  });

  it('graphql-cop alias overloading: 101 aliases are refused', async () => {
    const aliases = Array.from({ length: 101 }, (_, index) => `alias${String(index)}: __typename`).join(' ');
    const response = await post(gw.url, { query: `query cop { ${aliases} }` }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxAliases', value: 101, max: 15 });
  });

  it('graphql-cop alias overloading on a vendor field: products aliased 16 times never reaches a vendor', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `p${String(index)}: products(first: 250) { nodes { id } }`).join(' ');
    const response = await post(gw.url, { query: `{ ${aliases} }` }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'QUERY_TOO_COMPLEX');
  });

  it('graphql-cop batch query: an array of operations is refused', async () => {
    const response = await post(gw.url, [{ query: '{ products(first: 1) { nodes { id } } }' }, { query: '{ vendors { id } }' }], { key: KEYS.viewer });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/batching/i);
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('graphql-cop directive overloading: known directives past maxDirectives are refused', async () => {
    const fragments = Array.from({ length: 51 }, () => '... @include(if: true) { __typename }').join(' ');
    const response = await post(gw.url, { query: `query cop { ${fragments} }` }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxDirectives', value: 51, max: 50 });
  });

  it('graphql-cop directive overloading: unknown directives are refused by validation', async () => {
    const response = await post(gw.url, { query: `query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }` }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('graphql-cop field duplication: 500 repeats of one field are refused', async () => {
    const response = await post(gw.url, { query: `query cop { ${'__typename \n'.repeat(500)} }` }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxFieldRepeats', value: 500, max: 10 });
  });

  it('graphql-cop introspection: introspection is off in production', async () => {
    const response = await post(gw.url, { query: '{ __schema { types { name } } }' }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('graphql-cop GraphQL IDE: no GraphiQL page in production (introspection is off)', async () => {
    const response = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/graphiql/i);
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('graphql-cop field suggestions: no "Did you mean" in production', async () => {
    const response = await post(gw.url, { query: '{ prodcts { nodes { id } } }' }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).not.toMatch(/did you mean/i);
    expect(response.body.errors?.[0]?.message).not.toMatch(/products/);
  });

  it('graphql-cop GET-based mutation: a mutation over GET is refused with 405', async () => {
    const mutation = 'mutation { syncInventory { vendorId } }';
    const response = await fetch(`${gw.url}/graphql?query=${encodeURIComponent(mutation)}`, { headers: { 'x-api-key': KEYS.writer } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(gw.upstreamRequests()).toBe(0);
  });

  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent('mutation { syncInventory { vendorId } }')}`],
    ['text/plain', JSON.stringify({ query: 'mutation { syncInventory { vendorId } }' })],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\nmutation { syncInventory { vendorId } }\r\n--x--\r\n'],
  ])('graphql-cop POST-based CSRF: a simple-request body (%s) never runs', async (contentType, raw) => {
    const response = await post(gw.url, null, { key: KEYS.writer, headers: { 'content-type': contentType }, raw });
    expect([400, 415]).toContain(response.status);
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('graphql-cop trace mode: no ftv1 trace is added, whatever the client asks', async () => {
    const response = await post(gw.url, { query: '{ __typename }' }, { key: KEYS.viewer, headers: { 'apollo-federation-include-trace': 'ftv1' } });
    expect(response.status).toBe(200);
    expect(response.body.extensions?.ftv1).toBeUndefined();
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('graphql-cop circular fragments: a fragment cycle is refused by validation', async () => {
    const query = `query cop { ...A } fragment A on Query { products(first: 1) { nodes { id } } ...B } fragment B on Query { ...A }`;
    const response = await post(gw.url, { query }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('OWASP fragment bombs: exponential fragment expansion is refused before the limits walk it', async () => {
    const levels = Array.from({ length: 16 }, (_, index) => `fragment F${String(index)} on Query { ...F${String(index + 1)} a${String(index)}: __typename ...F${String(index + 1)} }`);
    const query = `query cop { ...F0 } ${levels.join(' ')} fragment F16 on Query { __typename }`;
    const response = await post(gw.url, { query }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('OWASP token limit: a document past maxTokens is refused with its token count', async () => {
    const query = `{ ${'__typename '.repeat(1200)} }`;
    const response = await post(gw.url, { query }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxTokens', value: 1202, max: 1000 });
  });

  it('OWASP body size: a body past maxBodyBytes is refused as QUERY_TOO_COMPLEX', async () => {
    const padding = 'x'.repeat(300 * 1024);
    const response = await post(gw.url, { query: '{ __typename }', variables: { padding } }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxBodyBytes', max: 256 * 1024 });
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('OWASP cost analysis: nesting that fans out to every vendor is refused with its cost, before any call', async () => {
    const query = `{ vendors { products(first: 50) { nodes { vendor { products(first: 50) { nodes { id } } } } } } }`;
    const response = await post(gw.url, { query }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'QUERY_TOO_COMPLEX');
    const extensions = response.body.errors?.[0]?.extensions ?? {};
    expect(extensions.limit).toBe('maxCost');
    expect(extensions.max).toBe(5000);
    expect(Number(extensions.value)).toBeGreaterThan(5000);
  });

  it('OWASP error handling: a malformed document gets no stack trace or internal detail', async () => {
    const response = await post(gw.url, { query: 'qwerty cop {abc' }, { key: KEYS.viewer });
    expect(response.status).toBe(400);
    refusedAs(response, 'GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|node_modules|at .*\.js/);
  });

  it('an ordinary documented query still runs and reaches the vendors', async () => {
    const response = await post(gw.url, { query: '{ products(first: 5) { nodes { id sku } } }' }, { key: KEYS.viewer });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(gw.upstreamRequests()).toBeGreaterThan(0);
  });
});
