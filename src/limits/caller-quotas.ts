import type { Caller } from '../model/caller.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { QuotaConfig } from '../config/limits-config.ts';
import type { QuotaLimiter } from './quota-limiter.ts';

export interface CallerQuotaConfig {
  readonly apiKeys: ReadonlyArray<{ readonly id: string; readonly quota?: QuotaConfig }>;
  readonly defaultQuota: QuotaConfig;
}

/**
 * Per-caller quotas: an API key's own `quota`, else `limits.defaultQuota` (JWT callers too).
 * The anonymous development caller exists only in development and demo mode and has none.
 */
export class CallerQuotas {
  private readonly byKeyId: ReadonlyMap<string, QuotaConfig>;

  constructor(
    private readonly config: CallerQuotaConfig,
    private readonly limiter: QuotaLimiter,
  ) {
    this.byKeyId = new Map(config.apiKeys.flatMap((key) => (key.quota ? [[key.id, key.quota] as const] : [])));
  }

  quotaOf(caller: Caller): QuotaConfig | null {
    if (caller.kind === 'anonymous') return null;
    return (caller.kind === 'api-key' ? this.byKeyId.get(caller.id) : undefined) ?? this.config.defaultQuota;
  }

  /** Spends one request and `cost` of the caller's minute, or throws RATE_LIMITED (HTTP 429, Retry-After). */
  async spend(caller: Caller, cost: number): Promise<void> {
    const refused = await this.spendRequest(caller);
    if (refused) throw refused;
    await this.spendCost(caller, cost);
  }

  /** Spends one request; answers the RATE_LIMITED error to raise when the minute is spent. */
  async spendRequest(caller: Caller): Promise<GatewayError | null> {
    const quota = this.quotaOf(caller);
    if (!quota) return null;
    const verdict = await this.limiter.spend(`${keyOf(caller)}:requests`, 1, quota.requestsPerMinute);
    return verdict.allowed ? null : rateLimited('requestsPerMinute', quota.requestsPerMinute, verdict.retryAfterMs);
  }

  /** Spends `cost`, or throws RATE_LIMITED. */
  async spendCost(caller: Caller, cost: number): Promise<void> {
    const quota = this.quotaOf(caller);
    if (!quota) return;
    const verdict = await this.limiter.spend(`${keyOf(caller)}:cost`, Math.ceil(cost), quota.costPerMinute);
    if (!verdict.allowed) throw rateLimited('costPerMinute', quota.costPerMinute, verdict.retryAfterMs);
  }
}

const keyOf = (caller: Caller) => `${caller.kind}:${caller.id}`;

function rateLimited(quota: 'requestsPerMinute' | 'costPerMinute', max: number, retryAfterMs: number): GatewayError {
  const retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
  return new GatewayError(ErrorCode.RATE_LIMITED, `Quota exceeded: ${quota} is ${max}; retry in ${retryAfterSeconds} s`, {
    retryable: true,
    extensions: { quota, max, retryAfterMs, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}
