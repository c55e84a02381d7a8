import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import { VendorHttpClient, type VendorHttpResponse } from '../http/vendor-http-client.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { WooCommerceVendorConfig } from '../../config/vendors/woocommerce-config.ts';
import { WOO_API_PREFIX, WOO_MAX_PER_PAGE } from './woocommerce-endpoints.ts';
import { wooErrorSchema } from './woocommerce-schemas.ts';

export type WooQuery = Readonly<Record<string, string | number | undefined>>;

/** One page of a collection with WordPress's paging headers. */
export interface WooPage {
  readonly body: unknown;
  /** `X-WP-Total`: matching resources over all pages. */
  readonly total: number;
  /** `X-WP-TotalPages`. */
  readonly totalPages: number;
}

/**
 * HTTP + auth + paging for one WooCommerce site, over the shared VendorHttpClient.
 *
 * Auth: HTTP Basic with the consumer key as user and the secret as password (v3 docs,
 * "Authentication over HTTPS"); with `queryStringAuth` the keys travel as `consumer_key` /
 * `consumer_secret` query parameters instead, for servers that drop the Authorization header.
 * The keys are added to the query only at the HTTP edge, never to anything logged: log lines
 * carry the path without its query, and errors carry WooCommerce's `message (code)` only.
 */
export class WooCommerceClient {
  private readonly http: VendorHttpClient;
  private readonly prefix: string;
  private readonly config: WooCommerceVendorConfig;

  constructor(config: WooCommerceVendorConfig, deps: VendorDeps) {
    this.config = config;
    const site = new URL(config.baseUrl);
    // WordPress may live in a sub-folder (https://example.com/shop); the API hangs below it.
    this.prefix = `${site.pathname.replace(/\/+$/, '')}${WOO_API_PREFIX}`;
    const basic = `Basic ${Buffer.from(`${config.consumerKey}:${config.consumerSecret}`, 'utf8').toString('base64')}`;
    const headers: Readonly<Record<string, string>> = config.queryStringAuth ? {} : { authorization: basic };
    this.http = new VendorHttpClient({
      vendorId: config.id,
      origin: site.origin,
      authHeaders: () => headers,
      policy: deps.policy,
      describeError: describeWooError,
      observer: deps.observer,
    });
  }

  /** GET one page (or one resource); reads are idempotent and may be retried by the policy. */
  async get(ctx: UpstreamCallContext, path: string, query: WooQuery, operation: string): Promise<WooPage> {
    const response = await this.send(ctx, { method: 'GET', path, query, operation, idempotent: true });
    return {
      body: response.body,
      total: headerInt(response, 'x-wp-total'),
      totalPages: headerInt(response, 'x-wp-totalpages'),
    };
  }

  /** Every page of a collection, `per_page=100`, driven by `X-WP-TotalPages`. */
  async getAll(ctx: UpstreamCallContext, path: string, query: WooQuery, operation: string): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 1; ; page += 1) {
      const result = await this.get(ctx, path, { ...query, per_page: WOO_MAX_PER_PAGE, page }, operation);
      items.push(...asArray(result.body, operation, this.config.id));
      if (page >= result.totalPages) return items;
    }
  }

  /**
   * A stock write. WooCommerce does not deduplicate writes, so they are never idempotent:
   * the policy must not retry them, and an unknown outcome is resolved by the caller's read-back.
   */
  async write(ctx: UpstreamCallContext, method: 'PUT' | 'POST', path: string, body: unknown, operation: string): Promise<unknown> {
    const response = await this.send(ctx, { method, path, query: {}, body, operation, idempotent: false });
    return response.body;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async send(
    ctx: UpstreamCallContext,
    request: { method: 'GET' | 'PUT' | 'POST'; path: string; query: WooQuery; body?: unknown; operation: string; idempotent: boolean },
  ): Promise<VendorHttpResponse> {
    const path = `${this.prefix}${request.path}`;
    ctx.logger.debug({ vendorId: this.config.id, operation: request.operation, method: request.method, path }, 'woocommerce call');
    const query = this.config.queryStringAuth
      ? { ...request.query, consumer_key: this.config.consumerKey, consumer_secret: this.config.consumerSecret }
      : request.query;
    return this.http.request(ctx, {
      method: request.method,
      path,
      query,
      body: request.body,
      operation: request.operation,
      idempotent: request.idempotent,
    });
  }
}

/** `{ code, message, data: { status } }` → "Consumer key is invalid. (woocommerce_rest_authentication_error)". */
export function describeWooError(status: number, body: unknown): string | undefined {
  const parsed = wooErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return `${parsed.data.message} (${parsed.data.code})`;
}

export function asArray(body: unknown, operation: string, vendorId: string): unknown[] {
  if (Array.isArray(body)) return body;
  throw new UpstreamError(`${vendorId} answered ${operation} with a body that is not a list`, {
    vendorId,
    errorClass: UpstreamErrorClass.VALIDATION,
  });
}

function headerInt(response: VendorHttpResponse, name: string): number {
  const raw = response.headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(value) && value >= 0 ? value : 0;
}
