/**
 * Entry point: configuration → upstream (the embedded sandbox by default, or AWS) → gateway → listen.
 * SIGTERM/SIGINT stop accepting connections, let in-flight requests finish, then exit.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ConfigError, checkGrantPlaces, loadConfig, type GatewayConfig } from './config.js';
import { startSandbox, SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS, SANDBOX_REGIONS, SANDBOX_TOKEN, fixtures, type Sandbox } from './sandbox/server.js';
import { PLACEHOLDER_IDS, discoveryQuery, idsFromSandboxFixtures, reachOf, startQuery, type ExampleIds } from './server/example-query.js';
import { createGateway } from './server/gateway.js';
import { createGatewayHttpServer } from './server/http-server.js';
import { createProcessLogger } from './server/logger.js';
import { startMetricsServer } from './server/metrics-server.js';
import { createRuntime } from './server/runtime.js';
import { gatewaySettings } from './server/settings.js';
import { awsUpstream, placeSettings, sandboxUpstream, type UpstreamIdentity } from './server/upstream-targets.js';

const DRAIN_TIMEOUT_MS = 10_000;

/** A configuration mistake ends the process with its message and status 2, before anything listens. */
function orExitOnConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  let config: GatewayConfig = orExitOnConfigError(() => loadConfig(process.env, process.argv.slice(2)));
  const logger = createProcessLogger(config.logLevel);

  let sandbox: Sandbox | undefined;
  let identity: UpstreamIdentity;
  let upstreamLabel: string;
  let ids: ExampleIds = PLACEHOLDER_IDS;
  if (config.upstream === 'sandbox') {
    // The gateway never reads the sandbox's request records: keep few.
    sandbox = await startSandbox({ latencyMs: config.sandboxLatencyMs, maxRecords: 100 });
    // Unless told otherwise, reach every account and region the sandbox has: the first query spans them.
    config = { ...config, accounts: Object.keys(config.accounts).length ? config.accounts : SANDBOX_ACCOUNTS, regions: config.regions ?? [...SANDBOX_REGIONS] };
    identity = sandboxUpstream(sandbox.url, { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: sandbox.data.region }, config.accounts);
    upstreamLabel = `SANDBOX (local, not AWS) at ${sandbox.url}`;
    ids = idsFromSandboxFixtures(fixtures(sandbox.data));
    logger.warn({ upstream: 'sandbox', sandboxUrl: sandbox.url }, 'UPSTREAM IS THE EMBEDDED SANDBOX, NOT AWS (set GATEWAY_UPSTREAM=aws for real AWS)');
  } else {
    identity = await awsUpstream(config);
    const regions = [...new Set(Object.values(identity.targets).map((t) => t.region))].join(', ');
    // With endpoint overrides the calls go elsewhere than AWS: the label says where.
    const overrides = [...new Set(Object.values(config.aws.endpointUrls).map((u) => new URL(u).origin))];
    upstreamLabel = overrides.length ? `AWS API (${regions}) at ${overrides.join(', ')}` : `AWS (${regions})`;
    logger.info({ upstream: 'aws', endpoints: Object.fromEntries(Object.entries(identity.targets).map(([k, t]) => [k, t.endpoint.url.origin])) }, 'upstream is AWS');
  }

  let cursorSecret: string | Buffer | undefined = config.cursorSecret;
  if (!cursorSecret) {
    cursorSecret = randomBytes(32);
    logger.warn('GATEWAY_CURSOR_SECRET is not set: using a random key, so cursors will not survive a restart or work across replicas');
  }

  const runtime = await createRuntime(config, identity, logger);
  const { metrics } = runtime;
  if (config.auth.methods.length === 0) {
    logger.warn(config.upstream === 'aws'
      ? 'GATEWAY_AUTH=none: client authentication is OFF; anyone who can reach this port can read sessions with the gateway\'s AWS credentials'
      : 'client authentication is off (sandbox default); set GATEWAY_AUTH to require it');
  }
  orExitOnConfigError(() => checkGrantPlaces(config));
  const places = placeSettings(config, identity);
  if (Object.keys(places.accounts).length || places.regions.length) {
    logger.info({ regions: [...new Set([...Object.values(places.defaultRegions), ...places.regions])], accounts: ['default', ...Object.keys(places.accounts)] }, 'places clients may name');
  }
  const reach = reachOf(places);
  const query = startQuery(ids, reach);
  const yoga = createGateway({ ...gatewaySettings(config), upstream: runtime.upstream, cursorSecret, upstreamLabel, defaultQuery: discoveryQuery(reach), logger, places, ...runtime.gatewayOptions });
  const { server, drain } = createGatewayHttpServer(yoga, config.http);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}/graphql`;
  logger.info({ url, upstream: upstreamLabel }, 'gateway listening');
  const metricsServer = config.metrics.port === undefined || !metrics ? undefined
    : await startMetricsServer(metrics, { port: config.metrics.port, host: config.host, ...(config.metrics.token ? { token: config.metrics.token } : {}) });
  if (metricsServer) logger.info({ url: `http://${shownHost}:${(metricsServer.address() as AddressInfo).port}/metrics` }, 'metrics listening');
  if (process.stdout.isTTY || config.upstream === 'sandbox') {
    process.stdout.write(`\n  AWS Sessions Gateway — upstream: ${upstreamLabel}\n  GraphiQL: ${url}\n\n  Try:\n\n${query.replace(/^/gm, '    ')}\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining in-flight requests, then exiting');
    void drain(DRAIN_TIMEOUT_MS).then(async () => {
      await runtime.close();
      metricsServer?.close();
      await sandbox?.close();
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Gateway failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
