/**
 * The yoga app: schema, per-request context, GraphiQL and the plugins that make it safe to expose. `main.ts` puts it
 * on a socket; tests call `yoga.fetch` or do the same.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Tracer } from '@opentelemetry/api';
import type { DocumentNode } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { loadConfig, type GatewayConfig } from '../config.js';
import { createCursorCodec } from '../pagination/cursor-codec.js';
import { createRequestLoaders, type ConnectionLimits, type GatewayContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import type { UpstreamCallEvent, UpstreamClient } from '../upstream/call.js';
import { Cancellation } from '../upstream/cancel.js';
import { homeOnly, type PlaceSettings } from '../upstream/place.js';
import type { Principal } from './authenticate.js';
import { ByteBoundedCache } from './byte-bounded-cache.js';
import { CallSummary } from './call-summary.js';
import { corsOptions } from './cors.js';
import { useBodyLimit } from './plugins/use-body-limit.js';
import { useClientAuth } from './plugins/use-client-auth.js';
import { useCompression } from './plugins/use-compression.js';
import { useGraphiQLPage } from './plugins/use-graphiql-page.js';
import { useMetrics, type MetricsPluginOptions } from './plugins/use-metrics.js';
import { useHostCheck } from './plugins/use-host-check.js';
import { useCompiledExecution } from './plugins/use-compiled-execution.js';
import { useDocumentLimits } from './plugins/use-document-limits.js';
import { useFieldErrors } from './plugins/use-field-errors.js';
import { useRateLimit, type RateLimitPluginOptions } from './plugins/use-rate-limit.js';
import { useRequestDeadline } from './plugins/use-request-deadline.js';
import { useRequestLogging } from './plugins/use-request-logging.js';
import { useSpecExecution } from './plugins/use-spec-execution.js';
import { createRequestTracing } from './plugins/use-tracing.js';
import { useUpstreamCost } from './plugins/use-upstream-cost.js';

/** What the gateway is built from. Settings left out take the configuration defaults. */
export interface GatewayOptions {
  upstream: UpstreamClient;
  limits: ConnectionLimits;
  /** Key of the cursor HMAC; the same on every replica that must accept each other's cursors. */
  cursorSecret: string | Buffer;
  /** Shown in GraphiQL's title, e.g. "sandbox" or "AWS us-west-2". */
  upstreamLabel: string;
  graphiql: boolean;
  defaultQuery?: string;
  logger: Logger;
  auth?: GatewayConfig['auth'];
  protection?: Partial<GatewayConfig['protection']>;
  requestTimeoutMs?: number;
  /** Masks unexpected errors' messages and stack traces in responses (they are logged in full). */
  production?: boolean;
  /** The regions and accounts clients may name; absent: us-west-2 for every service, the account default alone. */
  places?: PlaceSettings;
  /** Prometheus metrics, and whether the main port serves them; absent: none. */
  metrics?: MetricsPluginOptions;
  /** The rate limit's bucket shared by replicas (Redis); absent: per replica. */
  sharedRateLimit?: RateLimitPluginOptions['shared'];
  /** Where request and upstream-call spans go (OpenTelemetry); absent: no tracing. */
  tracer?: Tracer;
}

/**
 * GraphiQL options that open with `query` in the editor. The bundled GraphiQL fills the editor from `initialQuery`
 * (passed through to the component; yoga's type does not list it) and the first tab from `defaultTabs`.
 */
function exampleTab(query: string) {
  return { defaultQuery: query, defaultTabs: [{ query }], initialQuery: query } as { defaultQuery: string };
}

const GRAPHQL_ENDPOINT = '/graphql';

/** Directives one document may use: @skip/@include where a client needs them, not thousands. */
const MAX_DIRECTIVES = 10;

/** Runs of an operation before it is compiled: enough that compiling (5-25 ms) pays off, and one-off documents never are. */
const COMPILE_AFTER_RUNS = 10;

