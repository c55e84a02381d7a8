import { describe, expect, it } from 'vitest';
import { sanitizeVendorText, vendorFieldErrors } from './vendor-error-text.ts';

describe('vendor error text', () => {
  it('drops URLs, hosts, addresses and credentials, keeps the words', () => {
    expect(sanitizeVendorText('Could not reach https://internal.acme.example:8443/api for shop.acme.com (10.0.0.7:3306)')).toBe('Could not reach <url> for <host> (<host>)');
    expect(sanitizeVendorText('token shpat_0123456789abcdef rejected; key ck_abc123, mail ops@acme.com, Bearer eyJhbGciOi.x.y')).toBe('token <secret> rejected; key <secret>, mail <email>, Bearer <secret>');
    expect(sanitizeVendorText('sku is required for product.id 12')).toBe('sku is required for product.id 12');
  });

  it('reads the refused fields from WooCommerce, Rails-style, list and Magento bodies', () => {
    expect(vendorFieldErrors({ code: 'rest_invalid_param', data: { status: 400, params: { per_page: 'per_page must be between 1 and 100.' } } }))
      .toEqual([{ field: 'per_page', message: 'per_page must be between 1 and 100.' }]);
    expect(vendorFieldErrors({ errors: { title: ["can't be blank"], price: 'is invalid' } }))
      .toEqual([{ field: 'title', message: "can't be blank" }, { field: 'price', message: 'is invalid' }]);
    expect(vendorFieldErrors({ errors: [{ path: ['stock', 'quantity'], message: 'must be ≥ 0' }] })).toEqual([{ field: 'stock.quantity', message: 'must be ≥ 0' }]);
    expect(vendorFieldErrors({ message: 'The "%fieldName" value is empty.', parameters: { fieldName: 'sku' } }, 'The "sku" value is empty.'))
      .toEqual([{ field: 'sku', message: 'The "sku" value is empty.' }]);
    expect(vendorFieldErrors({ error: { code: 'x', message: 'no fields here' } })).toEqual([]);
  });
});
