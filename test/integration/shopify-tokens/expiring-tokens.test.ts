import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_MARGIN_MS } from '../../../src/vendors/shopify/shopify-expiring-tokens.ts';
import { testCallContext } from '../../support/call-context.ts';
import { CLIENT_SECRET, KEY_A, KEY_B, startTokenKit } from './expiring-tokens-kit.ts';

/**
 * Expiring offline tokens against the Shopify simulator over HTTP. Only Date is faked (the
 * simulator and the gateway both read Date.now()), so an hour passes by setting the clock;
 * sockets and timers stay real and nothing sleeps.
 */
const HOUR_MS = 3600 * 1000;
const page = { first: 5, after: null, filter: {}, includeInventoryLevels: false } as const;

describe('Shopify expiring offline tokens', () => {
  let kit: Awaited<ReturnType<typeof startTokenKit>>;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 7, 9));
    kit = await startTokenKit();
  });
  afterEach(async () => {
    await kit.close();
    vi.useRealTimers();
  });

  const list = (source: ReturnType<typeof kit.start>['source']) => source.listProducts(testCallContext(), page);

  it('gets an access token with the refresh token, then refreshes a few minutes before it expires: no call meets an expired token', async () => {
    const { source } = kit.start();
    await list(source);
    expect(kit.requests('oauthAccessToken')).toBe(1);
    vi.setSystemTime(Date.now() + HOUR_MS - REFRESH_MARGIN_MS - 1_000);
    await list(source);
    expect(kit.requests('oauthAccessToken')).toBe(1);
    vi.setSystemTime(Date.now() + 2_000); // inside the margin, still before expiry
    await list(source);
    expect(kit.requests('oauthAccessToken')).toBe(2);
    expect(kit.graphqlRequests(401)).toBe(0);
    expect(kit.graphqlRequests(200)).toBe(kit.graphqlRequests());
  });

  it('on a 401 refreshes once and sends the call once more, which succeeds', async () => {
    const { source } = kit.start();
    await list(source);
    const before = kit.graphqlRequests();
    kit.sim.oauth!.expireAccessTokens(); // revoked or expired early: Shopify answers 401
    await expect(list(source)).resolves.toMatchObject({ products: expect.any(Array) });
    expect(kit.requests('oauthAccessToken', 200)).toBe(2);
    expect(kit.graphqlRequests(401)).toBe(1);
    expect(kit.graphqlRequests() - before).toBe(2); // the refused request and its one resend
  });

  it('concurrent calls share one refresh, also when they all meet a 401', async () => {
    const { source } = kit.start();
    await Promise.all(Array.from({ length: 20 }, () => list(source)));
    expect(kit.requests('oauthAccessToken')).toBe(1);
    kit.sim.oauth!.expireAccessTokens();
    await Promise.all(Array.from({ length: 20 }, () => list(source)));
    expect(kit.requests('oauthAccessToken')).toBe(2);
    expect(kit.graphqlRequests(401)).toBeLessThanOrEqual(20);
  });

  it('after a restart uses the stored access token, then the stored rotated refresh token, not the configured one', async () => {
    const first = kit.start();
    await list(first.source);
    vi.setSystemTime(Date.now() + HOUR_MS);
    await list(first.source); // second rotation: the configured refresh token is now retired at Shopify
    expect(kit.requests('oauthAccessToken', 200)).toBe(2);

    const restarted = kit.start();
    await list(restarted.source);
    expect(kit.requests('oauthAccessToken')).toBe(2); // the stored access token is still good
    vi.setSystemTime(Date.now() + HOUR_MS);
    await list(restarted.source);
    expect(kit.requests('oauthAccessToken', 200)).toBe(3);
    expect(kit.requests('oauthAccessToken', 400)).toBe(0);
  });

  it('stores only ciphertext: the SQLite row holds no token and names the key that sealed it', async () => {
    const { source, sealedValues } = kit.start();
    await list(source);
    const rows = kit.storedRows().filter((row) => row.namespace === 'vendor-secrets');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toBe(`shopify-oauth/${kit.config.shopDomain}/${kit.config.clientId}`);
    expect(rows[0]!.value).toMatch(new RegExp(`^sg1\\.${KEY_A.id}\\.`));
    const stored = JSON.parse((await sealedValues.get(rows[0]!.key, Date.now()))!) as { refreshToken: string; accessToken: string };
    for (const secret of [stored.refreshToken, stored.accessToken, kit.installed.refreshToken, 'shprt_', 'shpat_']) expect(rows[0]!.value).not.toContain(secret);
  });

  it('rotates the secret key: the previous key opens the stored token, which is resealed with the new one', async () => {
    await list(kit.start({ current: KEY_A, previous: null }).source);
    await list(kit.start({ current: KEY_B, previous: KEY_A }).source);
    expect(kit.storedRows().find((row) => row.namespace === 'vendor-secrets')!.value).toMatch(new RegExp(`^sg1\\.${KEY_B.id}\\.`));
    vi.setSystemTime(Date.now() + HOUR_MS);
    await list(kit.start({ current: KEY_B, previous: null }).source); // the old key is no longer needed
    await expect(list(kit.start({ current: KEY_A, previous: null }).source)).rejects.toThrow(`sealed with key ${KEY_B.id}`);
  });

  it('a refresh token no longer accepted is a VENDOR_REJECTED error that names the OAuth error, not a secret', async () => {
    const { source } = kit.start(undefined, { refreshToken: 'shprt_not_issued_by_this_shop' });
    const error = (await list(source).catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).toBe('VENDOR_REJECTED');
    expect(error.message).toBe('acme-shopify: invalid_grant: The refresh token is invalid or expired');
  });

  it('never writes a token or the client secret to the logs', async () => {
    const { source, sealedValues } = kit.start();
    await list(source);
    kit.sim.oauth!.expireAccessTokens();
    await list(source);
    const stored = JSON.parse((await sealedValues.get(`shopify-oauth/${kit.config.shopDomain}/${kit.config.clientId}`, Date.now()))!) as { refreshToken: string; accessToken: string };
    const logs = kit.log.lines.join('\n');
    expect(logs).toContain('refreshed the Shopify access token');
    for (const secret of [CLIENT_SECRET, kit.installed.refreshToken, stored.refreshToken, stored.accessToken, 'shprt_', 'shpat_']) expect(logs).not.toContain(secret);
  });
});

describe('a refresh whose answer was lost', () => {
  it('is recovered by asking again with the same refresh token (its replacement was never used)', async () => {
    const kit = await startTokenKit();
    try {
      const { source } = kit.start();
      kit.sim.server.setFaults({ timeoutAfterApplyRate: 1, pathIncludes: '/admin/oauth' });
      await expect(source.listProducts(testCallContext({ deadline: Date.now() + 300 }), page)).rejects.toMatchObject({ code: 'VENDOR_TIMEOUT' });
      expect(kit.sim.oauth!.refreshes).toBe(1); // Shopify rotated; the gateway never saw the answer
      kit.sim.server.setFaults({});
      await expect(source.listProducts(testCallContext(), page)).resolves.toMatchObject({ products: expect.any(Array) });
      expect(kit.sim.oauth!.refreshes).toBe(2);
      expect(kit.requests('oauthAccessToken', 400)).toBe(0);
    } finally {
      await kit.close();
    }
  });
});
