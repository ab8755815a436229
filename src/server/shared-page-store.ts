/** The page cache's shared store in Redis: entries under hashed keys, expiring with their freshness. */
import { createHash } from 'node:crypto';
import type { SharedPageStore } from '../upstream/page-cache.js';
import type { SharedRedis } from './redis.js';

// Cache keys hold IDs and tokens of any length; the Redis key is their digest.
const redisKey = (key: string) => `aws-sessions-gateway:page:${createHash('sha256').update(key).digest('base64url')}`;

/** The store over `redis`; what Redis cannot answer is a miss, what it cannot keep is forgotten. */
export function redisPageStore(redis: SharedRedis): SharedPageStore {
  return {
    async get(key) {
      const k = redisKey(key);
      const replies = await redis.attempt('page_cache', (c) => c.multi().getBuffer(k).pttl(k).exec());
      const [[getError, value], [ttlError, ttl]] = (replies ?? [[null, null], [null, -2]]) as [[Error | null, Buffer | null], [Error | null, number]];
      if (getError || ttlError || !value || ttl <= 0) return undefined;
      return { value, ttlMs: ttl };
    },
    set(key, value, ttlMs) {
      void redis.attempt('page_cache', (c) => c.set(redisKey(key), value, 'PX', ttlMs));
    },
  };
}
