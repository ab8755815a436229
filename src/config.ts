/**
 * The gateway's configuration: one schema over environment variables, an optional JSON file (GATEWAY_CONFIG_FILE,
 * same keys; the environment wins) and CLI flags. It fails fast with a message naming the bad setting; the result is
 * frozen.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { jwtAlgorithms } from './jwt-algorithms.js';
import type { ServiceId } from './upstream/operation.js';
import { partitionOfRegion, regionProblem } from './upstream/regions.js';

const SERVICE_ENV: Record<ServiceId, string> = {
  'nova-act': 'NOVA_ACT',
  'workspaces-web': 'WORKSPACES_WEB',
  deadline: 'DEADLINE',
  codecatalyst: 'CODECATALYST',
};
const SERVICE_NAMES = ['NOVA_ACT', 'WORKSPACES_WEB', 'DEADLINE', 'CODECATALYST'] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/ });
const json = <T extends z.ZodType>(inner: T) =>
  z.string().transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  }).pipe(inner);

/** An account alias: a name a client can type, never a secret. */
const ALIAS = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const accountSchema = z.union([
  z.object({
    roleArn: z.string().regex(ROLE_ARN, 'must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>'),
    externalId: z.string().min(2).max(1224).regex(/^[\w+=,.@:\/-]+$/).optional(),
    sessionName: z.string().min(2).max(64).regex(/^[\w+=,.@-]+$/).optional(),
  }).strict(),
  z.object({ profile: z.string().min(1) }).strict(),
]);
const grantSchema = z.object({
  services: z.array(z.enum(SERVICE_NAMES)).optional(),
  accounts: z.array(z.string().regex(ALIAS)).optional(),
  regions: z.array(z.string().min(1)).optional(),
}).strict();

