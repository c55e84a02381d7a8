import { Pool, errors as undiciErrors } from 'undici';
import type { BudgetReservation } from '../../resilience/rate-budget.ts';
import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import { endSpan, startUpstreamSpan } from '../../observability/tracing.ts';
import type { UpstreamPolicy } from '../../resilience/upstream-policy.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { UpstreamObserver } from '../../observability/upstream-observer.ts';
import { sanitizeVendorText, vendorFieldErrors } from './vendor-error-text.ts';

export interface VendorHttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the client's origin, including the API prefix. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>> | URLSearchParams;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Bounded operation name for logs and metrics. */
  readonly operation: string;
  /** Safe to repeat (reads, or writes the vendor deduplicates)? Decides retries. */
  readonly idempotent: boolean;
  /** Rate-budget cost of this call (defaults to 1). */
  readonly cost?: number;
}

export interface VendorHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body (undefined for an empty body). */
  readonly body: unknown;
}

/** Turns a vendor's error body into a short message safe for clients (no secrets, no raw body). */
export type VendorErrorDescriber = (status: number, body: unknown) => string | undefined;

export interface VendorHttpClientOptions {
  readonly vendorId: string;
  /** Origin like `https://shop.example.com` or `http://127.0.0.1:5001`. */
  readonly origin: string;
  /** Headers on every call (auth). Never logged. */
  readonly authHeaders: () => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>;
  readonly policy: UpstreamPolicy;
  readonly describeError: VendorErrorDescriber;
  /** Keep-alive connections to the vendor. */
  readonly connections?: number;
  readonly observer?: UpstreamObserver;
  /**
   * Looks at every parsed 2xx answer inside the attempt. Returns an UpstreamError for a failure
   * the vendor reports in the body (Shopify's THROTTLED arrives as HTTP 200) so the policy can
   * classify and retry it; also where a client feeds its rate budget from the answer (Shopify:
   * `costBudget.observe(throttleStatus, requested, actual, reservation)`, handing back the
   * reservation the policy gave this attempt).
   */
  readonly inspectResponse?: (response: VendorHttpResponse, request: VendorHttpRequest, reservation: BudgetReservation | undefined) => UpstreamError | undefined;
}


/** Keep-alive connections per vendor pool unless a client asks for fewer (the bench's replay mirrors it). */
export const VENDOR_POOL_CONNECTIONS = 16;

/**
 * The HTTP edge of every vendor client: one undici keep-alive pool per vendor, every call
 * through the vendor's resilience policy, and every failure classified here, once, into the
 * upstream error taxonomy. Nothing above this layer sees an undici error or a raw vendor body.
 */
export class VendorHttpClient {
  private readonly pool: Pool;
  private readonly options: VendorHttpClientOptions;

  constructor(options: VendorHttpClientOptions) {
    this.options = options;
    this.pool = new Pool(options.origin, {
      connections: options.connections ?? VENDOR_POOL_CONNECTIONS,
      keepAliveTimeout: 30_000,
      pipelining: 1,
    });
  }

  get vendorId(): string {
    return this.options.vendorId;
  }

