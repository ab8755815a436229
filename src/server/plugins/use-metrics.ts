/**
 * Records every GraphQL result in the metrics, and serves `GET /metrics` on the main port when it is meant to be
 * there: with client authentication on, only to a scraper holding GATEWAY_METRICS_TOKEN.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics, OperationObservation } from '../metrics.js';
import { errorResponse } from './error-response.js';
import { errorCodesOf, forEachResult } from './results.js';

/** Options of useMetrics. */
export interface MetricsPluginOptions {
  metrics: GatewayMetrics;
  /**
   * `GET /metrics` on this port: `open` to anyone who reaches it, `token` to a bearer of the token, `off` not at all
   * (the metrics then have a port of their own, or client authentication is on and no token is set).
   */
  mainPort: { mode: 'open' } | { mode: 'token'; token: string } | { mode: 'off'; why: string };
}

export const METRICS_PATH = '/metrics';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | null, token: Buffer): boolean {
  const m = header ? /^Bearer (\S+)$/i.exec(header) : null;
  return m !== null && timingSafeEqual(digest(m[1]!), token);
}

/** Answers a request for /metrics as `exposure` says: the exposition text, or why not. */
export function scrapeHandler(metrics: GatewayMetrics, exposure: MetricsPluginOptions['mainPort']): (request: Request) => Promise<Response> {
  const token = exposure.mode === 'token' ? digest(exposure.token) : undefined;
  return async (request) => {
    if (exposure.mode === 'off') return errorResponse(404, 'NOT_FOUND', exposure.why);
    if (request.method !== 'GET') return errorResponse(405, 'METHOD_NOT_ALLOWED', 'GET /metrics', { allow: 'GET' });
    if (token && !bearerMatches(request.headers.get('authorization'), token)) {
      return errorResponse(401, 'UNAUTHENTICATED', '/metrics needs Authorization: Bearer <GATEWAY_METRICS_TOKEN>', { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    const { body, contentType } = await metrics.render();
    return new Response(body, { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  };
}

interface Started {
  at: number;
  name?: string;
  type?: OperationObservation['type'];
}

/** Observes operations and serves the main port's /metrics. */
export function useMetrics(options: MetricsPluginOptions): Plugin {
  const started = new WeakMap<Request, Started>();
  const scrape = scrapeHandler(options.metrics, options.mainPort);
  const observe = (entry: Started | undefined, result: ExecutionResult) => {
    const errorCodes = errorCodesOf(result);
    const hasData = result.data !== undefined && result.data !== null;
    const upstream = result.extensions?.upstream as { estimatedCalls?: number; calls?: number } | undefined;
    options.metrics.operation({
      name: entry?.name,
      type: entry?.type ?? 'none',
      outcome: errorCodes.length === 0 ? 'success' : hasData ? 'partial' : 'error',
      durationSeconds: entry ? (performance.now() - entry.at) / 1000 : 0,
      errorCodes,
      ...(upstream?.estimatedCalls !== undefined ? { estimatedCalls: upstream.estimatedCalls } : {}),
      ...(upstream?.calls !== undefined ? { calls: upstream.calls } : {}),
    });
  };
  return {
    // Synchronous for every request but a scrape: an async hook would make each request wait a turn of promises.
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== METRICS_PATH) {
        started.set(request, { at: performance.now() });
        return undefined;
      }
      return scrape(request).then(endResponse);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const entry = request && started.get(request);
      if (!entry) return;
      const operation = getOperationAST(args.document, args.operationName);
      entry.type = operation?.operation ?? 'none';
      if (operation?.name) entry.name = operation.name.value;
    },
    onResultProcess({ request, result }) {
      const entry = started.get(request);
      forEachResult(result, (single) => observe(entry, single));
    },
  };
}
