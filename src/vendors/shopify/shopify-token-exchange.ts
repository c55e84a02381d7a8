import { z } from 'zod';
import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import { VendorHttpClient } from '../http/vendor-http-client.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';

/**
 * The answer to `grant_type=refresh_token` (shopify.dev changelog 2025-12-10 "Offline access
 * tokens now support expiry and refresh"; Shopify's own client, @shopify/shopify-api
 * lib/auth/oauth/refresh-token.ts, and its test of this response).
 */
const refreshAnswerSchema = z.object({
  access_token: z.string().min(1),
  /** Seconds the access token lives (3600). */
  expires_in: z.number().int().positive(),
  /** The replacement: the one just used is retired once this one is first used. */
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.number().int().positive().optional(),
  scope: z.string().optional(),
});

export interface RefreshedTokens {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly refreshToken: string;
}

export interface TokenExchangeTarget {
  readonly vendorId: string;
  /** `https://{shopDomain}`, or the vendor's `endpoint` (a simulator, a proxy). */
  readonly origin: string;
  readonly basePath: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * POST `{origin}/admin/oauth/access_token` with `{ client_id, client_secret, grant_type:
 * "refresh_token", refresh_token }` as JSON, through the vendor's policy. Safe to retry with the
 * same refresh token: since 2026-08-28 Shopify keeps the used refresh token valid until its
 * replacement is first used (changelog "More resilient refreshes for expiring offline access
 * tokens"), so an answer lost on the way is recovered by asking again.
 */
export class ShopifyTokenExchange {
  private readonly http: VendorHttpClient;
  private readonly target: TokenExchangeTarget;

  constructor(target: TokenExchangeTarget, deps: VendorDeps) {
    this.target = target;
    this.http = new VendorHttpClient({
      vendorId: target.vendorId,
      origin: target.origin,
      authHeaders: () => ({}),
      policy: deps.policy,
      observer: deps.observer,
      describeError: describeOAuthError,
      connections: 1,
    });
  }

  async refresh(ctx: UpstreamCallContext, refreshToken: string): Promise<RefreshedTokens> {
    const response = await this.http.request(ctx, {
      method: 'POST',
      path: `${this.target.basePath}/admin/oauth/access_token`,
      body: { client_id: this.target.clientId, client_secret: this.target.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken },
      operation: 'refreshAccessToken',
      idempotent: true,
    });
    const parsed = refreshAnswerSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new UpstreamError(`${this.target.vendorId} answered the token refresh with an unexpected payload`, {
        vendorId: this.target.vendorId,
        errorClass: UpstreamErrorClass.VALIDATION,
        status: response.status,
      });
    }
    return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in, refreshToken: parsed.data.refresh_token };
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

/** OAuth error bodies (RFC 6749 §5.2): `{ "error": "invalid_grant", "error_description": "…" }`. */
export function describeOAuthError(status: number, body: unknown): string | undefined {
  const { error, error_description: description } = (body ?? {}) as { error?: unknown; error_description?: unknown };
  if (typeof error !== 'string') return status === 401 ? 'the app\'s client credentials were refused' : undefined;
  return typeof description === 'string' ? `${error}: ${description.slice(0, 160)}` : error;
}
