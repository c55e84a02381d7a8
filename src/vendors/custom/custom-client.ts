import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import { VendorHttpClient, type VendorHttpResponse } from '../http/vendor-http-client.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { authHeaders, authQueryParam } from './custom-auth.ts';
import type { CustomVendorConfig } from '../../config/vendors/custom/custom-config.ts';
import { readJsonPath } from '../../config/vendors/custom/json-path.ts';

/** Where vendors usually put an error message, tried in order when the mapping names none. */
const DEFAULT_ERROR_PATHS = ['error.message', 'message', 'error', 'errors[0].message', 'detail'];

/**
 * HTTP for one custom vendor: paths relative to `baseUrl` (whose own path, like /api/v1, is kept),
 * the configured auth on every call (headers, or a query parameter that never leaves this class
 * in a cursor), and error bodies summarised through the mapping's `errorMessagePath`.
 */
export class CustomClient {
  readonly vendorId: string;
  private readonly http: VendorHttpClient;
  private readonly origin: string;
  private readonly prefix: string;
  private readonly queryAuth: ReturnType<typeof authQueryParam>;

  constructor(config: CustomVendorConfig, deps: VendorDeps) {
    const base = new URL(config.baseUrl);
    this.vendorId = config.id;
    this.origin = base.origin;
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.queryAuth = authQueryParam(config.auth);
    const headers = authHeaders(config.auth);
    const messagePaths = config.mapping.errorMessagePath ? [config.mapping.errorMessagePath] : DEFAULT_ERROR_PATHS;
    this.http = new VendorHttpClient({
      vendorId: config.id,
      origin: this.origin,
      authHeaders: () => headers,
      policy: deps.policy,
      observer: deps.observer,
      describeError: (_status, body) => describeErrorBody(body, messagePaths),
    });
  }

  /** A read below `baseUrl` (`path` like "/products"). Reads are safe to retry. */
  get(ctx: UpstreamCallContext, path: string, query: URLSearchParams, operation: string): Promise<VendorHttpResponse> {
    return this.getFromOrigin(ctx, `${this.prefix}${path}`, query, operation);
  }

  /** `path` below `baseUrl` as a path below the origin. */
  originPath(path: string): string {
    return `${this.prefix}${path}`;
  }

  /** A read of a path already below the origin (a followed Link header). */
  getFromOrigin(ctx: UpstreamCallContext, originPath: string, query: URLSearchParams, operation: string): Promise<VendorHttpResponse> {
    return this.http.request(ctx, { method: 'GET', path: originPath, query: this.withAuth(query), operation, idempotent: true });
  }

  /** A write. Never retried: the vendor does not deduplicate it (see custom-stock-writer.ts). */
  write(ctx: UpstreamCallContext, method: 'PUT' | 'POST', path: string, body: unknown, operation: string): Promise<VendorHttpResponse> {
    return this.http.request(ctx, { method, path: `${this.prefix}${path}`, query: this.withAuth(new URLSearchParams()), body, operation, idempotent: false });
  }

  /**
   * A next-page URL from a Link header as "path?query" below our origin, with the auth parameter
   * removed (the result becomes part of a client-visible cursor). A link to another origin is a
   * vendor fault: following it would send our credentials elsewhere.
   */
  relativeLink(link: string): string {
    const url = new URL(link, this.origin);
    if (url.origin !== this.origin) {
      throw new UpstreamError(`${this.vendorId}: the next-page link points to another host`, {
        vendorId: this.vendorId,
        errorClass: UpstreamErrorClass.VALIDATION,
      });
    }
    if (this.queryAuth) url.searchParams.delete(this.queryAuth.param);
    return `${url.pathname}${url.search}`;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private withAuth(query: URLSearchParams): URLSearchParams {
    if (!this.queryAuth) return query;
    const out = new URLSearchParams(query);
    out.set(this.queryAuth.param, this.queryAuth.value);
    return out;
  }
}

function describeErrorBody(body: unknown, paths: readonly string[]): string | undefined {
  for (const path of paths) {
    const value = readJsonPath(body, path);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/** A response header as one string (undici gives arrays for repeated headers). */
export function headerValue(response: VendorHttpResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The vendor answered 200 with a body that does not fit the mapping. */
export function shapeError(vendorId: string, message: string): UpstreamError {
  return new UpstreamError(`${vendorId}: ${message}`, { vendorId, errorClass: UpstreamErrorClass.VALIDATION, vendorMessage: message });
}
