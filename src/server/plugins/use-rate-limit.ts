/**
 * Per-principal rate limiting with a token bucket (per client address when authentication is off). With a shared
 * bucket (Redis) replicas enforce the rate together; without one, or while it cannot answer, the buckets live in this
 * process, and N replicas behind a load balancer let a client through at up to N times the rate.
 */
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../authenticate.js';
import { errorResponse } from './error-response.js';

/** Options of useRateLimit. */
export interface RateLimitPluginOptions {
  /** Sustained requests per second per principal; 0 turns limiting off. */
  perSecond: number;
  /** Requests a principal may make at once after being idle. */
  burst: number;
  principals: WeakMap<Request, Principal>;
  /** Buckets kept at most; the least recently used is dropped first. Default 10 000. */
  maxBuckets?: number;
  /** Told of each refused request (metrics). */
  onLimited?: () => void;
  /** The bucket shared by replicas: seconds to wait, or undefined when it cannot say (the local bucket decides). */
  shared?: (key: string) => Promise<number | undefined>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Answers 429 RATE_LIMITED, with Retry-After, once a principal's bucket is empty. */
export function useRateLimit(options: RateLimitPluginOptions): Plugin<Record<string, unknown>, { req?: { socket?: { remoteAddress?: string } } }> {
  if (options.perSecond <= 0) return {};
  const buckets = new Map<string, Bucket>();
  const maxBuckets = options.maxBuckets ?? 10_000;
  const take = (key: string): number => {
    const now = Date.now();
    const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.at) / 1000) * options.perSecond);
    bucket.at = now;
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > maxBuckets) buckets.delete(buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / options.perSecond);
  };
  return {
    // Synchronous unless the bucket is in Redis: an async hook would make every request wait a turn of promises.
    onRequest({ request, serverContext, endResponse, url }) {
      if (url.pathname === '/health') return undefined;
      const principal = options.principals.get(request);
      const key = principal ? `principal:${principal.id}` : `address:${serverContext?.req?.socket?.remoteAddress ?? 'unknown'}`;
      const refuse = (wait: number) => {
        if (wait <= 0) return;
        options.onLimited?.();
        endResponse(errorResponse(429, 'RATE_LIMITED', `rate limit of ${options.perSecond} requests/s (burst ${options.burst}) exceeded; retry in ${wait} s`, { 'retry-after': String(wait) }, { retryAfterSeconds: wait }));
      };
      if (!options.shared) return refuse(take(key));
      return options.shared(key).then((wait) => refuse(wait ?? take(key)));
    },
  };
}
