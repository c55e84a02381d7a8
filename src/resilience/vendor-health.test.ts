import { describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { RejectionReason } from './resilience-errors.ts';
import { CircuitStatus, HealthStatus, percentile, VendorHealth } from './vendor-health.ts';
import { VirtualClock } from './virtual-clock.ts';

const serverError = { errorClass: UpstreamErrorClass.SERVER, message: 'acme-woo: Internal Server Error' };

describe('VendorHealth', () => {
  it('is UP with no traffic', () => {
    const health = new VendorHealth('acme', new VirtualClock());
    expect(health.snapshot()).toMatchObject({ vendorId: 'acme', status: HealthStatus.UP, circuit: CircuitStatus.CLOSED, windowCalls: 0, errorRate: 0, latencyP95Ms: null, lastError: null, lastErrorAt: null, rateLimitRemaining: null });
  });

  it('computes error rate, p95 latency and the last error over the window', () => {
    const clock = new VirtualClock();
    const health = new VendorHealth('acme', clock);
    for (let ms = 1; ms <= 20; ms += 1) health.recordAttempt(ms * 10, ms % 4 === 0 ? serverError : null);
    const snapshot = health.snapshot();
    expect(snapshot).toMatchObject({ windowCalls: 20, failures: 5, errorRate: 0.25, latencyP95Ms: 190, status: HealthStatus.DEGRADED });
    expect(snapshot).toMatchObject({ lastError: serverError.message, lastErrorClass: serverError.errorClass, lastErrorAt: new Date(clock.now()).toISOString() });
  });

  it('does not count client errors (404s) as vendor trouble', () => {
    const health = new VendorHealth('acme', new VirtualClock());
    for (let i = 0; i < 10; i += 1) health.recordAttempt(5, { errorClass: UpstreamErrorClass.CLIENT, message: 'not found' });
    expect(health.snapshot()).toMatchObject({ failures: 0, status: HealthStatus.UP });
  });

  it('forgets attempts older than the window', () => {
    const clock = new VirtualClock();
    const health = new VendorHealth('acme', clock, { windowMs: 60_000, bucketMs: 5_000 });
    for (let i = 0; i < 10; i += 1) health.recordAttempt(5, serverError);
    clock.advance(30_000);
    health.recordAttempt(7, null);
    expect(health.snapshot()).toMatchObject({ windowCalls: 11, failures: 10 });
    clock.advance(40_000);
    expect(health.snapshot()).toMatchObject({ windowCalls: 1, failures: 0, status: HealthStatus.UP });
  });

  it('derives DOWN from an open circuit and DEGRADED from half-open or rejections', () => {
    const health = new VendorHealth('acme', new VirtualClock());
    health.setCircuit(CircuitStatus.OPEN);
    expect(health.snapshot().status).toBe(HealthStatus.DOWN);
    health.setCircuit(CircuitStatus.HALF_OPEN);
    expect(health.snapshot().status).toBe(HealthStatus.DEGRADED);
    health.setCircuit(CircuitStatus.CLOSED);
    health.recordRejection(RejectionReason.BULKHEAD_FULL);
    expect(health.snapshot()).toMatchObject({ status: HealthStatus.DEGRADED, rejected: 1 });
  });

  it('reports the rate budget left as a fraction', () => {
    const rateBudget = { available: 250, maximum: 1000, restoreRate: 50, fraction: 0.25, waiting: 0 };
    const health = new VendorHealth('acme', new VirtualClock(), { rateBudget: () => rateBudget });
    expect(health.snapshot()).toMatchObject({ rateLimitRemaining: 0.25, rateBudget });
  });

  it('truncates long error messages', () => {
    const health = new VendorHealth('acme', new VirtualClock());
    health.recordAttempt(5, { errorClass: UpstreamErrorClass.SERVER, message: 'x'.repeat(1000) });
    expect(health.snapshot().lastError).toHaveLength(200);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 0.95)).toBe(5);
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([], 0.95)).toBeNull();
  });
});
