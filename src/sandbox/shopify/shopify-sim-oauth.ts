import { randomBytes } from 'node:crypto';
import type { SimResponse } from '../simulator-server.ts';

/** Shopify's documented lifetimes: access tokens 60 minutes, refresh tokens 90 days. */
const ACCESS_TOKEN_TTL_SECONDS = 3600;
const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
/** A used refresh token may be retried for at most 30 days after its first use (changelog 2026-08-28). */
const RETRY_WINDOW_MS = 30 * 24 * 3600 * 1000;

export interface ShopifySimOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Shorter lifetimes for tests. */
  readonly accessTokenTtlSeconds?: number;
  readonly scope?: string;
}

interface RefreshRecord {
  readonly expiresAt: number;
  readonly parent: string | null;
  firstUsedAt: number | null;
  child: string | null;
  retired: boolean;
}

type TokenCheck = 'valid' | 'expired' | 'unknown';

/**
 * The app side of a shop's expiring offline tokens, as Shopify issues them:
 * - `POST /admin/oauth/access_token` with `client_id`, `client_secret`, `grant_type=refresh_token`
 *   and `refresh_token` answers `{ access_token, scope, expires_in, refresh_token,
 *   refresh_token_expires_in }`; bad client credentials are 401 `invalid_client`, an unknown,
 *   expired or retired refresh token 400 `invalid_grant`.
 * - Every refresh issues a new refresh token. The one used stays valid until its replacement is
 *   first used (then it is retired), for at most 30 days (changelog 2026-08-28), so a lost answer
 *   can be recovered by asking again with it; that replaces the unused replacement.
 * - Only one expiring token is active per app and shop: a new access token revokes the earlier
 *   ones ("Acquiring a new expiring token will revoke all previous expiring tokens for that shop").
 */
export class ShopifySimOAuth {
  readonly clientId: string;
  private readonly clientSecret: string;
  private readonly accessTtlMs: number;
  private readonly scope: string;
  private readonly now: () => number;
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly accessTokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  /** Successful refreshes, for tests to count. */
  refreshes = 0;

  constructor(options: ShopifySimOAuthOptions, now: () => number) {
    this.clientId = options.clientId;
    this.clientSecret = options.clientSecret;
    this.accessTtlMs = (options.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS) * 1000;
    this.scope = options.scope ?? 'read_products,read_inventory,write_inventory,read_locations,read_orders';
    this.now = now;
  }

  /** What installing the app hands the merchant's app: a first token pair. */
  install(): { accessToken: string; refreshToken: string } {
    const refreshToken = this.newRefreshToken(null);
    return { accessToken: this.newAccessToken(), refreshToken };
  }

  check(accessToken: string | undefined): TokenCheck {
    const record = accessToken ? this.accessTokens.get(accessToken) : undefined;
    if (!record) return 'unknown';
    return record.revoked || this.now() >= record.expiresAt ? 'expired' : 'valid';
  }

  /** Ends every access token's life now (as if an hour had passed). */
  expireAccessTokens(): void {
    for (const record of this.accessTokens.values()) record.revoked = true;
  }

  handle(body: unknown): SimResponse {
    const { client_id: clientId, client_secret: clientSecret, grant_type: grantType, refresh_token: refreshToken } = (body ?? {}) as Record<string, unknown>;
    if (clientId !== this.clientId || clientSecret !== this.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    if (grantType !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'The grant type is not supported' } };
    const record = typeof refreshToken === 'string' ? this.refreshTokens.get(refreshToken) : undefined;
    const now = this.now();
    if (!record || record.retired || now >= record.expiresAt || (record.firstUsedAt !== null && now - record.firstUsedAt > RETRY_WINDOW_MS)) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired' } };
    }
    const used = refreshToken as string;
    // Using a replacement retires the token it replaced; asking again with this one drops its unused replacement.
    if (record.parent) this.retire(record.parent);
    if (record.child) this.retire(record.child);
    record.firstUsedAt ??= now;
    record.child = this.newRefreshToken(used);
    for (const access of this.accessTokens.values()) access.revoked = true;
    this.refreshes += 1;
    return {
      status: 200,
      body: {
        access_token: this.newAccessToken(),
        scope: this.scope,
        expires_in: Math.round(this.accessTtlMs / 1000),
        refresh_token: record.child,
        refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
      },
    };
  }

  private retire(token: string): void {
    const record = this.refreshTokens.get(token);
    if (record) record.retired = true;
  }

  private newRefreshToken(parent: string | null): string {
    const token = `shprt_${randomBytes(16).toString('hex')}`;
    this.refreshTokens.set(token, { expiresAt: this.now() + REFRESH_TOKEN_TTL_SECONDS * 1000, parent, firstUsedAt: null, child: null, retired: false });
    return token;
  }

  private newAccessToken(): string {
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(token, { expiresAt: this.now() + this.accessTtlMs, revoked: false });
    return token;
  }
}