/** When a request's pending upstream calls are aborted: 90% of its deadline, leaving at least 50 ms to answer. */
const upstreamCutoffMs = (deadlineMs: number) => Math.max(1, Math.min(deadlineMs * 0.9, deadlineMs - 50));

/** Per source byte, what a cached document holds: its AST and validation result (about 40 bytes, measured). */
const DOCUMENT_BYTES_PER_SOURCE_BYTE = 48;

/** Yoga's parse and validation caches, bounded by the memory they hold. */
function documentCaches(maxBytes: number) {
  return {
    documentCache: new ByteBoundedCache<DocumentNode>({ maxBytes, weigh: (key) => key.length * DOCUMENT_BYTES_PER_SOURCE_BYTE }),
    // A refused document keeps only its text and one error.
    errorCache: new ByteBoundedCache<unknown>({ maxBytes: Math.max(1 << 20, maxBytes / 8), weigh: (key) => key.length * 2 + 2048 }),
  };
}

const wantsFresh = (request: Request) => /(^|,)\s*no-cache\s*(,|$)/i.test(request.headers.get('cache-control') ?? '');

/** Creates the yoga instance; call `yoga.fetch` in tests or hand it to `http.createServer`. */
export function createGateway(options: GatewayOptions): YogaServerInstance<Record<string, unknown>, GatewayContext> {
  const defaults = loadConfig({});
  const protection = { ...defaults.protection, ...options.protection };
  const auth = options.auth ?? defaults.auth;
  const requestTimeoutMs = options.requestTimeoutMs ?? defaults.requestTimeoutMs;
  const cursors = createCursorCodec(options.cursorSecret);
  const { upstream, limits, logger } = options;
  const places = options.places ?? homeOnly('us-west-2');
  const principals = new WeakMap<Request, Principal>();
  const requestIds = new WeakMap<Request, string>();
  const callSummaries = new WeakMap<Request, CallSummary>();
  const tracing = options.tracer && createRequestTracing({ tracer: options.tracer, graphqlPath: GRAPHQL_ENDPOINT });

  // Yoga's Plugin type is invariant in its context; plugins written for the initial context and for ours mix here.
  const plugins: Plugin<any>[] = [
    useRequestLogging({ logger, requestIds, callSummaries }),
    // First after the request id: requests refused by a later plugin are traced too.
    ...(tracing ? [tracing.plugin] : []),
    useHostCheck({ allowedHosts: protection.allowedHosts }),
    // Before client authentication and the rate limit: a scraper has its own token and is not a client.
    ...(options.metrics ? [useMetrics(options.metrics)] : []),
    useBodyLimit({ maxBytes: protection.maxBodyBytes }),
    useClientAuth({ auth, principals }),
    useRateLimit({
      ...protection.rateLimit, principals,
      ...(options.metrics ? { onLimited: options.metrics.metrics.rateLimited } : {}),
      ...(options.sharedRateLimit ? { shared: options.sharedRateLimit } : {}),
    }),
    // After the rate limit, so page loads count against it.
    useGraphiQLPage({
      endpoint: GRAPHQL_ENDPOINT,
      ...(options.graphiql ? {
        render: async () => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL({
          title: `AWS Sessions Gateway — upstream: ${options.upstreamLabel}`, ...(options.defaultQuery ? exampleTab(options.defaultQuery) : {}),
        }),
      } : {}),
    }),
    useCompression(),
    ...(protection.csrf ? [useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] })] : []),
    ...(protection.introspection ? [] : [useDisableIntrospection()]),
    useDocumentLimits({
      maxDepth: protection.maxDepth,
      maxAliases: protection.maxAliases,
      maxTokens: protection.maxTokens,
      maxDirectives: MAX_DIRECTIVES,
      blockFieldSuggestions: options.production ?? false,
    }),
    useUpstreamCost({ budget: protection.costBudget, limits }),
    useSpecExecution(),
    // Before the deadline, which wraps the execute function this sets.
    useCompiledExecution({
      after: COMPILE_AFTER_RUNS,
      maxCompiledBytes: protection.documentCacheBytes,
      onBudgetSpent: () => logger.warn('compiled operations have used GATEWAY_DOCUMENT_CACHE_MB; further operations stay interpreted'),
      onCompiled: (operationName) => logger.debug({ operationName }, 'graphql operation compiled'),
      onCompiledRun: (operationName) => logger.debug({ operationName }, 'graphql operation ran compiled'),
      onCompileError: (operationName, errors) => logger.warn({ operationName, errors: errors.map((e) => e.message) }, 'graphql operation could not be compiled; it stays interpreted'),
    }),
    useRequestDeadline<GatewayContext>({
      timeoutMs: requestTimeoutMs,
      cutoffMs: upstreamCutoffMs(requestTimeoutMs),
      onCutoff: (ctx) => ctx.cancellation.abort(),
    }),
    useFieldErrors(),
  ];

  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    parserAndValidationCache: documentCaches(protection.documentCacheBytes),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    // useBodyLimit enforces GATEWAY_MAX_BODY_BYTES on both framings. Yoga's own limit would pipe every body through a
    // TransformStream as well, declared length or not: a stream pipeline per request (2-3% of the CPU under load).
    maxRequestBodySize: false,
    landingPage: false,
    cors: corsOptions(protection.corsOrigins),
    // Served by useGraphiQLPage, rendered once and compressed. Its assets come from @graphql-yoga/render-graphiql,
    // not a CDN: it works offline and behind strict egress rules.
    graphiql: false,
    maskedErrors: { isDev: !(options.production ?? false) },
    context: ({ request }): GatewayContext => {
      // The request's line sums its calls up; each call has a debug line (a failed one a warning). The child logger is
      // made when the request first logs a call, not for every request.
      const summary = new CallSummary();
      callSummaries.set(request, summary);
      let log: Logger | undefined;
      const logCall = (event: UpstreamCallEvent) => {
        summary.record(event);
        const level = event.errorCode ? 'warn' : 'debug';
        if (!logger.isLevelEnabled(level)) return;
        log ??= logger.child({ reqId: requestIds.get(request) });
        if (level === 'warn') log.warn({ upstreamCall: event }, 'upstream call failed');
        else log.debug({ upstreamCall: event }, 'upstream call');
      };
      const onCall = tracing ? (event: UpstreamCallEvent) => { logCall(event); tracing.upstreamCall(request, event); } : logCall;
      const principal = principals.get(request);
      // A client that goes away stops the request's upstream calls; so does the deadline plugin, a little before the
      // execution is cut off, so that calls still pending become field errors beside the other fields' data.
      const cancellation = new Cancellation();
      request.signal.addEventListener('abort', () => cancellation.abort(), { once: true });
      return {
        upstream,
        // Cache-Control: no-cache asks for a fresh read, as HTTP caches take it: nothing from the page cache.
        loaders: createRequestLoaders(upstream, { signal: cancellation, onCall, ...(wantsFresh(request) ? { fresh: true } : {}) }),
        cancellation,
        cursors,
        limits,
        fieldErrors: [],
        places,
        ...(principal ? { principal: { id: principal.id, ...(principal.grants ? { grants: principal.grants } : {}) } } : {}),
      };
    },
    logging: {
      debug: (...args) => logger.isLevelEnabled('debug') && logger.debug({ yoga: args.map(String) }, 'yoga'),
      info: (...args) => logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args) => logger.warn({ yoga: args.map(String) }, 'yoga'),
      error: (...args) => logger.error({ err: args.find((a) => a instanceof Error), yoga: args.filter((a) => !(a instanceof Error)).map(String) }, 'yoga'),
    },
    plugins,
  });
}
