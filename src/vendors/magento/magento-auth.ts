import type { UpstreamCallContext } from '../vendor-source.ts';

/** Admin tokens live 4 hours (gs-authentication-token.md, "Admin Token Lifetime" default). */
export const ADMIN_TOKEN_LIFETIME_MS = 4 * 60 * 60 * 1000;
/** Refresh this long before expiry so no call goes out with a token about to lapse. */
export const ADMIN_TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface MagentoTokenSource {
  /** The bearer token to send now. */
  token(ctx: UpstreamCallContext): Promise<string>;
  /** Called after a 401 with the token that was refused; true when a new one may help (retry once). */
  invalidate(refused: string): boolean;
}

/** An integration access token: long-lived, nothing to refresh; a 401 is final. */
export function staticTokenSource(token: string): MagentoTokenSource {
  return { token: async () => token, invalidate: () => false };
}

/**
 * Admin credentials exchanged at POST /V1/integration/admin/token for a 4-hour bearer token.
 * Refreshed before expiry (measured from when the exchange started, so clock skew only makes it
 * earlier) and once after a 401. Single-flight: concurrent callers share one exchange, so a burst
 * of requests never triggers a burst of logins (Magento locks admin accounts after failed ones).
 */
export class AdminTokenSource implements MagentoTokenSource {
  private readonly exchange: (ctx: UpstreamCallContext) => Promise<string>;
  private readonly clock: () => number;
  private current: { token: string; refreshAt: number } | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(exchange: (ctx: UpstreamCallContext) => Promise<string>, clock: () => number) {
    this.exchange = exchange;
    this.clock = clock;
  }

  async token(ctx: UpstreamCallContext): Promise<string> {
    if (this.current && this.clock() < this.current.refreshAt) return this.current.token;
    this.inFlight ??= this.refresh(ctx);
    return this.inFlight;
  }

  invalidate(refused: string): boolean {
    // Only drop the token that was refused: a caller holding an older token must not discard a fresh one.
    if (this.current?.token === refused) this.current = null;
    return true;
  }

  private async refresh(ctx: UpstreamCallContext): Promise<string> {
    const startedAt = this.clock();
    try {
      const token = await this.exchange(ctx);
      this.current = { token, refreshAt: startedAt + ADMIN_TOKEN_LIFETIME_MS - ADMIN_TOKEN_REFRESH_MARGIN_MS };
      return token;
    } finally {
      this.inFlight = null;
    }
  }
}
