/**
 * Leases on a set of keys, all or none. A holder's value is its fencing token: a number from one
 * counter that only grows, so of two holders of the same key over time the later has the larger
 * token, and anything that records the token (a stored cursor, a job row) can refuse a stale holder.
 *
 * ACQUIRE  KEYS = counter, key1..keyN · ARGV = ttl ms → token, or 0 when any key is held
 * RELEASE  KEYS = key1..keyN · ARGV = token → keys released (only those still holding the token)
 * EXTEND   KEYS = key1..keyN · ARGV = token, ttl ms → 1 when every key still held the token
 */
export const ACQUIRE_SCRIPT = `
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
local token = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], token, 'PX', ARGV[1])
end
return token
`;

export const RELEASE_SCRIPT = `
local released = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
    released = released + 1
  end
end
return released
`;

export const EXTEND_SCRIPT = `
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) ~= ARGV[1] then return 0 end
end
for i = 1, #KEYS do
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return 1
`;
