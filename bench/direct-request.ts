import type { VendorConfig } from '../src/config/config-schema.ts';

/** One vendor's list endpoint as a plain HTTP request: the "direct" row, the physical limit. */
export interface DirectRequest {
  readonly vendorId: string;
  readonly description: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The first vendor whose REST list endpoint the bench knows how to call (WooCommerce preferred,
 * as the catalog page starts there), asking for a page of `pageSize` like the catalog scenario.
 */
export function directListRequest(vendors: readonly VendorConfig[], pageSize: number): DirectRequest | null {
  const ordered = [...vendors].sort((a, b) => Number(b.platform === 'woocommerce') - Number(a.platform === 'woocommerce'));
  for (const vendor of ordered) {
    const request = listRequestOf(vendor, pageSize);
    if (request) return request;
  }
  return null;
}

function listRequestOf(vendor: VendorConfig, pageSize: number): DirectRequest | null {
  switch (vendor.platform) {
    case 'woocommerce': {
      const url = `${vendor.baseUrl.replace(/\/+$/, '')}/wp-json/wc/v3/products?per_page=${String(pageSize)}&orderby=id&order=asc`;
      const basic = Buffer.from(`${vendor.consumerKey}:${vendor.consumerSecret}`).toString('base64');
      return { vendorId: vendor.id, description: `GET ${vendor.id} /wp-json/wc/v3/products?per_page=${String(pageSize)}`, url, headers: { authorization: `Basic ${basic}` } };
    }
    case 'custom': {
      const list = vendor.mapping.list;
      const url = `${vendor.baseUrl.replace(/\/+$/, '')}${list.path}?${list.pageSize.param}=${String(Math.min(pageSize, list.pageSize.max))}`;
      if (vendor.auth.type !== 'header') return null;
      return { vendorId: vendor.id, description: `GET ${vendor.id} ${list.path}`, url, headers: { [vendor.auth.name]: vendor.auth.value } };
    }
    default:
      return null;
  }
}
