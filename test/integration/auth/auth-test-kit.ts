import { SignJWT } from 'jose';
import { hashApiKey } from '../../../src/auth/api-key-hash.ts';
import type { GatewayConfig } from '../../../src/config/config-schema.ts';
import { validateConfig } from '../../../src/config/load-config.ts';

export const JWT_SECRET = 'test-only-hs256-secret-with-enough-entropy-0123456789';
export const ISSUER = 'https://auth.stockgraph.test/';
export const AUDIENCE = 'stockgraph';

/** API keys as a partner would hold them; the config only ever sees their hashes. */
export const KEYS = {
  viewer: 'sgk_viewer_8f2b7c1d9e',
  writer: 'sgk_writer_1a2b3c4d5e',
  admin: 'sgk_admin_9z8y7x6w5v',
  wooOnly: 'sgk_partner_woo_42',
} as const;

/** A production config over injected vendors `acme-shopify` and `acme-woo`, secrets through ${ENV}. */
export function productionAuthConfig(jwt: Record<string, unknown> = { secret: '${JWT_SECRET}', issuer: ISSUER, audience: AUDIENCE }): GatewayConfig {
  return validateConfig(
    {
      environment: 'production',
      vendors: [
        { id: 'acme-shopify', name: 'Shop', platform: 'shopify', shopDomain: 'acme.myshopify.com', accessToken: '${SHOP_TOKEN}', endpoint: 'http://127.0.0.1:9' },
        { id: 'acme-woo', name: 'Woo', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: '${WOO_KEY}', consumerSecret: '${WOO_SECRET}' },
      ],
      auth: {
        apiKeys: [
          { id: 'viewer-1', keyHash: hashApiKey(KEYS.viewer), roles: ['viewer'] },
          { id: 'writer-1', keyHash: hashApiKey(KEYS.writer), roles: ['inventory:write'] },
          { id: 'admin-1', keyHash: hashApiKey(KEYS.admin), roles: ['admin'] },
          { id: 'partner-woo', keyHash: hashApiKey(KEYS.wooOnly), roles: ['viewer'], vendors: ['acme-woo'] },
        ],
        jwt,
      },
    },
    { JWT_SECRET, SHOP_TOKEN: 'shpat_test', WOO_KEY: 'ck_test', WOO_SECRET: 'cs_test' },
    'test',
  );
}

export interface TokenOptions {
  readonly sub?: string;
  readonly roles?: string[];
  readonly vendors?: string[];
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresAt?: number;
  readonly secret?: string;
}

export async function hs256Token(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { roles: options.roles ?? ['viewer'] };
  if (options.vendors) claims.vendors = options.vendors;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(now - 60)
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setExpirationTime(options.expiresAt ?? now + 600);
  if (options.sub !== '') jwt = jwt.setSubject(options.sub ?? 'user-1');
  return jwt.sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}
