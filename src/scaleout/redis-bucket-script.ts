/**
 * One vendor account's token bucket, kept in a Redis hash and changed only by this script, so
 * every instance takes from the same bucket atomically. Time is Redis's own (`TIME`), never an
 * instance's clock: instances whose clocks disagree still restore the bucket at one rate.
 *
 * KEYS[1]  the bucket hash { available, maximum, rate, at (ms) }
 * ARGV[1]  operation: "take" | "sync" | "refund" | "peek"
 * ARGV[2]  take: cost · sync: the vendor's reported available points · refund: points given back
 * ARGV[3]  maximum, ARGV[4] restore rate per second (the configured figures; sync replaces them)
 * ARGV[5]  idle expiry in ms
 * ARGV[6]  take: the longest the caller can wait (ms) · sync: points this instance has in flight
 *
 * Answers { granted (1/0), level after, wait ms, maximum, rate } as strings (Redis would truncate
 * Lua numbers to integers).
 *
 * "take" schedules rather than polls: when min(cost, maximum) is not there yet, the caller still
 * reserves its cost at once (the level goes below zero) and is told how long to wait before it
 * sends, namely until the restore has brought the level back to what it needed. The next caller
 * is scheduled after it, so callers of every instance are served in arrival order (no starvation)
 * with one round trip each, and at each scheduled send the vendor's bucket holds the cost (the
 * restore since the reservation pays for everything reserved before). A caller whose wait would
 * pass its deadline reserves nothing and gets granted = 0 with the wait it would have needed. A
 * cost above the maximum waits for a full bucket and overdraws it, as the vendor allows.
 * "sync" only ever LOWERS the level. The shared level already has every instance's reservations
 * taken off, charged by the vendor or not, so while the model is right it is at or below what the
 * vendor reports and the report changes nothing (raising the level to a report could overdraw:
 * the report does not know the calls still on their way). A report BELOW the level means points
 * went elsewhere (another app on the shop, a plan change): the level drops to the report minus
 * this instance's calls in flight (others' are unknown; bounded at −maximum so waits stay finite).
 */
export const BUCKET_SCRIPT = `
local key = KEYS[1]
local op = ARGV[1]
local amount = tonumber(ARGV[2])
local maximum = tonumber(ARGV[3])
local rate = tonumber(ARGV[4])
local idle = tonumber(ARGV[5])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', key, 'available', 'maximum', 'rate', 'at')
local available = maximum
if state[1] then
  available = tonumber(state[1])
  maximum = tonumber(state[2])
  rate = tonumber(state[3])
  local elapsed = math.max(0, now - tonumber(state[4]))
  available = math.min(maximum, available + rate * elapsed / 1000)
end
local granted = 0
local wait = 0
if op == 'take' then
  local need = math.min(amount, maximum)
  if available < need then
    wait = math.ceil((need - available) * 1000 / rate)
  end
  if wait <= tonumber(ARGV[6]) then
    available = available - amount
    granted = 1
  end
elseif op == 'sync' then
  maximum = tonumber(ARGV[3])
  rate = tonumber(ARGV[4])
  if amount < available then
    available = math.max(-maximum, amount - tonumber(ARGV[6]))
  end
  available = math.min(available, maximum)
elseif op == 'refund' then
  available = math.min(maximum, available + amount)
end
if op ~= 'peek' then
  redis.call('HSET', key, 'available', tostring(available), 'maximum', tostring(maximum), 'rate', tostring(rate), 'at', tostring(now))
  redis.call('PEXPIRE', key, idle)
end
return { tostring(granted), tostring(available), tostring(wait), tostring(maximum), tostring(rate) }
`;

export interface BucketAnswer {
  readonly granted: boolean;
  readonly available: number;
  readonly waitMs: number;
  readonly maximum: number;
  readonly restoreRate: number;
}

export function parseBucketAnswer(raw: unknown): BucketAnswer {
  const [granted, available, wait, maximum, rate] = (raw as string[]).map(Number);
  return { granted: granted === 1, available: available!, waitMs: wait!, maximum: maximum!, restoreRate: rate! };
}
