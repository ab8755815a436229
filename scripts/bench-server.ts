/**
 * A benchmark target in its own process, so its CPU can be measured alone. It tells its parent its URL, and answers
 * 'cpu' with process.cpuUsage() and its peak RSS.
 * - `gateway`: this project as it runs in production: the compiled output (`npm run build`) with the production
 *   configuration's defaults, metrics and the page cache as main.ts wires them; every protection is on but the rate
 *   limit (one client makes all the load); the production logger at LOG_LEVEL (info by default) on stdout, which the
 *   benchmark points at a file. GATEWAY_* settings in the environment apply on top (the
 *   benchmark turns the page cache off where it compares with the proxies, which have none, and compares
 *   GATEWAY_METRICS on and off); so do OTEL_* settings (tracing on and off).
 * - `sdk-proxy`: a minimal Node HTTP server that fetches the same page with @aws-sdk/client-deadline.
 * - `caller-proxy`: the same minimal server with this project's upstream caller instead of the SDK.
 * Every target runs as plain JavaScript (bench.ts strips this file's types), not under tsx, whose loader would add
 * about 40 MB to each one's memory; and each loads only what it uses.
 */
import http from 'node:http';
import { getHeapSpaceStatistics } from 'node:v8';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';

/** A compiled module (`npm run build`), typed by its source. */
const dist = (path: string) => import(new URL(`../dist/${path}`, import.meta.url).href);

const [kind, sandboxUrl, farmId, queueId, jobId] = process.argv.slice(2) as [string, string, string, string, string];
// The sandbox's keys, from the parent: importing them would load the sandbox's code into every target.
const credentials = JSON.parse(process.env.BENCH_SANDBOX_IDENTITY!) as { accessKeyId: string; secretAccessKey: string; token: string };
const page = { farmId, queueId, jobId, maxResults: 25 };
const json = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

let server: http.Server;
if (kind === 'gateway' || kind === 'caller-proxy') {
  const configModule = (await dist('config.js')) as typeof import('../src/config.js');
  const targets = (await dist('server/upstream-targets.js')) as typeof import('../src/server/upstream-targets.js');
  const settingsModule = (await dist('server/settings.js')) as typeof import('../src/server/settings.js');
  const settings = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('GATEWAY_') || k.startsWith('OTEL_') || k === 'LOG_LEVEL'));
  const config = configModule.loadConfig({ NODE_ENV: 'production', GATEWAY_RATE_LIMIT_PER_SECOND: '0', GATEWAY_CURSOR_SECRET: 'bench-cursor-secret-0123456789abcdef', ...settings });
  const identity = targets.sandboxUpstream(sandboxUrl, { ...credentials, region: 'us-west-2' });
  if (kind === 'gateway') {
    const gateway = (await dist('server/gateway.js')) as typeof import('../src/server/gateway.js');
    const loggerModule = (await dist('server/logger.js')) as typeof import('../src/server/logger.js');
    const runtimeModule = (await dist('server/runtime.js')) as typeof import('../src/server/runtime.js');
    const httpServer = (await dist('server/http-server.js')) as typeof import('../src/server/http-server.js');
    // The production logger (LOG_LEVEL, info by default), writing to this process's stdout as main.ts's does.
    const logger = loggerModule.createProcessLogger(config.logLevel);
    const runtime = await runtimeModule.createRuntime(config, identity, logger);
    const yoga = gateway.createGateway({
      ...settingsModule.gatewaySettings(config),
      upstream: runtime.upstream, cursorSecret: config.cursorSecret!, upstreamLabel: 'bench', graphiql: false, logger,
      ...runtime.gatewayOptions,
    });
    // On the server main.ts runs it on, with the same bounds.
    server = httpServer.createGatewayHttpServer(yoga as unknown as http.RequestListener, config.http).server;
  } else {
    const call = (await dist('upstream/call.js')) as typeof import('../src/upstream/call.js');
    const operations = (await dist('upstream/operations/index.js')) as typeof import('../src/upstream/operations/index.js');
    const upstream = call.createUpstreamClient({ ...identity, ...settingsModule.upstreamClientSettings(config) });
    server = http.createServer((_req, res) => void upstream.list(operations.deadlineListSessions, page).then(
      (out) => json(res, 200, { sessions: out.items, nextToken: out.nextToken }),
      (err: Error) => json(res, 502, { error: err.name }),
    ));
  }
} else {
  const { DeadlineClient, ListSessionsCommand } = await import('@aws-sdk/client-deadline');
  const client = new DeadlineClient({ region: 'us-west-2', endpoint: sandboxUrl, disableHostPrefix: true, credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } });
  server = http.createServer((_req, res) => void client.send(new ListSessionsCommand(page)).then(
    (out) => json(res, 200, { sessions: out.sessions, nextToken: out.nextToken }),
    (err: Error) => json(res, 502, { error: err.name }),
  ));
}
server.listen(0, '127.0.0.1', () => {
  process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
// 'profile-start' and 'profile-stop' take a CPU profile of the window between them (V8's sampling profiler, as
// --cpu-prof takes it, without the start-up and warm-up); the profile goes back to the parent. With
// BENCH_PROFILE=allocations, a sampling allocation profile instead (what --heap-prof takes: bytes allocated by function).
const ALLOCATIONS = process.env.BENCH_PROFILE === 'allocations';
let profiler: Session | undefined;
process.on('message', (m) => {
  if (m === 'cpu') process.send!({ cpu: process.cpuUsage(), maxRssKb: process.resourceUsage().maxRSS });
  if (m === 'memory') process.send!({ memory: process.memoryUsage(), spaces: getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.space_size / 1e6)]) });
  if (m === 'profile-start') {
    profiler = new Session();
    profiler.connect();
    const start = ALLOCATIONS
      ? profiler.post('HeapProfiler.enable').then(() => profiler!.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }))
      : profiler.post('Profiler.enable').then(() => profiler!.post('Profiler.start'));
    void start.then(() => process.send!({ profiling: true }));
  }
  if (m === 'profile-stop') {
    const stop = ALLOCATIONS ? profiler!.post('HeapProfiler.stopSampling') : profiler!.post('Profiler.stop');
    void stop.then(({ profile }) => {
      profiler!.disconnect();
      process.send!({ profile });
    });
  }
  if (m === 'stop') server.close(() => process.exit(0));
});
