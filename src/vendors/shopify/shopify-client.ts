import type { z } from 'zod';
import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import type { BudgetReservation } from '../../resilience/rate-budget.ts';
import { VendorHttpClient } from '../http/vendor-http-client.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { staticTokenSource, type ShopifyTokenSource } from './shopify-access-tokens.ts';
import { usesRefreshToken, type ShopifyVendorConfig } from '../../config/vendors/shopify-config.ts';
import { ExpiringTokenSource } from './shopify-expiring-tokens.ts';
import { ShopifyTokenExchange } from './shopify-token-exchange.ts';
import type { ShopifyThrottleStatus } from '../../resilience/shopify-cost-budget.ts';
import { graphqlEnvelopeSchema } from './shopify-schemas.ts';

/** One named GraphQL operation and the zod schema of its `data`. */
export interface ShopifyOperation<T> {
  readonly name: string;
  readonly document: string;
  readonly data: z.ZodType<T>;
}

export interface ShopifyCallOptions {
  /** Requested query cost (shopify-cost-plan.ts), handed to the policy's rate budget. */
  readonly cost: number;
  /** Safe to retry: reads, and mutations carrying `@idempotent(key:)`. Defaults to true. */
  readonly idempotent?: boolean;
}

export interface ShopifyClientHooks {
  /** Called with the bucket state of every answer that carried one (THROTTLED answers too). */
  readonly onThrottleStatus?: (status: ShopifyThrottleStatus, vendorId: string) => void;
}

const MAX_MESSAGE = 200;

/**
 * The Shopify Admin GraphQL client: POST `{origin}/admin/api/{version}/graphql.json` with the
 * `X-Shopify-Access-Token` header, over the vendor's VendorHttpClient and policy.
 * GraphQL-level failures are classified here, at the edge, even though Shopify sends them with
 * HTTP 200: THROTTLED is RATE_LIMIT with a wait computed from the bucket, other top-level errors
 * are CLIENT (our request was refused). A payload that fails its schema is VALIDATION.
 * `userErrors` of mutations are data and reach the caller untouched.
 *
 * Cost pacing hook: every answer's `extensions.cost.throttleStatus` is kept in
 * `lastThrottleStatus` and passed to `onThrottleStatus`, so a pacer can wait before a query whose
 * cost exceeds what the bucket holds instead of provoking THROTTLED.
 */
export class ShopifyClient {
  readonly vendorId: string;
  lastThrottleStatus: ShopifyThrottleStatus | null = null;
  private readonly http: VendorHttpClient;
  private readonly path: string;
  private readonly hooks: ShopifyClientHooks;
  private readonly costFeedback: VendorDeps['costFeedback'];
  private readonly tokens: ShopifyTokenSource;
  private readonly tokenExchange: ShopifyTokenExchange | null = null;

  constructor(config: ShopifyVendorConfig, deps: VendorDeps, hooks: ShopifyClientHooks = {}) {
    this.vendorId = config.id;
    this.hooks = hooks;
    this.costFeedback = deps.costFeedback;
    const base = new URL(config.endpoint ?? `https://${config.shopDomain}`);
    this.path = `${base.pathname.replace(/\/+$/, '')}/admin/api/${config.apiVersion}/graphql.json`;
    if (usesRefreshToken(config)) {
      if (!deps.sealedValues) throw new Error(`${config.id}: expiring offline tokens need the state store's sealed values (STOCKGRAPH_SECRET_KEY)`);
      const basePath = base.pathname.replace(/\/+$/, '');
      const exchange = new ShopifyTokenExchange({ vendorId: config.id, origin: base.origin, basePath, clientId: config.clientId, clientSecret: config.clientSecret }, deps);
      this.tokenExchange = exchange;
      this.tokens = new ExpiringTokenSource({
        vendorId: config.id,
        storeKey: `shopify-oauth/${config.shopDomain}/${config.clientId}`,
        configuredRefreshToken: config.refreshToken,
        exchange: (ctx, refreshToken) => exchange.refresh(ctx, refreshToken),
        vault: deps.sealedValues,
        logger: deps.logger,
      });
    } else {
      this.tokens = staticTokenSource(config.accessToken ?? '');
    }
    this.http = new VendorHttpClient({
      vendorId: config.id,
      origin: base.origin,
      // The token travels in each request's own headers: it may change between calls.
      authHeaders: () => ({}),
      policy: deps.policy,
      observer: deps.observer,
      describeError: describeShopifyError,
      inspectResponse: (response, _request, reservation) => this.inspect(response.body, reservation),
    });
  }

