/**
 * The connection to Redis (or Valkey) that replicas share (GATEWAY_REDIS_URL), made to fail fast: a command that
 * cannot be answered within the timeout, or while the connection is down, is an error at once, and each user falls
 * back (the page cache is bypassed, the rate limit counts per replica). It reconnects by itself; the log says when
 * it is lost and when it is back, once each, and the metrics count the fallbacks.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What the shared parts need of Redis, and its state. */
export interface SharedRedis {
  client: Redis;
  /** Whether the last command succeeded (or the connection is ready). */
  readonly up: boolean;
  /** Runs `command`; undefined when Redis fails, after noting it (a warning when it goes down, a metric each time). */
  attempt<T>(use: 'rate_limit' | 'page_cache', command: (client: Redis) => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}

/** Options of the connection. */
export interface SharedRedisOptions {
  url: string;
  /** Longest wait for one command, connecting included. */
  timeoutMs: number;
  logger: Logger;
  /** Told of each command that failed and was fallen back from (metrics). */
  onFallback?: (use: 'rate_limit' | 'page_cache') => void;
}

/**
 * Connects (in the background: the gateway starts and answers while Redis is away). ioredis is loaded here, when
 * Redis is configured: a gateway without it does not hold the client's code (about 15 MB of resident memory).
 */
export async function connectRedis(options: SharedRedisOptions): Promise<SharedRedis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(options.url, {
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 1_000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Reconnect forever, backing off to a try every 2 s.
    retryStrategy: (times) => Math.min(100 * times, 2_000),
    lazyConnect: false,
  });
  // The URL may hold a password: it is never logged; the host is enough to tell which Redis.
  const where = (() => {
    const u = new URL(options.url);
    return `${u.hostname}:${u.port || 6379}`;
  })();
  let up = false;
  let everUp = false;
  let toldNotYet = false;
  const lost = (reason: string) => {
    if (up) {
      up = false;
      options.logger.warn({ redis: where, reason }, 'Redis unreachable: page cache bypassed, rate limit per replica until it is back');
    } else if (!everUp && !toldNotYet) {
      toldNotYet = true;
      options.logger.warn({ redis: where, reason }, 'Redis not reachable yet: page cache bypassed, rate limit per replica until it is');
    }
  };
  const regained = () => {
    if (up) return;
    up = everUp = true;
    options.logger.info({ redis: where }, 'Redis connected: rate limit and page cache shared across replicas');
  };
  client.on('ready', regained);
  // ioredis emits errors while it reconnects; here they are changes of state, not crashes.
  client.on('error', (err: Error) => lost(err.message));
  client.on('end', () => lost('connection closed'));

  return {
    client,
    get up() {
      return up;
    },
    async attempt(use, command) {
      try {
        const answer = await command(client);
        // A command that timed out marked Redis down with the connection still open: no 'ready' follows, so the
        // first command that succeeds again is what says it is back.
        regained();
        return answer;
      } catch (err) {
        options.onFallback?.(use);
        lost((err as Error).message);
        return undefined;
      }
    },
    async close() {
      client.disconnect();
    },
  };
}
