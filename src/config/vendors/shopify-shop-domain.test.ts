import { describe, expect, it } from 'vitest';
import { normaliseShopDomain, shopDomainSchema } from './shopify-shop-domain.ts';

describe('a Shopify shop domain', () => {
  it.each([
    ['your-shop', 'your-shop.myshopify.com'],
    ['your-shop.myshopify.com', 'your-shop.myshopify.com'],
    ['  https://Your-Shop.myshopify.com/ ', 'your-shop.myshopify.com'],
  ])('"%s" is the shop %s', (raw, domain) => {
    expect(normaliseShopDomain(raw)).toBe(domain);
    expect(shopDomainSchema.parse(raw)).toBe(domain);
  });

  it.each(['shop.example.com', 'your-shop.myshopify.com/admin', '-shop', ''])('"%s" is refused with an example', (raw) => {
    const result = shopDomainSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('e.g. "acme.myshopify.com" or just "acme"');
  });
});
