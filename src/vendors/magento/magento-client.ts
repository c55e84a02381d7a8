import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import { VendorHttpClient, type VendorHttpRequest } from '../http/vendor-http-client.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { AdminTokenSource, staticTokenSource, type MagentoTokenSource } from './magento-auth.ts';
import type { MagentoVendorConfig } from '../../config/vendors/magento-config.ts';
import { describeMagentoError } from './magento-errors.ts';
import { magentoSearchResultsSchema, magentoTokenSchema } from './magento-schemas.ts';
import { searchCriteriaParams, type SearchCriteria } from './magento-search-criteria.ts';

export interface MagentoClientOptions {
  /** Epoch-ms clock for token expiry (tests inject a fake one). */
  readonly clock?: () => number;
}

export interface MagentoCall {
  readonly method: VendorHttpRequest['method'];
  /** Path below /rest/<storeCode>/V1, starting with "/". */
  readonly path: string;
  readonly query?: URLSearchParams;
  readonly body?: unknown;
  readonly operation: string;
  readonly idempotent: boolean;
}

export interface MagentoSearchPage {
  readonly items: readonly unknown[];
  readonly totalCount: number;
}

/**
 * HTTP + auth for one Magento store: `{baseUrl}/rest/{storeCode}/V1`, `Authorization: Bearer`,
 * with an integration token or admin credentials (see AdminTokenSource). A 401 is answered by
 * one token refresh and one resend: Magento refuses the call before running it, so even a
 * non-idempotent write is safe to resend after a 401.
 */
export class MagentoClient {
  readonly vendorId: string;
  private readonly http: VendorHttpClient;
  private readonly loginHttp: VendorHttpClient;
  private readonly apiPrefix: string;
  private readonly tokens: MagentoTokenSource;

  constructor(config: MagentoVendorConfig, deps: VendorDeps, options: MagentoClientOptions = {}) {
    this.vendorId = config.id;
    const base = new URL(config.baseUrl);
    this.apiPrefix = `${base.pathname.replace(/\/+$/, '')}/rest/${config.storeCode}/V1`;
    const common = { vendorId: config.id, origin: base.origin, policy: deps.policy, describeError: describeMagentoError, observer: deps.observer };
    // The token travels in each request's own headers (it may change between attempts of one call).
    this.http = new VendorHttpClient({ ...common, authHeaders: () => ({}) });
    this.loginHttp = new VendorHttpClient({ ...common, authHeaders: () => ({}), connections: 1 });
    if (config.accessToken) {
      this.tokens = staticTokenSource(config.accessToken);
    } else {
      const { username, password } = config;
      this.tokens = new AdminTokenSource((ctx) => this.exchangeAdminToken(ctx, username ?? '', password ?? ''), options.clock ?? Date.now);
    }
  }

  async call(ctx: UpstreamCallContext, call: MagentoCall): Promise<unknown> {
    const token = await this.tokens.token(ctx);
    try {
      return await this.send(ctx, call, token);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.status !== 401 || !this.tokens.invalidate(token)) throw error;
      ctx.logger.info({ vendorId: this.vendorId, operation: call.operation }, 'magento refused the bearer token; refreshing it once');
      return this.send(ctx, call, await this.tokens.token(ctx));
    }
  }

  /** One page of a `…/search`-style GET: `{ items, search_criteria, total_count }`. */
  async search(ctx: UpstreamCallContext, path: string, criteria: SearchCriteria, operation: string): Promise<MagentoSearchPage> {
    const body = await this.call(ctx, { method: 'GET', path, query: searchCriteriaParams(criteria), operation, idempotent: true });
    const parsed = magentoSearchResultsSchema.safeParse(body);
    if (!parsed.success) throw this.shapeError(operation);
    return { items: parsed.data.items, totalCount: parsed.data.total_count };
  }

  shapeError(operation: string): UpstreamError {
    return new UpstreamError(`${this.vendorId} answered ${operation} with an unexpected payload`, {
      vendorId: this.vendorId,
      errorClass: UpstreamErrorClass.VALIDATION,
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.loginHttp.close()]);
  }

  private async send(ctx: UpstreamCallContext, call: MagentoCall, token: string): Promise<unknown> {
    const response = await this.http.request(ctx, {
      method: call.method,
      path: `${this.apiPrefix}${call.path}`,
      query: call.query,
      body: call.body,
      headers: { authorization: `Bearer ${token}` },
      operation: call.operation,
      idempotent: call.idempotent,
    });
    return response.body;
  }

  private async exchangeAdminToken(ctx: UpstreamCallContext, username: string, password: string): Promise<string> {
    const response = await this.loginHttp.request(ctx, {
      method: 'POST',
      path: `${this.apiPrefix}/integration/admin/token`,
      body: { username, password },
      operation: 'adminToken',
      // A second login only issues a second token; failed logins (401) are never retried by the policy.
      idempotent: true,
    });
    const token = magentoTokenSchema.safeParse(response.body);
    if (!token.success) throw this.shapeError('adminToken');
    return token.data;
  }
}
