import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { wooError } from './woocommerce-sim-errors.ts';

export interface WooKeyPair {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly permissions: 'read' | 'read_write';
}

export type WooAuthOutcome =
  | { readonly kind: 'authenticated'; readonly canWrite: boolean }
  /** No credentials at all: WordPress serves the request as a logged-out visitor; the route's permission check answers. */
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'rejected'; readonly response: SimResponse };

/**
 * WooCommerce's REST authentication (WC_REST_Authentication, basic-auth branch): the consumer key
 * as the Basic user and the secret as password, or `consumer_key` / `consumer_secret` query
 * parameters. A wrong key or secret fails before routing with `woocommerce_rest_authentication_error`.
 * Real WooCommerce allows this only over HTTPS (OAuth 1.0a otherwise); the simulator stands for a
 * site behind a TLS-terminating proxy, so it accepts it over its loopback HTTP.
 */
export function authenticate(request: SimRequest, keys: readonly WooKeyPair[]): WooAuthOutcome {
  const supplied = basicCredentials(request.headers.authorization) ?? queryCredentials(request.query);
  if (!supplied) return { kind: 'anonymous' };
  const pair = keys.find((candidate) => candidate.consumerKey === supplied.key);
  if (!pair) return rejected('Consumer key is invalid.');
  if (pair.consumerSecret !== supplied.secret) return rejected('Consumer secret is invalid.');
  const writing = request.method !== 'GET' && request.method !== 'HEAD';
  if (writing && pair.permissions === 'read') return rejected('The API key provided does not have write permissions.');
  return { kind: 'authenticated', canWrite: pair.permissions === 'read_write' };
}

function rejected(message: string): WooAuthOutcome {
  return { kind: 'rejected', response: wooError(401, 'woocommerce_rest_authentication_error', message) };
}

function basicCredentials(header: string | undefined): { key: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function queryCredentials(query: URLSearchParams): { key: string; secret: string } | null {
  const key = query.get('consumer_key');
  const secret = query.get('consumer_secret');
  return key && secret ? { key, secret } : null;
}
