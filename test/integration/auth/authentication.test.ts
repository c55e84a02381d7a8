import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/create-authenticator.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { AUDIENCE, ISSUER, KEYS, hs256Token, productionAuthConfig } from './auth-test-kit.ts';

const QUERY = '{ vendors { id } }';

let gateway: TestGateway | undefined;
let jwks: Server | undefined;
afterEach(async () => {
  await gateway?.close();
  await new Promise<void>((resolve) => (jwks ? jwks.close(() => resolve()) : resolve()));
  gateway = jwks = undefined;
});

async function startProduction(config = productionAuthConfig()) {
  gateway = await startGatewayWithSources([fakeVendorSource('acme-shopify', 2).source, fakeVendorSource('acme-woo', 2).source], {
    config,
    services: { authenticator: createAuthenticator(config) },
  });
  return gateway.url;
}

/** Raw request, to see the status line and headers as a client does. */
async function rawPost(url: string, headers: Record<string, string>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), text: await response.text() };
}

describe('authentication in production', () => {
  it('answers 401 UNAUTHENTICATED with a short reason for missing or bad credentials, never echoing them', async () => {
    const url = await startProduction();
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<{ name: string; headers: Record<string, string>; reason: RegExp; secret?: string }> = [
      { name: 'no credentials', headers: {}, reason: /credentials required/ },
      { name: 'unknown API key', headers: { 'x-api-key': 'sgk_guess_000000' }, reason: /unknown API key/, secret: 'sgk_guess_000000' },
      { name: 'unknown bearer API key', headers: { authorization: 'Bearer sgk_guess_111111' }, reason: /unknown API key/, secret: 'sgk_guess_111111' },
      { name: 'not a bearer', headers: { authorization: `Basic ${btoa('a:b')}` }, reason: /Bearer/ },
    ];
    const tokens = {
      'expired token': await hs256Token({ expiresAt: now - 3600 }),
      'wrong audience': await hs256Token({ audience: 'someone-else' }),
      'wrong issuer': await hs256Token({ issuer: 'https://evil.example/' }),
      'wrong signature': await hs256Token({ secret: 'another-secret-another-secret-another-secret' }),
      'no subject': await hs256Token({ sub: '' }),
      'garbage JWT': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    };
    for (const [name, token] of Object.entries(tokens)) {
      cases.push({ name, headers: { authorization: `Bearer ${token}` }, reason: name === 'expired token' ? /token expired/ : /invalid token|no subject/, secret: token });
    }
    for (const testCase of cases) {
      const response = await rawPost(url, testCase.headers);
      expect(response.status, testCase.name).toBe(401);
      expect(response.challenge, testCase.name).toBe('Bearer realm="stockgraph"');
      const body = JSON.parse(response.text) as { data?: unknown; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect(body.data, testCase.name).toBeUndefined();
      expect(body.errors, testCase.name).toEqual([{ message: expect.stringMatching(testCase.reason), extensions: { code: 'UNAUTHENTICATED', retryable: false } }]);
      if (testCase.secret) expect(response.text, testCase.name).not.toContain(testCase.secret);
    }
  });

  it('accepts a configured API key in x-api-key or as a bearer, and a valid HS256 JWT', async () => {
    const url = await startProduction();
    const credentials: Array<Record<string, string>> = [{ 'x-api-key': KEYS.viewer }, { authorization: `Bearer ${KEYS.viewer}` }, { authorization: `Bearer ${await hs256Token()}` }];
    for (const headers of credentials) {
      const response = await postGraphQL(url, QUERY, {}, headers);
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ vendors: [{ id: 'acme-shopify' }, { id: 'acme-woo' }] });
    }
  });

  it('verifies JWTs against a JWKS URL (keys fetched and cached), rejecting other keys', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const stranger = await generateKeyPair('ES256');
    let fetches = 0;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks!.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    const url = await startProduction(productionAuthConfig({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'https://stockgraph/roles' }));
    const sign = (key: typeof privateKey) =>
      new SignJWT({ 'https://stockgraph/roles': ['viewer'] })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('auth0|abc')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(key);
    for (let index = 0; index < 3; index += 1) {
      const ok = await postGraphQL(url, QUERY, {}, { authorization: `Bearer ${await sign(privateKey)}` });
      expect(ok.data).toEqual({ vendors: [{ id: 'acme-shopify' }, { id: 'acme-woo' }] });
    }
    expect(fetches).toBe(1);
    const forged = await postGraphQL(url, QUERY, {}, { authorization: `Bearer ${await sign(stranger.privateKey)}` });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('outside production', () => {
  it('treats an anonymous request as the development caller, but never downgrades bad credentials', async () => {
    const config = testConfig();
    gateway = await startGatewayWithSources([fakeVendorSource('acme-woo', 1).source], { config });
    const anonymous = await postGraphQL<{ featureFlags: unknown[] }>(gateway.url, '{ featureFlags { name } }');
    expect(anonymous.errors).toBeUndefined(); // the development caller holds every role
    expect(anonymous.data!.featureFlags).toHaveLength(9);
    const bad = await postGraphQL(gateway.url, QUERY, {}, { 'x-api-key': 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
