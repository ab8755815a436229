/**
 * A server span per GraphQL request, continuing the client's W3C `traceparent`, and a client span per upstream call
 * under it, named and attributed as the OpenTelemetry conventions for AWS SDK calls say (`rpc.system: aws-api`).
 * Retried attempts are span events. Attributes hold names, counts, codes and AWS request IDs only: never a header, a
 * token, a cursor, an argument or an error message (messages can quote the IDs a client sent).
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace, type Span, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { errorCodesOf, forEachResult } from './results.js';
import type { ServiceId } from '../../upstream/operation.js';
import { SERVICES } from '../../upstream/operations/index.js';
import type { UpstreamCallEvent } from '../../upstream/call.js';

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** Request traces: the plugin, and what the request context tells of each upstream call. */
export interface RequestTracing {
  plugin: Plugin;
  upstreamCall(request: Request, event: UpstreamCallEvent): void;
}

/** Options of createRequestTracing. */
export interface RequestTracingOptions {
  tracer: Tracer;
  /** Requests to this path are traced (not /metrics, /health, GraphiQL assets). */
  graphqlPath: string;
}

/** Each service's `rpc.service`: its model's serviceId. */
const RPC_SERVICE = Object.fromEntries(SERVICES.map((s) => [s.id, s.serviceId])) as Record<ServiceId, string>;

/** Creates the request tracing of one gateway. */
export function createRequestTracing(options: RequestTracingOptions): RequestTracing {
  const { tracer } = options;
  const spans = new WeakMap<Request, Span>();

  const describeResult = (span: Span, result: ExecutionResult) => {
    const upstream = result.extensions?.upstream as { estimatedCalls?: number; calls?: number; cachedPages?: number } | undefined;
    if (upstream?.estimatedCalls !== undefined) span.setAttribute('gateway.upstream.estimated_calls', upstream.estimatedCalls);
    if (upstream?.calls !== undefined) span.setAttribute('gateway.upstream.calls', upstream.calls);
    if (upstream?.cachedPages) span.setAttribute('gateway.upstream.cached_pages', upstream.cachedPages);
    const codes = [...new Set(errorCodesOf(result))];
    if (codes.length === 0) return;
    span.setAttribute('graphql.error.codes', codes);
    span.setAttribute('error.type', codes[0]!);
    span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
  };

  const plugin: Plugin = {
    onRequest({ request, url }) {
      if (url.pathname !== options.graphqlPath) return;
      const parent = propagation.extract(ROOT_CONTEXT, request.headers, headerGetter);
      spans.set(request, tracer.startSpan('GraphQL Operation', {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': url.pathname },
      }, parent));
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const span = request && spans.get(request);
      if (!span?.isRecording()) return;
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      span.setAttribute('graphql.operation.type', operation.operation);
      if (operation.name) span.setAttribute('graphql.operation.name', operation.name.value);
      span.updateName(operation.name ? `${operation.operation} ${operation.name.value}` : operation.operation);
    },
    onResultProcess({ request, result }) {
      const span = spans.get(request);
      if (!span?.isRecording()) return;
      forEachResult(result, (single) => describeResult(span, single));
    },
    onResponse({ request, response }) {
      const span = spans.get(request);
      if (!span) return;
      spans.delete(request);
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };

  return {
    plugin,
    upstreamCall(request, event) {
      const parent = spans.get(request);
      if (!parent?.isRecording()) return;
      // Made when the call has finished, with its real start: the caller tells of a call once, as it ends.
      const rpcService = RPC_SERVICE[event.service];
      const span = tracer.startSpan(`${rpcService}/${event.operation}`, {
        kind: SpanKind.CLIENT,
        startTime: event.startedAt,
        attributes: {
          'rpc.system': 'aws-api',
          'rpc.service': rpcService,
          'rpc.method': event.operation,
          'cloud.region': event.region,
          'gateway.account': event.account,
          'gateway.upstream.attempts': event.attempts,
          'gateway.upstream.throttled': event.throttles > 0,
          ...(event.requestId ? { 'aws.request_id': event.requestId } : {}),
          ...(event.httpStatus ? { 'http.response.status_code': event.httpStatus } : {}),
          ...(event.attempts > 1 ? { 'http.request.resend_count': event.attempts - 1 } : {}),
        },
      }, trace.setSpan(ROOT_CONTEXT, parent));
      event.retries?.forEach((retry, i) => span.addEvent('retry', {
        'gateway.upstream.attempt': i + 1,
        'error.type': retry.errorCode,
        ...(retry.httpStatus ? { 'http.response.status_code': retry.httpStatus } : {}),
      }, retry.at));
      if (event.errorCode) {
        span.setAttribute('error.type', event.errorCode);
        span.setStatus({ code: SpanStatusCode.ERROR, message: event.errorCode });
      }
      span.end();
    },
  };
}
