import type { UpstreamCallContext } from '../vendor-source.ts';

/** Where the Shopify client gets the `X-Shopify-Access-Token` for a call. */
export interface ShopifyTokenSource {
  /** The access token to send now. */
  token(ctx: UpstreamCallContext): Promise<string>;
  /** Called after a 401 with the token that was refused; true when another try may succeed (send once more). */
  invalidate(refused: string): boolean;
}

/** A custom or merchant-created app's token: it does not expire, so a 401 is final. */
export function staticTokenSource(token: string): ShopifyTokenSource {
  return { token: async () => token, invalidate: () => false };
}
