/** Starts a sandbox and a gateway on loopback ports the OS chooses, and sends GraphQL to the gateway over HTTP. */
import { DEFAULT_LIMITS } from './limits.js';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { fixtures, startSandbox, SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS, SANDBOX_REGIONS, SANDBOX_TOKEN, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { DISCOVERY_QUERY } from '../../src/server/example-query.js';
import { loadConfig, type AccountConfig } from '../../src/config.js';
import { createGateway, type GatewayOptions } from '../../src/server/gateway.js';
import { createGatewayHttpServer, type HttpServerBounds } from '../../src/server/http-server.js';
import { createLogger } from '../../src/server/logger.js';
import { placeSettings, sandboxUpstream } from '../../src/server/upstream-targets.js';
import { createUpstreamClient, type UpstreamClientOptions } from '../../src/upstream/call.js';
import { createPageCache, type PageCacheSettings } from '../../src/upstream/page-cache.js';
import type { ConnectionLimits } from '../../src/schema/context.js';

/** A GraphQL response. */
export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** A running sandbox + gateway pair. */
export interface Harness {
  url: string;
  sandbox: Sandbox;
  logs: string[];
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Upstream requests the sandbox has received since the last reset. */
  upstreamRequests(): number;
  resetRequests(): void;
  close(): Promise<void>;
}

/** Options of a harness. */
export interface HarnessOptions {
  sandbox?: SandboxOptions;
  limits?: Partial<ConnectionLimits>;
  upstream?: Partial<Pick<UpstreamClientOptions, 'timeoutMs' | 'maxAttempts' | 'maxConcurrency' | 'maxResponseBytes'>>;
  cursorSecret?: string;
  /** Open GraphiQL with the example query over the sandbox's IDs. */
  defaultQuery?: boolean;
  /** Gateway settings beyond the defaults (which here turn rate limiting off, so tests can go fast). */
  gateway?: Partial<Pick<GatewayOptions, 'auth' | 'protection' | 'requestTimeoutMs' | 'production' | 'metrics'>>;
  circuit?: UpstreamClientOptions['circuit'];
  /** The HTTP server's bounds beyond the configuration defaults. */
  http?: Partial<HttpServerBounds>;
  /**
   * The regions and account aliases the gateway may reach (GATEWAY_REGIONS, GATEWAY_ACCOUNTS); `true`: all of the
   * sandbox's, as `npm start` has them. Absent: the default region and account alone.
   */
  places?: true | { regions?: string[]; accounts?: Record<string, AccountConfig> };
  /** A cross-request page cache (absent: none, so every test counts real calls); TTLs default to a minute. */
  pageCache?: Partial<PageCacheSettings>;
}

/** Starts the pair. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox(options.sandbox);
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } });
  const logger = createLogger('debug', sink);
  const reach = options.places === true ? { regions: [...SANDBOX_REGIONS], accounts: SANDBOX_ACCOUNTS } : { accounts: {}, ...options.places };
  const identity = sandboxUpstream(sandbox.url, { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: sandbox.data.region }, reach.accounts);
  const upstream = createUpstreamClient({
    ...identity,
    timeoutMs: 5_000, maxAttempts: 3, maxConcurrency: 8, maxResponseBytes: 10 << 20,
    ...options.upstream,
    ...(options.circuit ? { circuit: options.circuit } : {}),
    ...(options.pageCache ? { pageCache: createPageCache({ maxBytes: 64 << 20, firstPageTtlMs: 60_000, continuationTtlMs: 60_000, ...options.pageCache }) } : {}),
  });
  const yoga = createGateway({
    upstream,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    cursorSecret: options.cursorSecret ?? 'test-cursor-secret-0123456789',
    upstreamLabel: 'test sandbox',
    graphiql: true,
    ...options.gateway,
    // The cost budget of AWS (the sandbox's own is larger, for its four places), unless the test spans them too.
    protection: { rateLimit: { perSecond: 0, burst: 1 }, costBudget: loadConfig(options.places === true ? {} : { GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none' }).protection.costBudget, ...options.gateway?.protection },
    ...(options.defaultQuery ? { defaultQuery: DISCOVERY_QUERY } : {}),
    places: placeSettings(reach, identity),
    logger,
  });
  const { server } = createGatewayHttpServer(yoga, { ...loadConfig({}).http, ...options.http });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    sandbox,
    logs,
    async query(query, variables, headers = {}) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as GraphQLResponse;
    },
    upstreamRequests: () => sandbox.requests.length,
    resetRequests: () => void (sandbox.requests.length = 0),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      upstream.close();
      await sandbox.close();
    },
  };
}

