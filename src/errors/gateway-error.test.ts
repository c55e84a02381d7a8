import { describe, expect, it } from 'vitest';
import { rateBudgetExhausted } from '../resilience/resilience-errors.ts';
import { UpstreamErrorClass } from './error-code.ts';
import { UpstreamError } from './gateway-error.ts';

describe('VENDOR_RATE_LIMITED carries extensions.retryAfterMs', () => {
  it('from the wait our rate budget computed for the vendor', () => {
    const error = rateBudgetExhausted('acme-shopify', 1234.2);
    expect(error.extensions).toMatchObject({ code: 'VENDOR_RATE_LIMITED', vendorId: 'acme-shopify', retryAfterMs: 1235 });
  });

  it('from the vendor’s own Retry-After', () => {
    const error = new UpstreamError('acme-woo throttled', { vendorId: 'acme-woo', errorClass: UpstreamErrorClass.RATE_LIMIT, status: 429, retryAfterSeconds: 3 });
    expect(error.extensions.retryAfterMs).toBe(3000);
  });

  it('not on other errors, nor when nobody said how long', () => {
    expect(new UpstreamError('down', { vendorId: 'v', errorClass: UpstreamErrorClass.SERVER, retryAfterSeconds: 3 }).extensions.retryAfterMs).toBeUndefined();
    expect(new UpstreamError('throttled', { vendorId: 'v', errorClass: UpstreamErrorClass.RATE_LIMIT }).extensions.retryAfterMs).toBeUndefined();
  });
});