const schema = z.object({
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: z.string().optional(),
  GATEWAY_UPSTREAM: z.enum(['sandbox', 'aws']).default('sandbox'),
  GATEWAY_CURSOR_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  GATEWAY_DEFAULT_FIRST: int(1, 10_000).default(25),
  GATEWAY_MAX_FIRST: int(1, 10_000).default(1000),
  GATEWAY_MAX_UPSTREAM_CALLS_PER_CONNECTION: int(1, 1000).default(15),
  GATEWAY_MAX_SOURCES: int(1, 1000).default(20),
  GATEWAY_MAX_ITEMS_PER_SOURCE: int(1, 1_000_000).default(5000),
  GATEWAY_UPSTREAM_TIMEOUT_MS: int(1, 600_000).default(10_000),
  GATEWAY_UPSTREAM_MAX_ATTEMPTS: int(1, 10).default(3),
  GATEWAY_UPSTREAM_CONCURRENCY: int(1, 1024).default(8),
  GATEWAY_UPSTREAM_MAX_RESPONSE_BYTES: int(1024, 1 << 30).default(10 * 1024 * 1024),
  GATEWAY_REQUEST_TIMEOUT_MS: int(100, 600_000).default(30_000),
  GATEWAY_CIRCUIT_ERROR_PERCENT: int(1, 100).default(50),
  GATEWAY_CIRCUIT_MIN_CALLS: int(1, 10_000).default(5),
  GATEWAY_CIRCUIT_COOLDOWN_MS: int(100, 600_000).default(10_000),
  GATEWAY_AUTH: z.string().regex(/^(none|api-key|jwt)(,(api-key|jwt))*$/, 'must be none, api-key, jwt or api-key,jwt').optional(),
  GATEWAY_API_KEYS: z.string().regex(/^[\w.@-]+=[0-9a-f]{64}(,[\w.@-]+=[0-9a-f]{64})*$/, 'must be principal=<sha256 hex of the key>[,…]').optional(),
  GATEWAY_JWT_JWKS_URL: url.optional(),
  GATEWAY_JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key (SPKI)' }).optional(),
  GATEWAY_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  GATEWAY_JWT_ISSUER: z.string().min(1).optional(),
  GATEWAY_JWT_AUDIENCE: z.string().min(1).optional(),
  GATEWAY_JWT_ALGORITHMS: z.string().regex(/^[A-Z0-9]+(,[A-Z0-9]+)*$/).optional(),
  GATEWAY_PRINCIPAL_SERVICES: json(z.record(z.string(), z.union([z.array(z.enum(SERVICE_NAMES)), grantSchema, z.array(grantSchema)]))).optional(),
  GATEWAY_REGIONS: z.string().regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'must be region names such as us-west-2[,eu-west-1]').optional(),
  GATEWAY_ACCOUNTS: json(z.record(z.string().regex(ALIAS, 'account aliases are names such as prod or render-eu'), accountSchema)).optional(),
  AWS_ENDPOINT_URL_STS: url.optional(),
  GATEWAY_GRAPHIQL: bool.optional(),
  GATEWAY_INTROSPECTION: bool.optional(),
  GATEWAY_CSRF_PREVENTION: bool.default(true),
  GATEWAY_CORS_ORIGINS: z.string().regex(/^(\*|none|https?:\/\/[^\s/,]+(,https?:\/\/[^\s/,]+)*)$/, 'must be *, none, or origins such as https://app.example.com[,https://…]').optional(),
  GATEWAY_MAX_DEPTH: int(1, 100).default(20),
  GATEWAY_MAX_ALIASES: int(1, 1000).default(15),
  GATEWAY_MAX_TOKENS: int(10, 1_000_000).default(3000),
  GATEWAY_MAX_BODY_BYTES: int(100, 100 * 1024 * 1024).default(100_000),
  GATEWAY_COST_BUDGET: int(1, 100_000).optional(),
  GATEWAY_COST_PAGES_PER_SORTED_SOURCE: int(1, 10_000).default(5),
  GATEWAY_COST_CALLS_PER_DISCOVERY: int(1, 100_000).default(40),
  GATEWAY_MAX_DISCOVERED_SOURCES: int(1, 100_000).default(500),
  GATEWAY_DISCOVERY_PRUNING: bool.default(true),
  GATEWAY_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(100_000).optional(),
  GATEWAY_RATE_LIMIT_BURST: int(1, 1_000_000).default(30),
  GATEWAY_SANDBOX_LATENCY_MS: int(0, 60_000).default(0),
  GATEWAY_HEADERS_TIMEOUT_MS: int(100, 600_000).default(10_000),
  GATEWAY_BODY_TIMEOUT_MS: int(100, 600_000).default(15_000),
  GATEWAY_MAX_CONNECTIONS: int(1, 1_000_000).default(1024),
  GATEWAY_DOCUMENT_CACHE_MB: int(1, 4096).default(32),
  GATEWAY_ALLOWED_HOSTS: z.string().regex(/^(\*|[a-zA-Z0-9.:[\]-]+(,[a-zA-Z0-9.:[\]-]+)*)$/, 'must be * or host names such as gateway.example.com[,…]').optional(),
  GATEWAY_JWT_REQUIRE_EXP: bool.default(true),
  GATEWAY_JWT_CLOCK_SKEW_SECONDS: int(0, 600).default(30),
  GATEWAY_PAGE_CACHE_TTL_MS: int(0, 3_600_000).default(5_000),
  GATEWAY_PAGE_CACHE_CONTINUATION_TTL_MS: int(0, 86_400_000).default(60_000),
  GATEWAY_PAGE_CACHE_MB: int(1, 65_536).default(64),
  GATEWAY_REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
  GATEWAY_REDIS_TIMEOUT_MS: int(1, 10_000).default(100),
  GATEWAY_METRICS: bool.default(true),
  GATEWAY_METRICS_PORT: int(0, 65535).optional(),
  GATEWAY_METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').regex(/^\S+$/, 'must hold no spaces').optional(),
  GATEWAY_METRICS_MAX_OPERATIONS: int(0, 10_000).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AWS_PROFILE: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_DEFAULT_REGION: z.string().min(1).optional(),
  AWS_USE_FIPS_ENDPOINT: bool.optional(),
  AWS_USE_DUALSTACK_ENDPOINT: bool.optional(),
  AWS_ENDPOINT_URL: url.optional(),
});

