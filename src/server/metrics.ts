/**
 * The gateway's Prometheus metrics (prom-client, in a registry of its own). Every label takes a value from a set the
 * gateway bounds: services, operations and error codes it defines, regions and accounts from the allow-lists, and
 * operation names only up to GATEWAY_METRICS_MAX_OPERATIONS distinct ones (then `other`). No label ever holds an ID,
 * a cursor, a principal or an error message.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamCallEvent, UpstreamHealth } from '../upstream/call.js';
import type { PageCacheEvent } from '../upstream/page-cache.js';

/** One finished GraphQL operation, as the metrics see it. */
export interface OperationObservation {
  /** The operation's name as the document gave it; undefined when anonymous or when it never ran. */
  name: string | undefined;
  type: 'query' | 'mutation' | 'subscription' | 'none';
  outcome: 'success' | 'partial' | 'error';
  durationSeconds: number;
  errorCodes: readonly string[];
  /** From `extensions.upstream`, when the cost analysis ran. */
  estimatedCalls?: number;
  calls?: number;
}

/** Options of the metrics. */
export interface GatewayMetricsOptions {
  /** Distinct operation names kept as labels; later ones count as `other`. */
  maxOperations: number;
  /** What the upstream callers share, read at each scrape. */
  upstreamHealth?: () => readonly UpstreamHealth[];
  /** The page cache's size, read at each scrape. */
  pageCacheStats?: () => { entries: number; bytes: number } | undefined;
  /** Whether the shared Redis answers (undefined: none configured), read at each scrape. */
  redisUp?: () => boolean | undefined;
}