  async execute<T>(
    ctx: UpstreamCallContext,
    operation: ShopifyOperation<T>,
    variables: Readonly<Record<string, unknown>>,
    options: ShopifyCallOptions,
  ): Promise<T> {
    const response = await this.send(ctx, operation, variables, options);
    const envelope = graphqlEnvelopeSchema.safeParse(response.body);
    const data = envelope.success ? envelope.data.data : undefined;
    const parsed = operation.data.safeParse(data);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path.join('.') || '(root)';
      throw new UpstreamError(`shopify payload did not match the expected shape at ${path}`, {
        vendorId: this.vendorId,
        errorClass: UpstreamErrorClass.VALIDATION,
        status: response.status,
      });
    }
    return parsed.data;
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.tokenExchange?.close()]);
  }

  /**
   * A 401 (an expired or revoked token) is answered by one new token and one resend: Shopify
   * refuses the request before running it, so even a mutation is safe to send again.
   */
  private async send(ctx: UpstreamCallContext, operation: ShopifyOperation<unknown>, variables: Readonly<Record<string, unknown>>, options: ShopifyCallOptions) {
    const request = (token: string) =>
      this.http.request(ctx, {
        method: 'POST',
        path: this.path,
        headers: { 'x-shopify-access-token': token },
        body: { query: operation.document, variables, operationName: operation.name },
        operation: operation.name,
        idempotent: options.idempotent ?? true,
        cost: options.cost,
      });
    const token = await this.tokens.token(ctx);
    try {
      return await request(token);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.status !== 401 || !this.tokens.invalidate(token)) throw error;
      ctx.logger.info({ vendorId: this.vendorId, operation: operation.name }, 'shopify refused the access token; sending once more with a new one');
      return request(await this.tokens.token(ctx));
    }
  }

  private inspect(body: unknown, reservation: BudgetReservation | undefined): UpstreamError | undefined {
    const envelope = graphqlEnvelopeSchema.safeParse(body);
    if (!envelope.success) return undefined; // execute() reports the shape problem
    const cost = envelope.data.extensions?.cost;
    if (cost) {
      this.lastThrottleStatus = cost.throttleStatus;
      this.costFeedback?.observe(cost.throttleStatus, cost.requestedQueryCost ?? undefined, cost.actualQueryCost, reservation);
      this.hooks.onThrottleStatus?.(cost.throttleStatus, this.vendorId);
    }
    const errors = envelope.data.errors ?? [];
    const first = errors[0];
    if (!first) return undefined;
    const code = first.extensions?.code;
    if (code === 'THROTTLED') {
      const need = Math.max(1, cost?.requestedQueryCost ?? 1);
      const status = cost?.throttleStatus;
      const retryAfterSeconds = status && status.restoreRate > 0 ? Math.max(0, need - status.currentlyAvailable) / status.restoreRate : undefined;
      return new UpstreamError(`${this.vendorId}: Shopify throttled the query (cost bucket empty)`, {
        vendorId: this.vendorId,
        errorClass: UpstreamErrorClass.RATE_LIMIT,
        status: 200,
        retryAfterSeconds,
        vendorMessage: 'Throttled',
      });
    }
    const vendorMessage = truncate(first.message);
    return new UpstreamError(`${this.vendorId}: ${vendorMessage}`, {
      vendorId: this.vendorId,
      errorClass: classifyGraphqlCode(code),
      status: 200,
      vendorMessage,
      ...(code ? { vendorCode: code } : {}),
    });
  }
}

/** Top-level GraphQL error codes that are not "our request was refused". */
export function classifyGraphqlCode(code: string | undefined): UpstreamErrorClass {
  switch (code) {
    case 'THROTTLED':
      return UpstreamErrorClass.RATE_LIMIT;
    case 'ACCESS_DENIED':
      return UpstreamErrorClass.AUTHORIZATION;
    // The first request with this key is still running; retrying with the same key returns its result.
    case 'IDEMPOTENCY_CONCURRENT_REQUEST':
    case 'INTERNAL_SERVER_ERROR':
      return UpstreamErrorClass.SERVER;
    default:
      return UpstreamErrorClass.CLIENT;
  }
}

/** Shopify's HTTP error bodies: `{"errors": "…"}`, `{"errors": [{message}]}` or `{"errors": {field: "…"}}`. */
export function describeShopifyError(status: number, body: unknown): string | undefined {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (typeof errors === 'string') return truncate(errors);
  if (Array.isArray(errors)) {
    const message = (errors[0] as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string') return truncate(message);
  }
  if (errors && typeof errors === 'object') {
    return truncate(Object.entries(errors).map(([field, text]) => `${field}: ${String(text)}`).join('; '));
  }
  return status === 401 ? 'invalid access token' : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
