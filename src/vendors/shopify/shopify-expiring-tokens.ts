import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { SealedValues } from '../../secrets/sealed-values.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { ShopifyTokenSource } from './shopify-access-tokens.ts';
import type { RefreshedTokens } from './shopify-token-exchange.ts';

/** Refresh this long before the access token expires (at most half its lifetime), as Shopify advises. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** What is kept, sealed, in the state store per shop and app. */
const storedTokensSchema = z.object({
  refreshToken: z.string().min(1),
  accessToken: z.string().min(1),
  /** Epoch ms when the access token should be replaced (its expiry minus the margin). */
  refreshAt: z.number(),
  /** sha256 of the configured refresh token this chain started from. */
  origin: z.string(),
});
type StoredTokens = z.infer<typeof storedTokensSchema>;

export interface ExpiringTokenOptions {
  readonly vendorId: string;
  /** The state-store key of this shop and app's tokens. */
  readonly storeKey: string;
  /** The refresh token from the configuration (used until a rotated one is stored). */
  readonly configuredRefreshToken: string;
  readonly exchange: (ctx: UpstreamCallContext, refreshToken: string) => Promise<RefreshedTokens>;
  readonly vault: SealedValues;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * Shopify's expiring offline access tokens: one hour each, renewed with a refresh token that
 * Shopify replaces on every use.
 *
 * The hard part is never losing the refresh token. The order of a refresh is therefore:
 * exchange the current refresh token; seal and store the replacement (with the new access token)
 * in the state store; only then use the new access token. If storing fails, the new pair is
 * dropped unused and the next refresh asks again with the old refresh token, which Shopify still
 * accepts because its replacement was never used (changelog 2026-08-28). An exchange whose answer
 * is lost is recovered the same way. After a restart the stored (rotated) refresh token is used,
 * not the configured one, unless the configuration now holds a different refresh token (the app
 * was installed again): the stored chain remembers the configured token it started from.
 *
 * One refresh at a time: concurrent callers share the one in flight, and a 401 only discards the
 * token that was refused, so a burst of 401s for an old token leads to one refresh. Before
 * exchanging, the stored pair is read again, so an instance that shares the store and refreshed
 * first is followed rather than raced (without a lock two instances can still both refresh; the
 * later rotation then wins and both recover through the stored pair).
 */
export class ExpiringTokenSource implements ShopifyTokenSource {
  private readonly options: ExpiringTokenOptions;
  private readonly origin: string;
  private readonly now: () => number;
  private current: StoredTokens | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(options: ExpiringTokenOptions) {
    this.options = options;
    this.origin = createHash('sha256').update(options.configuredRefreshToken).digest('hex');
    this.now = options.now ?? (() => Date.now());
  }

  async token(ctx: UpstreamCallContext): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.accessToken;
    this.inFlight ??= this.refresh(ctx).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  invalidate(refused: string): boolean {
    // Only the refused token is dropped: a call that held an older one retries with the current one.
    if (this.current?.accessToken === refused) this.current = { ...this.current, refreshAt: 0 };
    return true;
  }

  private async refresh(ctx: UpstreamCallContext): Promise<string> {
    const stored = await this.stored();
    if (stored && stored.accessToken !== this.current?.accessToken && this.now() < stored.refreshAt) {
      this.current = stored; // after a restart, or another instance refreshed first
      return stored.accessToken;
    }
    const refreshToken = stored?.refreshToken ?? this.current?.refreshToken ?? this.options.configuredRefreshToken;
    const startedAt = this.now();
    const fresh = await this.options.exchange(ctx, refreshToken);
    const lifetimeMs = fresh.expiresInSeconds * 1000;
    const next: StoredTokens = {
      refreshToken: fresh.refreshToken,
      accessToken: fresh.accessToken,
      // Measured from when the exchange started, so a slow answer only makes it earlier.
      refreshAt: startedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2),
      origin: this.origin,
    };
    await this.options.vault.put(this.options.storeKey, JSON.stringify(next), this.now());
    this.current = next;
    this.options.logger.info(
      { vendorId: this.options.vendorId, refreshAt: new Date(next.refreshAt).toISOString() },
      'refreshed the Shopify access token; the rotated refresh token is stored',
    );
    return next.accessToken;
  }

  /** The stored pair of this chain, or null (none yet, or one from a refresh token no longer configured). */
  private async stored(): Promise<StoredTokens | null> {
    const text = await this.options.vault.get(this.options.storeKey, this.now());
    if (text === null) return null;
    const parsed = storedTokensSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.origin !== this.origin) return null;
    return parsed.data;
  }
}
