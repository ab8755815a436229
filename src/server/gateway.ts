/** The yoga app: schema, per-request context, GraphiQL and plugins. `main.ts` puts it on a socket. */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createCursorCodec } from '../pagination/cursor-codec.js';
import { createRequestLoaders, type ConnectionLimits, type GatewayContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import type { UpstreamClient } from '../upstream/call.js';
import { useFieldErrors } from './plugins/use-field-errors.js';
import { useUpstreamStats } from './plugins/use-upstream-stats.js';

/** What the gateway is built from. */
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
}

/**
 * GraphiQL options that open with `query` in the editor. The bundled GraphiQL fills the editor from `initialQuery`
 * (passed through to the component; yoga's type does not list it) and the first tab from `defaultTabs`.
 */
function exampleTab(query: string) {
  return { defaultQuery: query, defaultTabs: [{ query }], initialQuery: query } as { defaultQuery: string };
}

/** Creates the yoga instance; call `yoga.fetch` in tests or hand it to `http.createServer`. */
export function createGateway(options: GatewayOptions): YogaServerInstance<Record<string, unknown>, GatewayContext> {
  const cursors = createCursorCodec(options.cursorSecret);
  const { upstream, limits, logger } = options;
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql
      ? { title: `AWS Sessions Gateway — upstream: ${options.upstreamLabel}`, ...(options.defaultQuery ? exampleTab(options.defaultQuery) : {}) }
      : false,
    // GraphiQL's assets come from this package, not a CDN: it works offline and behind strict egress rules.
    renderGraphiQL,
    context: ({ request }): GatewayContext => ({
      upstream,
      loaders: createRequestLoaders(upstream, request.signal),
      cursors,
      limits,
      fieldErrors: [],
    }),
    logging: {
      debug: (...args) => logger.debug({ yoga: args.map(String) }, 'yoga'),
      info: (...args) => logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args) => logger.warn({ yoga: args.map(String) }, 'yoga'),
      error: (...args) => logger.error({ err: args.find((a) => a instanceof Error), yoga: args.filter((a) => !(a instanceof Error)).map(String) }, 'yoga'),
    },
    plugins: [useFieldErrors(), useUpstreamStats()],
  });
}
