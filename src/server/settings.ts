/**
 * What the configuration sets on the upstream client and on the gateway. `main.ts` and the benchmark's gateway both
 * take them from here, so that the benchmark measures the gateway as it is configured in production.
 */
import type { GatewayConfig } from '../config.js';
import type { UpstreamClientOptions } from '../upstream/call.js';
import type { GatewayOptions } from './gateway.js';
import type { MetricsPluginOptions } from './plugins/use-metrics.js';

/** The upstream client's timeouts, retries, concurrency, response bound and circuit breaker. */
export function upstreamClientSettings(config: GatewayConfig): Pick<UpstreamClientOptions, 'timeoutMs' | 'maxAttempts' | 'maxConcurrency' | 'maxResponseBytes' | 'circuit'> {
  const calls = config.upstreamCalls;
  return { timeoutMs: calls.timeoutMs, maxAttempts: calls.maxAttempts, maxConcurrency: calls.concurrency, maxResponseBytes: calls.maxResponseBytes, circuit: config.circuit };
}

/** The gateway's limits, GraphiQL, client authentication, protections, request deadline and error masking. */
export function gatewaySettings(config: GatewayConfig): Pick<GatewayOptions, 'limits' | 'graphiql' | 'auth' | 'protection' | 'requestTimeoutMs' | 'production'> {
  return {
    limits: config.limits,
    graphiql: config.graphiql,
    auth: config.auth,
    protection: config.protection,
    requestTimeoutMs: config.requestTimeoutMs,
    production: config.production,
  };
}

/**
 * Where /metrics is served on the main port: nowhere when it has a port of its own; with client authentication on,
 * only to the bearer of GATEWAY_METRICS_TOKEN (or nowhere without one), since the series tell what the gateway serves.
 */
export function metricsOnMainPort(config: GatewayConfig): MetricsPluginOptions['mainPort'] {
  const { port, token } = config.metrics;
  if (port !== undefined) return { mode: 'off', why: 'metrics are served on GATEWAY_METRICS_PORT' };
  if (token) return { mode: 'token', token };
  if (config.auth.methods.length > 0) return { mode: 'off', why: 'with client authentication on, /metrics needs GATEWAY_METRICS_TOKEN or GATEWAY_METRICS_PORT' };
  return { mode: 'open' };
}
