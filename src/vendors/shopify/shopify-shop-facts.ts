import type { UpstreamCallContext } from '../vendor-source.ts';

export interface ShopFacts {
  /** The shop's currency: variant prices (the `Money` scalar) carry none of their own. */
  readonly currencyCode: string;
  /** Active locations: how many levels per item a query must ask for (cost planning); null when Shopify did not say. */
  readonly locationCount: number | null;
}

/**
 * Shop facts, fetched once and kept for `ttlMs` (a shop's currency and locations change rarely;
 * a level page that turns out to need more locations invalidates them). Concurrent callers share
 * one in-flight request; a failed fetch is not kept.
 */
export class ShopFactsCache {
  private cached: { facts: Promise<ShopFacts>; expires: number } | null = null;

  constructor(
    private readonly load: (ctx: UpstreamCallContext) => Promise<ShopFacts>,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(ctx: UpstreamCallContext): Promise<ShopFacts> {
    if (this.cached && this.cached.expires > this.now()) return this.cached.facts;
    const facts = this.load(ctx);
    const entry = { facts, expires: this.now() + this.ttlMs };
    this.cached = entry;
    facts.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return facts;
  }

  invalidate(): void {
    this.cached = null;
  }
}