/** Per-service settings: `AWS_ENDPOINT_URL_<SERVICE>` and `GATEWAY_REGION_<SERVICE>`. */
const perServiceSchema = z.object(
  Object.fromEntries(Object.values(SERVICE_ENV).flatMap((s) => [
    [`AWS_ENDPOINT_URL_${s}`, url.optional()],
    [`GATEWAY_REGION_${s}`, z.string().min(1).optional()],
  ])) as Record<string, z.ZodOptional<z.ZodString>>,
);

/** The settings the configuration reads, besides the per-service ones (`AWS_ENDPOINT_URL_<SERVICE>`, `GATEWAY_REGION_<SERVICE>`). */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

/** Every key the configuration reads, so a misspelt key in the file is refused rather than ignored. */
const KNOWN_SETTINGS = new Set([...SETTING_NAMES, ...Object.keys(perServiceSchema.shape)]);

/** Host names that reach this machine only. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** How clients prove who they are. */
export interface AuthConfig {
  /** Empty: no authentication (sandbox default, or GATEWAY_AUTH=none). */
  methods: ('api-key' | 'jwt')[];
  /** principal → SHA-256 (hex) of its API key. */
  apiKeys: Record<string, string>;
  jwt?: {
    jwksUrl?: string; publicKey?: string; secret?: string; issuer?: string; audience?: string; algorithms: string[];
    /** Refuse tokens without `exp`. */
    requireExp: boolean;
    /** How far `exp`, `nbf` and `iat` may be off. */
    clockSkewSeconds: number;
  };
  /**
   * principal → what it may query: it may query a service in an account and region when one of its grants allows all
   * three (a grant's absent list allows everything). Principals not listed may query all.
   */
  principalGrants: Record<string, Grant[]>;
}

/** One allow-list entry of a principal; an absent list allows every value. */
export interface Grant {
  services?: (typeof SERVICE_NAMES)[number][];
  accounts?: string[];
  regions?: string[];
}

/** How the gateway reaches an account other than its own: by assuming a role, or through a profile. */
export type AccountConfig = { roleArn: string; externalId?: string; sessionName?: string } | { profile: string };

/** The validated configuration. */
export interface GatewayConfig {
  port: number;
  host: string;
  production: boolean;
  upstream: 'sandbox' | 'aws';
  cursorSecret?: string;
  limits: { defaultFirst: number; maxFirst: number; maxCallsPerConnection: number; maxSources: number; maxItemsPerSource: number; pagesPerSortedSource: number;
    callsPerDiscovery: number; maxDiscoveredSources: number; pruneDiscovery: boolean };
  upstreamCalls: { timeoutMs: number; maxAttempts: number; concurrency: number; maxResponseBytes: number };
  circuit: { errorPercent: number; minCalls: number; cooldownMs: number };
  requestTimeoutMs: number;
  /** Bounds on reading requests and on connections, set on the HTTP server. */
  http: { headersTimeoutMs: number; bodyTimeoutMs: number; maxConnections: number };
  auth: AuthConfig;
  /** Query limits, checked before execution. */
  protection: {
    maxDepth: number; maxAliases: number; maxTokens: number; maxBodyBytes: number;
    costBudget: number;
    rateLimit: { perSecond: number; burst: number };
    csrf: boolean; introspection: boolean;
    /** Browser origins that may call the gateway: '*' any, [] none but its own. */
    corsOrigins: '*' | string[];
    /** Host header values accepted: '*' any, else these names (lower case, without port). */
    allowedHosts: '*' | string[];
    /** Memory the parsed, validated and compiled documents may hold, estimated. */
    documentCacheBytes: number;
  };
  aws: {
    profile?: string;
    /** AWS_REGION, else AWS_DEFAULT_REGION; the profile's region is read later, when AWS is used. */
    region?: string;
    regions: Partial<Record<ServiceId, string>>;
    useFips?: boolean;
    useDualStack?: boolean;
    endpointUrls: Partial<Record<ServiceId, string>>;
    /** AWS_ENDPOINT_URL_STS (else AWS_ENDPOINT_URL): where roles are assumed. */
    stsEndpointUrl?: string;
  };
  /** GATEWAY_REGIONS: the regions clients may ask for; absent: each service's default region only. */
  regions?: string[];
  /** GATEWAY_ACCOUNTS: the account aliases besides `default`. */
  accounts: Record<string, AccountConfig>;
  graphiql: boolean;
  sandboxLatencyMs: number;
  logLevel: string;
  /** GATEWAY_REDIS_URL: what replicas share (rate limit, page cache); absent: each replica alone. */
  redis?: { url: string; timeoutMs: number };
  /** The cross-request page cache; absent: off (GATEWAY_PAGE_CACHE_TTL_MS=0). */
  pageCache?: { firstPageTtlMs: number; continuationTtlMs: number; maxBytes: number };
  metrics: {
    /** GATEWAY_METRICS: false records nothing and serves no /metrics. */
    enabled: boolean;
    /** GATEWAY_METRICS_PORT: /metrics on a port of its own (and not on the main port). */
    port?: number;
    /** GATEWAY_METRICS_TOKEN: the bearer token a scraper must send. */
    token?: string;
    maxOperations: number;
  };
  /** OpenTelemetry traces: whether the OTEL_* variables ask for them (tracingRequested); the SDK reads the rest. */
  tracing: boolean;
}

