/**
 * One structured log line per GraphQL operation (request id, operation name, duration, its upstream calls summed up,
 * error codes), and the request id in an `x-request-id` response header. Each upstream call has a debug line of its
 * own (a failed one a warning) with the same request id, written through the context.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayContext } from '../../schema/context.js';
import type { CallSummary } from '../call-summary.js';
import { errorCodesOf } from './results.js';

/** Options of useRequestLogging. */
export interface RequestLoggingPluginOptions {
  logger: Logger;
  /** Where each request's id is kept, for the context. */
  requestIds: WeakMap<Request, string>;
  /** Each request's upstream calls, as the context records them. */
  callSummaries: WeakMap<Request, CallSummary>;
}

const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Assigns request ids and logs operations. */
export function useRequestLogging(options: RequestLoggingPluginOptions): Plugin<GatewayContext> {
  // The line below is built from names, counts and codes only, so it skips the redaction every other line goes
  // through: redacting by path copies each logged object, and took three quarters of this line's cost (measured).
  const operations = options.logger.child({}, { redact: [] });
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      options.requestIds.set(request, given && SAFE_ID.test(given) ? given : randomUUID());
    },
    onExecute({ args }) {
      const started = performance.now();
      const ctx = args.contextValue as Partial<GatewayContext> & { request?: Request };
      return {
        onExecuteDone({ result }) {
          if (!result || Symbol.asyncIterator in result || !operations.isLevelEnabled('info')) return;
          const codes = errorCodesOf(result);
          const cachedPages = ctx.loaders?.cachedPages ?? 0;
          operations.info({
            reqId: ctx.request ? options.requestIds.get(ctx.request) : undefined,
            operationName: args.operationName ?? null,
            principal: ctx.principal?.id,
            durationMs: Math.round(performance.now() - started),
            upstreamCalls: ctx.loaders?.calls ?? 0,
            ...(cachedPages ? { cachedPages } : {}),
            ...(ctx.request ? options.callSummaries.get(ctx.request)?.fields() : {}),
            ...(codes.length ? { errorCodes: codes } : {}),
          }, 'graphql operation');
        },
      };
    },
    onResponse({ request, response }) {
      const id = options.requestIds.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };
}
