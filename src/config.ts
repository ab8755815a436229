/**
 * The gateway's configuration: environment variables (and CLI flags) checked against one schema, failing fast with a
 * message naming the bad setting. The result is frozen.
 */
import { z } from 'zod';
import type { ServiceId } from './upstream/operation.js';

const SERVICE_ENV: Record<ServiceId, string> = {
  'nova-act': 'NOVA_ACT',
  'workspaces-web': 'WORKSPACES_WEB',
  deadline: 'DEADLINE',
  codecatalyst: 'CODECATALYST',
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/ });

const schema = z.object({
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
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
  GATEWAY_GRAPHIQL: bool.default(true),
  GATEWAY_SANDBOX_LATENCY_MS: int(0, 60_000).default(0),
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

/** The validated configuration. */
export interface GatewayConfig {
  port: number;
  host: string;
  upstream: 'sandbox' | 'aws';
  cursorSecret?: string;
  limits: { defaultFirst: number; maxFirst: number; maxCallsPerConnection: number; maxSources: number; maxItemsPerSource: number };
  upstreamCalls: { timeoutMs: number; maxAttempts: number; concurrency: number; maxResponseBytes: number };
  aws: {
    profile?: string;
    /** AWS_REGION, else AWS_DEFAULT_REGION; the profile's region is read later, when AWS is used. */
    region?: string;
    regions: Partial<Record<ServiceId, string>>;
    useFips?: boolean;
    useDualStack?: boolean;
    endpointUrls: Partial<Record<ServiceId, string>>;
  };
  graphiql: boolean;
  sandboxLatencyMs: number;
  logLevel: string;
}

/** A setting that does not validate; the message names it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration from `env`, with `--upstream=aws|sandbox` and `--port=N` flags taking precedence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): GatewayConfig {
  const flags: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--(upstream|port)=(.*)$/.exec(arg);
    if (m) flags[m[1] === 'upstream' ? 'GATEWAY_UPSTREAM' : 'PORT'] = m[2]!;
  }
  const source = Object.fromEntries(Object.entries({ ...env, ...flags }).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(source);
  const parsedPerService = perServiceSchema.safeParse(source);
  const issues = [...(parsed.error?.issues ?? []), ...(parsedPerService.error?.issues ?? [])];
  if (!parsed.success || !parsedPerService.success || issues.length) {
    throw new ConfigError(`Invalid configuration: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const services = parsedPerService.data;
  if (e.GATEWAY_DEFAULT_FIRST > e.GATEWAY_MAX_FIRST) throw new ConfigError('Invalid configuration: GATEWAY_DEFAULT_FIRST must not exceed GATEWAY_MAX_FIRST');
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
  const config: GatewayConfig = {
    port: e.PORT,
    host: e.HOST,
    upstream: e.GATEWAY_UPSTREAM,
    ...(e.GATEWAY_CURSOR_SECRET ? { cursorSecret: e.GATEWAY_CURSOR_SECRET } : {}),
    limits: {
      defaultFirst: e.GATEWAY_DEFAULT_FIRST,
      maxFirst: e.GATEWAY_MAX_FIRST,
      maxCallsPerConnection: e.GATEWAY_MAX_UPSTREAM_CALLS_PER_CONNECTION,
      maxSources: e.GATEWAY_MAX_SOURCES,
      maxItemsPerSource: e.GATEWAY_MAX_ITEMS_PER_SOURCE,
    },
    upstreamCalls: {
      timeoutMs: e.GATEWAY_UPSTREAM_TIMEOUT_MS,
      maxAttempts: e.GATEWAY_UPSTREAM_MAX_ATTEMPTS,
      concurrency: e.GATEWAY_UPSTREAM_CONCURRENCY,
      maxResponseBytes: e.GATEWAY_UPSTREAM_MAX_RESPONSE_BYTES,
    },
    aws: {
      ...(e.AWS_PROFILE ? { profile: e.AWS_PROFILE } : {}),
      ...(region ? { region } : {}),
      regions: perService('GATEWAY_REGION_'),
      ...(e.AWS_USE_FIPS_ENDPOINT !== undefined ? { useFips: e.AWS_USE_FIPS_ENDPOINT } : {}),
      ...(e.AWS_USE_DUALSTACK_ENDPOINT !== undefined ? { useDualStack: e.AWS_USE_DUALSTACK_ENDPOINT } : {}),
      endpointUrls,
    },
    graphiql: e.GATEWAY_GRAPHIQL,
    sandboxLatencyMs: e.GATEWAY_SANDBOX_LATENCY_MS,
    logLevel: e.LOG_LEVEL,
  };
  return Object.freeze(config);
}