/**
 * Whether the environment asks for traces: an OTLP endpoint for traces, or a traces exporter other than `none`, and
 * not OTEL_SDK_DISABLED. Without any of them the SDK is not loaded, so tracing costs nothing.
 */
export function tracingRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  if (/^true$/i.test(env.OTEL_SDK_DISABLED?.trim() ?? '')) return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== 'null');
  if (exporters.includes('none')) return false;
  return exporters.length > 0 || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** A setting that does not validate; the message names it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads GATEWAY_CONFIG_FILE: a JSON object with the same keys as the environment. */
function readConfigFile(path: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Invalid configuration: GATEWAY_CONFIG_FILE: cannot read ${path} as JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('Invalid configuration: GATEWAY_CONFIG_FILE: must hold a JSON object');
  const unknown = Object.keys(parsed).filter((k) => !KNOWN_SETTINGS.has(k));
  if (unknown.length) throw new ConfigError(`Invalid configuration: GATEWAY_CONFIG_FILE: unknown setting${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (a typo? see the README's configuration table)`);
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Reads the configuration: file, then environment, then `--upstream=aws|sandbox` and `--port=N` flags. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): GatewayConfig {
  const flags: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--(upstream|port)=(.*)$/.exec(arg);
    if (m) flags[m[1] === 'upstream' ? 'GATEWAY_UPSTREAM' : 'PORT'] = m[2]!;
  }
  const file = env.GATEWAY_CONFIG_FILE ? readConfigFile(env.GATEWAY_CONFIG_FILE) : {};
  const source = Object.fromEntries(Object.entries({ ...file, ...env, ...flags }).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(source);
  const parsedPerService = perServiceSchema.safeParse(source);
  const issues = [...(parsed.error?.issues ?? []), ...(parsedPerService.error?.issues ?? [])];
  if (!parsed.success || !parsedPerService.success || issues.length) {
    throw new ConfigError(`Invalid configuration: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const fail = (message: string): never => {
    throw new ConfigError(`Invalid configuration: ${message}`);
  };
  if (e.GATEWAY_DEFAULT_FIRST > e.GATEWAY_MAX_FIRST) fail('GATEWAY_DEFAULT_FIRST must not exceed GATEWAY_MAX_FIRST');
  if (e.GATEWAY_BODY_TIMEOUT_MS < e.GATEWAY_HEADERS_TIMEOUT_MS) fail('GATEWAY_BODY_TIMEOUT_MS (the whole request) must not be shorter than GATEWAY_HEADERS_TIMEOUT_MS');
  const auth = authConfig(e, fail);
  const production = e.NODE_ENV === 'production';
  const aws = e.GATEWAY_UPSTREAM === 'aws';
  const lockedDown = aws && production;
  // AWS with no client authentication is for one person's own machine: no other web page may call it, and only
  // loopback names are accepted as Host, so a page cannot reach it by DNS rebinding either.
  const ownMachine = aws && auth.methods.length === 0;
  const specificHost = !['0.0.0.0', '::', '[::]'].includes(e.HOST) ? [e.HOST.toLowerCase()] : [];

  const services = parsedPerService.data;
  const perService = (prefix: string) => {
    const out: Partial<Record<ServiceId, string>> = {};
    for (const [id, suffix] of Object.entries(SERVICE_ENV) as [ServiceId, string][]) {
      const v = services[`${prefix}${suffix}`];
      if (v) out[id] = v;
    }
    return out;
  };
  const endpointUrls = perService('AWS_ENDPOINT_URL_');
  if (e.AWS_ENDPOINT_URL) for (const id of Object.keys(SERVICE_ENV) as ServiceId[]) endpointUrls[id] ??= e.AWS_ENDPOINT_URL;
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  const regions = e.GATEWAY_REGIONS?.split(',');
  for (const r of regions ?? []) {
    const problem = regionProblem(r, regions![0]!);
    if (problem) fail(`GATEWAY_REGIONS: ${problem}`);
  }
  const accounts = e.GATEWAY_ACCOUNTS ?? {};
  if ('default' in accounts) fail('GATEWAY_ACCOUNTS: the alias default is the gateway\'s own credentials and cannot be redefined');
  const stsEndpointUrl = e.AWS_ENDPOINT_URL_STS ?? e.AWS_ENDPOINT_URL;
  const config: GatewayConfig = {
    port: e.PORT,
    host: e.HOST,
    production,
    upstream: e.GATEWAY_UPSTREAM,
    ...(e.GATEWAY_CURSOR_SECRET ? { cursorSecret: e.GATEWAY_CURSOR_SECRET } : {}),
    limits: {
      defaultFirst: e.GATEWAY_DEFAULT_FIRST,
      maxFirst: e.GATEWAY_MAX_FIRST,
      maxCallsPerConnection: e.GATEWAY_MAX_UPSTREAM_CALLS_PER_CONNECTION,
      maxSources: e.GATEWAY_MAX_SOURCES,
      maxItemsPerSource: e.GATEWAY_MAX_ITEMS_PER_SOURCE,
      pagesPerSortedSource: e.GATEWAY_COST_PAGES_PER_SORTED_SOURCE,
      callsPerDiscovery: e.GATEWAY_COST_CALLS_PER_DISCOVERY,
      maxDiscoveredSources: e.GATEWAY_MAX_DISCOVERED_SOURCES,
      pruneDiscovery: e.GATEWAY_DISCOVERY_PRUNING,
    },
    upstreamCalls: {
      timeoutMs: e.GATEWAY_UPSTREAM_TIMEOUT_MS,
      maxAttempts: e.GATEWAY_UPSTREAM_MAX_ATTEMPTS,
      concurrency: e.GATEWAY_UPSTREAM_CONCURRENCY,
      maxResponseBytes: e.GATEWAY_UPSTREAM_MAX_RESPONSE_BYTES,
    },
    circuit: { errorPercent: e.GATEWAY_CIRCUIT_ERROR_PERCENT, minCalls: e.GATEWAY_CIRCUIT_MIN_CALLS, cooldownMs: e.GATEWAY_CIRCUIT_COOLDOWN_MS },
    requestTimeoutMs: e.GATEWAY_REQUEST_TIMEOUT_MS,
    http: { headersTimeoutMs: e.GATEWAY_HEADERS_TIMEOUT_MS, bodyTimeoutMs: e.GATEWAY_BODY_TIMEOUT_MS, maxConnections: e.GATEWAY_MAX_CONNECTIONS },
    auth,
    protection: {
      maxDepth: e.GATEWAY_MAX_DEPTH,
      maxAliases: e.GATEWAY_MAX_ALIASES,
      maxTokens: e.GATEWAY_MAX_TOKENS,
      maxBodyBytes: e.GATEWAY_MAX_BODY_BYTES,
      // The sandbox reaches two regions of two accounts out of the box, and its first query spans all four places.
      costBudget: e.GATEWAY_COST_BUDGET ?? (aws ? 50 : 200),
      // Off on the sandbox, where a newcomer's paging script is the only client; on by default with AWS.
      rateLimit: { perSecond: e.GATEWAY_RATE_LIMIT_PER_SECOND ?? (aws ? 10 : 0), burst: e.GATEWAY_RATE_LIMIT_BURST },
      csrf: e.GATEWAY_CSRF_PREVENTION,
      introspection: e.GATEWAY_INTROSPECTION ?? !lockedDown,
      corsOrigins: corsOrigins(e.GATEWAY_CORS_ORIGINS ?? (lockedDown || ownMachine ? 'none' : '*')),
      allowedHosts: e.GATEWAY_ALLOWED_HOSTS
        ? (e.GATEWAY_ALLOWED_HOSTS === '*' ? '*' : e.GATEWAY_ALLOWED_HOSTS.toLowerCase().split(','))
        : ownMachine ? [...new Set([...LOOPBACK_HOSTS, ...specificHost])] : '*',
      documentCacheBytes: e.GATEWAY_DOCUMENT_CACHE_MB * 1024 * 1024,
    },
    aws: {
      ...(e.AWS_PROFILE ? { profile: e.AWS_PROFILE } : {}),
      ...(region ? { region } : {}),
      regions: perService('GATEWAY_REGION_'),
      ...(e.AWS_USE_FIPS_ENDPOINT !== undefined ? { useFips: e.AWS_USE_FIPS_ENDPOINT } : {}),
      ...(e.AWS_USE_DUALSTACK_ENDPOINT !== undefined ? { useDualStack: e.AWS_USE_DUALSTACK_ENDPOINT } : {}),
      endpointUrls,
      ...(stsEndpointUrl ? { stsEndpointUrl } : {}),
    },
    ...(regions ? { regions } : {}),
    accounts,
    graphiql: e.GATEWAY_GRAPHIQL ?? !lockedDown,
    sandboxLatencyMs: e.GATEWAY_SANDBOX_LATENCY_MS,
    logLevel: e.LOG_LEVEL,
    ...(e.GATEWAY_REDIS_URL ? { redis: { url: e.GATEWAY_REDIS_URL, timeoutMs: e.GATEWAY_REDIS_TIMEOUT_MS } } : {}),
    ...(e.GATEWAY_PAGE_CACHE_TTL_MS > 0 ? {
      pageCache: { firstPageTtlMs: e.GATEWAY_PAGE_CACHE_TTL_MS, continuationTtlMs: e.GATEWAY_PAGE_CACHE_CONTINUATION_TTL_MS, maxBytes: e.GATEWAY_PAGE_CACHE_MB * 1024 * 1024 },
    } : {}),
    metrics: {
      enabled: e.GATEWAY_METRICS,
      ...(e.GATEWAY_METRICS_PORT !== undefined ? { port: e.GATEWAY_METRICS_PORT } : {}),
      ...(e.GATEWAY_METRICS_TOKEN ? { token: e.GATEWAY_METRICS_TOKEN } : {}),
      maxOperations: e.GATEWAY_METRICS_MAX_OPERATIONS,
    },
    tracing: tracingRequested(env),
  };
  return Object.freeze(config);
}

/**
 * A grant that names an alias the gateway does not have, or a region name that is none, could never match: it is a
 * typo that would silently lock a principal out, so it stops the start instead. Run once the accounts are settled
 * (the sandbox brings its own when none are set).
 */
export function checkGrantPlaces(config: Pick<GatewayConfig, 'auth' | 'accounts'>): void {
  for (const [principal, grants] of Object.entries(config.auth.principalGrants)) {
    for (const grant of grants) {
      const unknown = (grant.accounts ?? []).filter((a) => a !== 'default' && !(a in config.accounts));
      if (unknown.length) throw new ConfigError(`Invalid configuration: GATEWAY_PRINCIPAL_SERVICES: ${principal} names account ${unknown.join(', ')}, which GATEWAY_ACCOUNTS does not define`);
      const badRegion = (grant.regions ?? []).find((r) => !partitionOfRegion(r));
      if (badRegion) throw new ConfigError(`Invalid configuration: GATEWAY_PRINCIPAL_SERVICES: ${principal} names ${JSON.stringify(badRegion)}, which is not an AWS region name`);
    }
  }
}

/** The grants of a GATEWAY_PRINCIPAL_SERVICES entry: a list of services (the first form), one grant, or several. */
function grantsOf(value: (typeof SERVICE_NAMES)[number][] | Grant | Grant[]): Grant[] {
  if (!Array.isArray(value)) return [value];
  return value.length > 0 && typeof value[0] === 'string' ? [{ services: value as (typeof SERVICE_NAMES)[number][] }] : (value as Grant[]);
}

const corsOrigins = (setting: string): '*' | string[] => (setting === '*' ? '*' : setting === 'none' ? [] : setting.split(','));

/** Client authentication: secure by default, so AWS mode needs it configured or explicitly off. */
function authConfig(e: z.infer<typeof schema>, fail: (message: string) => never): AuthConfig {
  const methods = (e.GATEWAY_AUTH ?? '').split(',').filter(Boolean);
  if (!e.GATEWAY_AUTH && e.GATEWAY_UPSTREAM === 'aws') {
    fail('GATEWAY_AUTH is required with GATEWAY_UPSTREAM=aws: api-key, jwt, api-key,jwt, or none to turn client authentication off explicitly');
  }
  if (methods.includes('none') && methods.length > 1) fail('GATEWAY_AUTH: none cannot be combined with other methods');
  const apiKeys = Object.fromEntries((e.GATEWAY_API_KEYS ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
  if (methods.includes('api-key') && Object.keys(apiKeys).length === 0) fail('GATEWAY_API_KEYS is required with GATEWAY_AUTH=api-key');
  const jwtKeys = [e.GATEWAY_JWT_JWKS_URL, e.GATEWAY_JWT_PUBLIC_KEY, e.GATEWAY_JWT_SECRET].filter(Boolean).length;
  if (methods.includes('jwt') && jwtKeys !== 1) fail('GATEWAY_AUTH=jwt needs exactly one of GATEWAY_JWT_JWKS_URL, GATEWAY_JWT_PUBLIC_KEY, GATEWAY_JWT_SECRET');
  const algorithms = jwtAlgorithms({ set: e.GATEWAY_JWT_ALGORITHMS, secret: e.GATEWAY_JWT_SECRET, publicKey: e.GATEWAY_JWT_PUBLIC_KEY }, fail);
  return {
    methods: methods.filter((m): m is 'api-key' | 'jwt' => m !== 'none'),
    apiKeys,
    ...(methods.includes('jwt')
      ? {
          jwt: {
            ...(e.GATEWAY_JWT_JWKS_URL ? { jwksUrl: e.GATEWAY_JWT_JWKS_URL } : {}),
            ...(e.GATEWAY_JWT_PUBLIC_KEY ? { publicKey: e.GATEWAY_JWT_PUBLIC_KEY } : {}),
            ...(e.GATEWAY_JWT_SECRET ? { secret: e.GATEWAY_JWT_SECRET } : {}),
            ...(e.GATEWAY_JWT_ISSUER ? { issuer: e.GATEWAY_JWT_ISSUER } : {}),
            ...(e.GATEWAY_JWT_AUDIENCE ? { audience: e.GATEWAY_JWT_AUDIENCE } : {}),
            algorithms,
            requireExp: e.GATEWAY_JWT_REQUIRE_EXP,
            clockSkewSeconds: e.GATEWAY_JWT_CLOCK_SKEW_SECONDS,
          },
        }
      : {}),
    principalGrants: Object.fromEntries(Object.entries(e.GATEWAY_PRINCIPAL_SERVICES ?? {}).map(([principal, value]) => [principal, grantsOf(value)])),
  };
}
