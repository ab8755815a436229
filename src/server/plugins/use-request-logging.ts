/**
 * One structured log line per GraphQL operation (request id, operation name, duration, upstream calls, error codes),
 * and the request id in an `x-request-id` response header. Upstream calls are logged with the same request id through
 * the context's logger.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayContext } from '../../schema/context.js';

/** Options of useRequestLogging. */
export interface RequestLoggingPluginOptions {
  logger: Logger;
  /** Where each request's id is kept, for the context. */
  requestIds: WeakMap<Request, string>;
}

const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Assigns request ids and logs operations. */
export function useRequestLogging(options: RequestLoggingPluginOptions): Plugin<GatewayContext> {
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
          if (!result || Symbol.asyncIterator in result) return;
          const codes = (result.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          options.logger.info({
            reqId: ctx.request ? options.requestIds.get(ctx.request) : undefined,
            operationName: args.operationName ?? null,
            principal: ctx.principal?.id,
            durationMs: Math.round(performance.now() - started),
            upstreamCalls: ctx.loaders?.calls ?? 0,
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
