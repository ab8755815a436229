/**
 * The parts of a gateway process that outlive requests, assembled as the configuration says: the upstream client
 * with its page cache, the metrics that observe both, the Redis connection replicas share, and the tracing SDK. `main.ts` and the
 * benchmark's gateway both build it here, so that the benchmark measures what production runs.
 */
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config.js';
import { createUpstreamClient, type UpstreamClient, type UpstreamClientOptions } from '../upstream/call.js';
import { createPageCache, type PageCache } from '../upstream/page-cache.js';
import type { GatewayOptions } from './gateway.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { connectRedis, type SharedRedis } from './redis.js';
import { metricsOnMainPort, upstreamClientSettings } from './settings.js';
import { redisPageStore } from './shared-page-store.js';
import { sharedTokenBucket } from './shared-rate-limit.js';

/** Where and as whom the upstream client calls. */
export type UpstreamIdentityPart = Pick<UpstreamClientOptions, 'targets' | 'endpointFor' | 'credentials' | 'accounts' | 'tokens'>;

/** A process's long-lived parts. */
export interface GatewayRuntime {
  upstream: UpstreamClient;
  metrics?: GatewayMetrics;
  /** What createGateway takes of them. */
  gatewayOptions: Pick<GatewayOptions, 'metrics' | 'sharedRateLimit' | 'tracer'>;
  close(): Promise<void>;
}

/** Builds them; the Redis connection (when configured) is made in the background. */
export async function createRuntime(config: GatewayConfig, identity: UpstreamIdentityPart, logger: Logger): Promise<GatewayRuntime> {
  // The metrics read the others at each scrape, so they may be made first.
  const metrics: GatewayMetrics | undefined = config.metrics.enabled
    ? createGatewayMetrics({
      maxOperations: config.metrics.maxOperations,
      upstreamHealth: () => upstream.health(),
      pageCacheStats: (): { entries: number; bytes: number } | undefined => pageCache?.stats(),
      redisUp: (): boolean | undefined => redis?.up,
    })
    : undefined;
  const redis: SharedRedis | undefined = config.redis && await connectRedis({ ...config.redis, logger, ...(metrics ? { onFallback: metrics.redisFallback } : {}) });
  const pageCache: PageCache | undefined = config.pageCache && createPageCache({
    ...config.pageCache,
    ...(metrics ? { onEvent: metrics.pageCache } : {}),
    ...(redis ? { shared: redisPageStore(redis) } : {}),
  });
  const upstream: UpstreamClient = createUpstreamClient({
    ...identity, ...upstreamClientSettings(config), ...(metrics ? { onCall: metrics.upstreamCall } : {}), ...(pageCache ? { pageCache } : {}),
  });
  // The SDK (exporters, gRPC, protobuf) is loaded only when traces are asked for: off, it costs no memory.
  const tracing = config.tracing ? (await import('./tracing.js')).startTracing() : undefined;
  const { rateLimit } = config.protection;
  return {
    upstream,
    ...(metrics ? { metrics } : {}),
    gatewayOptions: {
      ...(metrics ? { metrics: { metrics, mainPort: metricsOnMainPort(config) } } : {}),
      ...(redis && rateLimit.perSecond > 0 ? { sharedRateLimit: sharedTokenBucket(redis, rateLimit) } : {}),
      ...(tracing ? { tracer: tracing.tracer } : {}),
    },
    async close() {
      upstream.close();
      // Spans still buffered are exported before the process goes.
      await Promise.all([redis?.close(), tracing?.shutdown().catch((err: unknown) => logger.warn({ err }, 'traces could not be flushed'))]);
    },
  };
}
