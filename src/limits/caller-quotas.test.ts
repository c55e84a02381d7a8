import { describe, expect, it } from 'vitest';
import { CallerRole, DEVELOPMENT_CALLER, effectiveRoles, type Caller } from '../model/caller.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { CallerQuotas } from './caller-quotas.ts';
import { memoryQuotaLimiter } from './quota-limiter.ts';

const caller = (kind: Caller['kind'], id: string): Caller => ({ id, kind, roles: effectiveRoles([CallerRole.VIEWER]), vendorScope: null });
const refusal = async (promise: Promise<void>) => promise.then(() => null, (error: unknown) => (error instanceof GatewayError ? error : Promise.reject(error)));

describe('CallerQuotas', () => {
  const quotas = () =>
    new CallerQuotas({ apiKeys: [{ id: 'partner', quota: { requestsPerMinute: 5, costPerMinute: 100 } }, { id: 'plain' }], defaultQuota: { requestsPerMinute: 2, costPerMinute: 50 } }, memoryQuotaLimiter());

  it('an API key uses its own quota, a key without one and every JWT caller the default, the development caller none', () => {
    const q = quotas();
    expect(q.quotaOf(caller('api-key', 'partner'))).toEqual({ requestsPerMinute: 5, costPerMinute: 100 });
    expect(q.quotaOf(caller('api-key', 'plain'))).toEqual({ requestsPerMinute: 2, costPerMinute: 50 });
    expect(q.quotaOf(caller('jwt', 'user-1'))).toEqual({ requestsPerMinute: 2, costPerMinute: 50 });
    expect(q.quotaOf(DEVELOPMENT_CALLER)).toBeNull();
  });

  it('a JWT caller over the default quota is refused with RATE_LIMITED, 429 and Retry-After', async () => {
    const q = quotas();
    const jwt = caller('jwt', 'user-2');
    await q.spend(jwt, 1);
    await q.spend(jwt, 1);
    const error = await refusal(q.spend(jwt, 1));
    expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', quota: 'requestsPerMinute', max: 2 });
    const http = error?.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(Number(http.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a refused cost is not spent: smaller documents still fit afterwards', async () => {
    const q = quotas();
    const partner = caller('api-key', 'partner');
    expect((await refusal(q.spend(partner, 101)))?.extensions.quota).toBe('costPerMinute');
    await expect(q.spend(partner, 60)).resolves.toBeUndefined();
    await expect(q.spend(partner, 40)).resolves.toBeUndefined();
    expect((await refusal(q.spend(partner, 1)))?.extensions.quota).toBe('costPerMinute');
  });
});