/** Names a GraphQL operation could have that are worth a label: GraphQL names, not too long. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
/** Codes are the gateway's own or graphql-js's; a code of another shape (a bug somewhere) is not a label value. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,47}$/;
const MAX_ERROR_CODES = 64;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const CALL_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500];

/** A label value from a growing set that stops growing at `max`: later values are `other`. */
function boundedLabel(max: number, accept: RegExp) {
  const seen = new Set<string>();
  return (value: string): string => {
    if (seen.has(value)) return value;
    if (!accept.test(value) || seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

/** Creates the registry and the recorders the gateway calls. */
export function createGatewayMetrics(options: GatewayMetricsOptions) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Gauges that prom-client names like counters (promtool refuses them); the per-type gauges beside them say the same.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
  const operationLabel = boundedLabel(options.maxOperations, OPERATION_NAME);
  const codeLabel = boundedLabel(MAX_ERROR_CODES, ERROR_CODE);
  const registers = [registry];

  const requests = new Counter({ name: 'gateway_graphql_requests_total', help: 'GraphQL operations answered, by operation name, type and outcome (success, partial: data with errors, error: no data).', labelNames: ['operation', 'type', 'outcome'], registers });
  const duration = new Histogram({ name: 'gateway_graphql_request_duration_seconds', help: 'Time from the request arriving to its result, by operation name and type.', labelNames: ['operation', 'type'], buckets: LATENCY_BUCKETS, registers });
  const errors = new Counter({ name: 'gateway_graphql_errors_total', help: 'Errors in GraphQL results, by extensions.code.', labelNames: ['code'], registers });
  const estimated = new Histogram({ name: 'gateway_cost_estimated_calls', help: 'Upstream calls an operation was estimated to make (its allowance).', buckets: CALL_BUCKETS, registers });
  const made = new Histogram({ name: 'gateway_cost_calls_made', help: 'Upstream calls an operation really made, after de-duplication.', buckets: CALL_BUCKETS, registers });
  const rateLimited = new Counter({ name: 'gateway_rate_limited_requests_total', help: 'Requests refused with 429 RATE_LIMITED.', registers });

  const upstreamCalls = new Counter({ name: 'gateway_upstream_calls_total', help: 'Upstream calls, by service, operation, region, account alias and outcome (success or the gateway error code).', labelNames: ['service', 'operation', 'region', 'account', 'outcome'], registers });
  const upstreamLatency = new Histogram({ name: 'gateway_upstream_call_duration_seconds', help: 'Upstream call latency, all attempts and back-off included.', labelNames: ['service', 'operation', 'region'], buckets: LATENCY_BUCKETS, registers });
  const attempts = new Counter({ name: 'gateway_upstream_attempts_total', help: 'HTTP attempts of upstream calls (a call with retries makes several).', labelNames: ['service', 'operation', 'region'], registers });
  const retries = new Counter({ name: 'gateway_upstream_retries_total', help: 'Attempts after the first.', labelNames: ['service', 'operation', 'region'], registers });
  const throttles = new Counter({ name: 'gateway_upstream_throttles_total', help: 'Attempts the upstream throttled.', labelNames: ['service', 'operation', 'region'], registers });
  const health = options.upstreamHealth;
  new Gauge({
    name: 'gateway_upstream_retry_quota_tokens', help: 'Retry quota left per service and region (the AWS standard retry strategy; 500 when full).', labelNames: ['service', 'region'], registers,
    collect() {
      this.reset();
      for (const h of health?.() ?? []) this.set({ service: h.service, region: h.region }, h.retryCapacity);
    },
  });
  new Gauge({
    name: 'gateway_upstream_circuit_state', help: 'Circuit breaker per service and region: 1 for the state it is in (closed, open, half_open), 0 for the others.', labelNames: ['service', 'region', 'state'], registers,
    collect() {
      this.reset();
      for (const h of health?.() ?? []) {
        if (!h.circuit) continue;
        for (const state of ['closed', 'open', 'half_open'] as const) this.set({ service: h.service, region: h.region, state }, h.circuit === state ? 1 : 0);
      }
    },
  });

  const cacheLookups = new Counter({ name: 'gateway_page_cache_lookups_total', help: 'Page cache lookups by result: hit (no call sent) or miss.', labelNames: ['result'], registers });
  const cacheEvictions = new Counter({ name: 'gateway_page_cache_evictions_total', help: 'Pages dropped from the page cache to stay within GATEWAY_PAGE_CACHE_MB.', registers });
  const cacheStats = options.pageCacheStats;
  new Gauge({
    name: 'gateway_page_cache_bytes', help: 'Bytes the page cache holds.', registers,
    collect() {
      this.set(cacheStats?.()?.bytes ?? 0);
    },
  });

  const redisFallbacks = new Counter({ name: 'gateway_redis_fallbacks_total', help: 'Redis commands that failed or timed out, by what fell back: rate_limit (to the per-replica bucket) or page_cache (bypassed).', labelNames: ['use'], registers });
  const redisUp = options.redisUp;
  new Gauge({
    name: 'gateway_redis_up', help: 'Whether the shared Redis answers (1) or not (0); absent without GATEWAY_REDIS_URL.', registers,
    collect() {
      this.reset();
      const state = redisUp?.();
      if (state !== undefined) this.set(state ? 1 : 0);
    },
  });

  // Every call records four series of one service, operation and region: their children are looked up once.
  const perOperation = new Map<string, { latency: Histogram.Internal<string>; attempts: Counter.Internal; retries: Counter.Internal; throttles: Counter.Internal }>();
  const seriesOf = (e: UpstreamCallEvent) => {
    const key = `${e.service} ${e.operation} ${e.region}`;
    let s = perOperation.get(key);
    if (!s) {
      const where = { service: e.service, operation: e.operation, region: e.region };
      perOperation.set(key, (s = { latency: upstreamLatency.labels(where), attempts: attempts.labels(where), retries: retries.labels(where), throttles: throttles.labels(where) }));
    }
    return s;
  };

  return {
    registry,
    redisFallback(use: 'rate_limit' | 'page_cache'): void {
      redisFallbacks.inc({ use });
    },
    pageCache(event: PageCacheEvent): void {
      if (event === 'hit' || event === 'miss') cacheLookups.inc({ result: event });
      else if (event === 'evict') cacheEvictions.inc();
    },
    operation(o: OperationObservation): void {
      const operation = o.name === undefined ? 'anonymous' : operationLabel(o.name);
      requests.inc({ operation, type: o.type, outcome: o.outcome });
      duration.observe({ operation, type: o.type }, o.durationSeconds);
      for (const code of o.errorCodes) errors.inc({ code: codeLabel(code) });
      if (o.estimatedCalls !== undefined) estimated.observe(o.estimatedCalls);
      if (o.calls !== undefined) made.observe(o.calls);
    },
    upstreamCall(e: UpstreamCallEvent): void {
      const s = seriesOf(e);
      upstreamCalls.inc({ service: e.service, operation: e.operation, region: e.region, account: e.account, outcome: e.errorCode ?? 'success' });
      s.latency.observe(e.latencyMs / 1000);
      if (e.attempts > 0) s.attempts.inc(e.attempts);
      if (e.attempts > 1) s.retries.inc(e.attempts - 1);
      if (e.throttles > 0) s.throttles.inc(e.throttles);
    },
    rateLimited(): void {
      rateLimited.inc();
    },
    /** The exposition text, and its content type. */
    async render(): Promise<{ body: string; contentType: string }> {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}