  async request(ctx: UpstreamCallContext, request: VendorHttpRequest): Promise<VendorHttpResponse> {
    return this.options.policy.execute((signal, reservation) => this.attempt(ctx, request, signal, reservation), {
      operation: request.operation,
      idempotent: request.idempotent,
      signal: ctx.signal,
      deadline: ctx.deadline,
      cost: request.cost ?? 1,
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async attempt(
    ctx: UpstreamCallContext,
    request: VendorHttpRequest,
    signal: AbortSignal,
    reservation: BudgetReservation | undefined,
  ): Promise<VendorHttpResponse> {
    const started = performance.now();
    const trace = startUpstreamSpan(ctx.traceContext, this.vendorId, request.operation);
    let status: number | null = null;
    try {
      const response = await this.send(ctx, request, signal, trace.headers, reservation);
      status = response.status;
      endSpan(trace.span, undefined, { 'http.response.status_code': status });
      return response;
    } catch (error) {
      const classified = this.classify(error, signal);
      endSpan(trace.span, classified, { 'stockgraph.error_class': classified.errorClass });
      this.report(request.operation, started, status ?? classified.status ?? null, classified.errorClass);
      ctx.timings?.record({
        vendorId: this.vendorId,
        operation: request.operation,
        ms: performance.now() - started,
        status: 'error',
      });
      throw classified;
    } finally {
      if (status !== null && status < 400) {
        this.report(request.operation, started, status, null);
        ctx.timings?.record({ vendorId: this.vendorId, operation: request.operation, ms: performance.now() - started, status });
      }
    }
  }

  private async send(
    ctx: UpstreamCallContext,
    request: VendorHttpRequest,
    signal: AbortSignal,
    traceHeaders: Record<string, string>,
    reservation: BudgetReservation | undefined,
  ): Promise<VendorHttpResponse> {
    const query = request.query instanceof URLSearchParams ? request.query : toSearchParams(request.query);
    const path = query.size > 0 ? `${request.path}?${query.toString()}` : request.path;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-request-id': ctx.requestId,
      ...traceHeaders,
      ...(await this.options.authHeaders()),
      ...request.headers,
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.pool.request({ method: request.method, path, headers, body, signal });
    const text = await response.body.text();
    const parsed = parseJson(text);
    if (response.statusCode >= 400) {
      throw this.statusError(response.statusCode, response.headers, parsed.ok ? parsed.value : undefined);
    }
    if (!parsed.ok) {
      throw new UpstreamError(`${this.vendorId} answered ${request.operation} with a body that is not JSON`, {
        vendorId: this.vendorId,
        errorClass: UpstreamErrorClass.VALIDATION,
        status: response.statusCode,
      });
    }
    const result: VendorHttpResponse = { status: response.statusCode, headers: response.headers, body: parsed.value };
    const failure = this.options.inspectResponse?.(result, request, reservation);
    if (failure) throw failure;
    return result;
  }

  private statusError(status: number, headers: Record<string, string | string[] | undefined>, body: unknown): UpstreamError {
    const described = this.options.describeError(status, body);
    const vendorMessage = sanitizeVendorText(described ?? `HTTP ${status}`);
    const fieldErrors = vendorFieldErrors(body, described);
    const errorClass = classifyStatus(status, fieldErrors.length > 0);
    const fields = fieldErrors.map((error) => `${error.field}: ${error.message}`).join('; ');
    const message = errorClass === UpstreamErrorClass.INVALID_INPUT
      ? `${this.vendorId} rejected the input: ${vendorMessage}${fields && !vendorMessage.includes(fields) ? ` (${fields})` : ''}`
      : `${this.vendorId}: ${vendorMessage}`;
    return new UpstreamError(message, {
      vendorId: this.vendorId,
      errorClass,
      status,
      retryAfterSeconds: parseRetryAfter(headers['retry-after']),
      vendorMessage,
      fieldErrors,
    });
  }

  private classify(error: unknown, signal: AbortSignal): UpstreamError {
    if (error instanceof UpstreamError) return error;
    const vendorId = this.vendorId;
    if (signal.aborted || isAbortError(error) || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
      return new UpstreamError(`${vendorId} did not answer in time`, { vendorId, errorClass: UpstreamErrorClass.TIMEOUT, cause: error });
    }
    return new UpstreamError(`${vendorId} could not be reached (${networkReason(error)})`, {
      vendorId,
      errorClass: UpstreamErrorClass.NETWORK,
      cause: error,
    });
  }

  private report(operation: string, started: number, status: number | null, errorClass: UpstreamErrorClass | null): void {
    this.options.observer?.onAttempt({ vendorId: this.vendorId, operation, ms: performance.now() - started, status, errorClass });
  }
}

/**
 * The class of an HTTP error status. 422 (and any other 4xx whose body names the refused fields,
 * such as WooCommerce's 400 `rest_invalid_param`) is INVALID_INPUT: our input was refused, which
 * is neither a credentials problem (401/403) nor vendor trouble, and logs and metrics keep them apart.
 */
export function classifyStatus(status: number, namesFields = false): UpstreamErrorClass {
  if (status === 401) return UpstreamErrorClass.AUTHENTICATION;
  if (status === 403) return UpstreamErrorClass.AUTHORIZATION;
  if (status === 429) return UpstreamErrorClass.RATE_LIMIT;
  if (status === 408 || status === 504) return UpstreamErrorClass.TIMEOUT;
  if (status >= 500) return UpstreamErrorClass.SERVER;
  if (status === 422 || namesFields) return UpstreamErrorClass.INVALID_INPUT;
  return UpstreamErrorClass.CLIENT;
}

/** `Retry-After` as seconds; accepts delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

function toSearchParams(query: VendorHttpRequest['query']): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.append(key, String(value));
  }
  return params;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function networkReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'connection failed';
}

