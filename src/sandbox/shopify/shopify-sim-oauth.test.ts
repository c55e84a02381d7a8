import { describe, expect, it } from 'vitest';
import { ShopifySimOAuth } from './shopify-sim-oauth.ts';

const credentials = { client_id: 'app', client_secret: 'secret', grant_type: 'refresh_token' };

function app(ttlSeconds = 3600) {
  let now = Date.UTC(2026, 8, 1);
  const oauth = new ShopifySimOAuth({ clientId: 'app', clientSecret: 'secret', accessTokenTtlSeconds: ttlSeconds }, () => now);
  const refresh = (refresh_token: string) => oauth.handle({ ...credentials, refresh_token }) as { status: number; body: Record<string, unknown> };
  return { oauth, refresh, advance: (ms: number) => (now += ms) };
}

describe('the simulated Shopify token endpoint', () => {
  it('answers a refresh with a new pair in Shopify\'s shape and expires the access token after its TTL', () => {
    const { oauth, refresh, advance } = app(60);
    const answer = refresh(oauth.install().refreshToken);
    expect(answer).toMatchObject({ status: 200, body: { access_token: expect.stringMatching(/^shpat_/), expires_in: 60, refresh_token: expect.stringMatching(/^shprt_/), refresh_token_expires_in: 7_776_000, scope: expect.any(String) } });
    expect(oauth.check(answer.body.access_token as string)).toBe('valid');
    advance(60_000);
    expect(oauth.check(answer.body.access_token as string)).toBe('expired');
  });

  it('keeps a used refresh token valid until its replacement is first used (changelog 2026-08-28)', () => {
    const { oauth, refresh } = app();
    const r0 = oauth.install().refreshToken;
    const lost = refresh(r0).body.refresh_token as string; // the answer never reached the app
    const r1 = refresh(r0).body.refresh_token as string; // asking again works; the lost replacement is dropped
    expect(refresh(lost)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const r2 = refresh(r1).body.refresh_token as string; // using the replacement retires r0
    expect(refresh(r0)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(refresh(r2).status).toBe(200);
  });

  it('one active access token per app and shop; wrong client credentials are invalid_client', () => {
    const { oauth, refresh } = app();
    const first = refresh(oauth.install().refreshToken).body;
    refresh(first.refresh_token as string);
    expect(oauth.check(first.access_token as string)).toBe('expired');
    expect(oauth.handle({ ...credentials, client_secret: 'nope', refresh_token: 'x' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(oauth.handle({ ...credentials, grant_type: 'authorization_code' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });
});
