import type { GatewayConfig } from '../config/config-schema.ts';

/**
 * The hosts the configured vendors live on (from `baseUrl`, `endpoint`, `shopDomain` and any other
 * URL-valued top-level field), longest first so "shop.example.com:8443" is blanked before
 * "shop.example.com". Tool results blank them from every text.
 */
export function vendorHostsOf(config: GatewayConfig): string[] {
  const hosts = new Set<string>();
  for (const vendor of config.vendors) {
    for (const [key, value] of Object.entries(vendor)) {
      if (typeof value !== 'string') continue;
      if (key === 'shopDomain') hosts.add(value);
      if (!/^https?:\/\//i.test(value)) continue;
      try {
        const url = new URL(value);
        hosts.add(url.host);
        hosts.add(url.hostname);
      } catch {
        // not a URL after all: nothing to blank
      }
    }
  }
  return [...hosts].filter((host) => host.length > 0).sort((a, b) => b.length - a.length);
}
