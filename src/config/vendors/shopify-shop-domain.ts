import { z } from 'zod';

const MYSHOPIFY = '.myshopify.com';

/**
 * The shop's myshopify domain as the seed's environment and people write it: "your-shop",
 * "your-shop.myshopify.com", "https://Your-Shop.myshopify.com/" all name the same shop, and the
 * Admin API lives at https://{shop}.myshopify.com. A bare handle gets the suffix; a scheme, a
 * trailing slash and capitals are dropped. Anything else (a custom domain, a path) stays as
 * written and fails the pattern below with the example.
 */
export function normaliseShopDomain(raw: string): string {
  const trimmed = raw.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return /^[a-z0-9][a-z0-9-]*$/.test(trimmed) ? `${trimmed}${MYSHOPIFY}` : trimmed;
}

export const shopDomainSchema = z
  .string()
  .transform(normaliseShopDomain)
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be the shop\'s myshopify domain, e.g. "acme.myshopify.com" or just "acme"'));
