/**
 * What the configuration sets on the upstream client and on the gateway. `main.ts` and the benchmark's gateway both
 * take them from here, so that the benchmark measures the gateway as it is configured in production.
 */
import type { GatewayConfig } from '../config.js';
import type { UpstreamClientOptions } from '../upstream/call.js';
import type { GatewayOptions } from './gateway.js';

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
