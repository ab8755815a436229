/**
 * The rate limit's token bucket kept in Redis, so that N replicas together let a principal through at the configured
 * rate, not N times it. One Lua script reads, refills, takes and writes the bucket atomically, on Redis's own clock
 * (replicas' clocks may differ; Redis has one).
 */
import { createHash } from 'node:crypto';
import type { SharedRedis } from './redis.js';

/** Refill by the time passed, take one token when there is one; answers the seconds to wait (0: admitted). */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return wait
`;

type WithTake = { gatewayRateLimitTake(key: string, perSecond: number, burst: number): Promise<number> };

/** A bucket taker over `redis`: the seconds to wait for `key`, or undefined when Redis could not say. */
export function sharedTokenBucket(redis: SharedRedis, settings: { perSecond: number; burst: number }): (key: string) => Promise<number | undefined> {
  redis.client.defineCommand('gatewayRateLimitTake', { numberOfKeys: 1, lua: TAKE });
  const client = redis.client as unknown as WithTake;
  return (key) => redis.attempt('rate_limit', async () => Number(await client.gatewayRateLimitTake(
    // Principal names are any length; the key is not.
    `aws-sessions-gateway:rate:${createHash('sha256').update(key).digest('base64url')}`, settings.perSecond, settings.burst,
  )));
}
