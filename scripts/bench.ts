/**
 * `npm run bench`: figures, not a timed test.
 * 1. Against the sandbox with 50 ms added latency: one query over all five connections versus one connection alone
 *    (the goal: under 1.5x, since the calls run in parallel), and the upstream calls per query.
 *    Also: one unified sessions(orderBy: STARTED_AT_DESC, first: 25) page over five sources (one of each kind): its time
 *    and upstream calls.
 * 2. One upstream call alone, our generic caller against the official SDK client (CPU per call, the sandbox in its own
 *    process): the part of the request the gateway owns end to end.
 * 3. Under the same load (autocannon, 32 connections, no added latency): requests/s, CPU per request and peak RSS of
 *    the gateway for one deadlineSessions(first: 25) page with every scalar field, cursors and pageInfo, against a
 *    minimal Node server fetching the same page with the AWS SDK (raw JSON, no cursors), and the same minimal server
 *    with our caller. The gateway runs as it ships: the compiled output, NODE_ENV=production, the production
 *    configuration, the Docker image's Node flags (every target gets those), the production logger at info writing to
 *    a file, metrics on, tracing off; its page cache is off here (the proxies have none). Variants: logging off,
 *    metrics off, tracing every request (exported over OTLP/HTTP to a receiver in this process).
 *    BENCH_WARMUP_ROUNDS, BENCH_ROUNDS, BENCH_SECONDS.
 * 4. The page cache as configured by default: paging the start-time-ordered connection to its end, and 50 clients
 *    polling one first page every second, counted in upstream calls.
 * 5. A CPU profile of the gateway under section 3's load, broken down by part (HTTP, yoga, execution, cursors, the
 *    upstream caller, logging, metrics…).
 * 6. The CPU cost of metrics and of tracing every request, from many short alternating rounds.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { DeadlineClient, ListSessionsCommand } from '@aws-sdk/client-deadline';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import ts from 'typescript';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN, startSandbox, fixtures } from '../src/sandbox/server.js';
import { sandboxUpstream } from '../src/server/upstream-targets.js';
import { createUpstreamClient } from '../src/upstream/call.js';
import { deadlineListSessions } from '../src/upstream/operations/index.js';
import { imageCommand } from '../test/helpers/process.js';
import { allocationsAsSamples, breakdown, type AllocationProfile, type CpuProfile } from './profile-breakdown.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 3);
const CONNECTIONS = 32;
const ALLOCATIONS = process.env.BENCH_PROFILE === 'allocations';

/**
 * Node's flags in the Docker image's command (between `node` and the script); every target runs with them.
 * BENCH_NODE_FLAGS replaces them, to measure another trade (e.g. `--max-semi-space-size=16`).
 */
const NODE_FLAGS = process.env.BENCH_NODE_FLAGS !== undefined ? process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean) : imageCommand().slice(1, -1);

const LOG_DIR = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
let gatewaysStarted = 0;

/**
 * bench-server.ts as JavaScript, in `.bench/` beside `dist/` (so that its `../dist/` imports resolve): the targets run
 * it on plain Node, as the image runs the gateway, rather than under tsx.
 */
let benchServerFile: string | undefined;
function benchServerScript(): string {
  if (benchServerFile) return benchServerFile;
  const source = readFileSync(new URL('./bench-server.ts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, { fileName: 'bench-server.ts', compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const dir = fileURLToPath(new URL('../.bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync((benchServerFile = join(dir, 'bench-server.mjs')), outputText);
  return benchServerFile;
}

function startTarget(kind: 'gateway' | 'sdk-proxy' | 'caller-proxy', sandboxUrl: string, ids: string[], settings: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  // NODE_ENV=production as the Dockerfile runs it (graphql-js skips its development checks).
  // OTEL_* from the bench's own environment would trace every target: only the settings below turn tracing on.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
  // A gateway's stdout, where its production logger writes, is a file, as a container runtime's log would be.
  const stdout = kind === 'gateway' ? openSync(join(LOG_DIR, `gateway-${++gatewaysStarted}.log`), 'w') : 'inherit';
  const child = fork(benchServerScript(), [kind, sandboxUrl, ...ids], {
    execArgv: NODE_FLAGS, stdio: ['ignore', stdout, 'inherit', 'ipc'],
    env: {
      ...env, NODE_ENV: 'production', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
      BENCH_SANDBOX_IDENTITY: JSON.stringify({ ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN }), ...settings,
    },
  });
  return new Promise((resolve) => child.once('message', (m: any) => resolve({ child, url: m.url })));
}
/** A target's CPU time so far and its peak resident memory. */
const usageOf = (child: ChildProcess) => new Promise<{ cpu: NodeJS.CpuUsage; maxRssMb: number }>((resolve) => {
  child.once('message', (m: any) => resolve({ cpu: m.cpu, maxRssMb: m.maxRssKb / 1024 }));
  child.send('cpu');
});

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as any;
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function parallelism() {
  const sandbox = await startSandbox({ latencyMs: 50 });
  const f = fixtures(sandbox.data);
  // The page cache off: this section measures how upstream calls overlap, and a repeated query would make none.
  const gw = await startTarget('gateway', sandbox.url, [], { GATEWAY_PAGE_CACHE_TTL_MS: '0' });
  const fields = {
    novaActSessions: `workflowDefinitionName: "${f.novaAct.workflowDefinitionName}", workflowRunId: "${f.novaAct.workflowRunIds[0]}"`,
    workSpacesWebSessions: `portalId: "${f.workSpacesWeb.portalIds[0]}"`,
    deadlineSessions: `farmId: "${f.deadline.farmId}", queueId: "${f.deadline.queueId}", jobId: "${f.deadline.jobIds[0]}"`,
    deadlineWorkerSessions: `farmId: "${f.deadline.farmId}", fleetId: "${f.deadline.fleetId}", workerId: "${f.deadline.workerIds[0]}"`,
    codeCatalystDevEnvironmentSessions: `spaceName: "${f.codeCatalyst.spaceName}", projectName: "${f.codeCatalyst.projectName}", devEnvironmentId: "${f.codeCatalyst.devEnvironmentIds[0]}"`,
  };
  const one = `{ deadlineSessions(${fields.deadlineSessions}, first: 25) { edges { node { sessionId } } } }`;
  const all = `{ ${Object.entries(fields).map(([k, a]) => `${k}(${a}, first: 25) { edges { node { sessionId } } }`).join(' ')} }`;
  const time = async (q: string) => {
    const times: number[] = [];
    let calls = 0;
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const res = await gql(gw.url, q);
      times.push(performance.now() - t);
      calls = res.extensions.upstream.calls;
    }
    return { ms: median(times), calls };
  };
  await time(one);
  const a = await time(one);
  const b = await time(all);
  console.log('\n1. Parallel upstream calls (sandbox +50 ms per upstream call, median of 15, page cache off)');
  console.log(`   one connection   deadlineSessions(first: 25): ${a.ms.toFixed(1)} ms, ${a.calls} upstream call(s)`);
  console.log(`   five connections all services, first: 25 each: ${b.ms.toFixed(1)} ms, ${b.calls} upstream call(s)`);
  console.log(`   ratio five/one: ${(b.ms / a.ms).toFixed(2)}x (goal < 1.5x)`);
  const unified = `{ sessions(sources: {
      novaActWorkflowRuns: [{ ${fields.novaActSessions} }], workSpacesWebPortals: [{ ${fields.workSpacesWebSessions} }],
      deadlineJobs: [{ ${fields.deadlineSessions} }], deadlineWorkers: [{ ${fields.deadlineWorkerSessions} }],
      codeCatalystDevEnvironments: [{ ${fields.codeCatalystDevEnvironmentSessions} }] },
    orderBy: STARTED_AT_DESC, first: 25) { edges { cursor node { id service startedAt } } pageInfo { hasNextPage } } }`;
  const c = await time(unified);
  console.log(`   sessions(STARTED_AT_DESC, first: 25) over five sources: ${c.ms.toFixed(1)} ms, ${c.calls} upstream calls (sources without an upstream sort are read to their end, in parallel)`);
  // The graph: each level waits for its parents, siblings go out together, so the floor is depth × the latency.
  const nested = `{ deadlineFarms(first: 2) { edges { node { farmId queues(first: 2) { edges { node { queueId
    jobs(first: 2) { edges { node { jobId sessions(first: 2) { edges { node { sessionId startedAt } } } } } } } } } } } } }`;
  const n = await time(nested);
  const estimate = (await gql(gw.url, nested)).extensions.upstream.estimatedCalls as number;
  console.log(`   nested farms(2) → queues(2) → jobs(2) → sessions(2): ${n.ms.toFixed(1)} ms for 4 levels = ${(n.ms / (4 * 50)).toFixed(2)}x the 200 ms floor (goal ≤ 1.3x); ${n.calls} upstream calls, estimated ${estimate}`);
  gw.child.send('stop');
  await sandbox.close();
}

/**
 * The targets face the same sandbox (its own process) and the same load, and take turns, round after round, so that a
 * slower spell of a shared machine hits them all. The first rounds only warm them up (V8 takes tens of seconds to
 * settle, and a process left idle meanwhile cools down again); the figures are medians over the rounds after.
 */
async function load() {
  const sandbox = await startSandboxProcess();
  const f = sandbox.fixtures;
  const ids = [f.deadline.farmId, f.deadline.queueId, f.deadline.jobIds[0]!];
  const query = pageQuery(ids);
  console.log(`\n3. Load (Node ${process.version}, flags: ${NODE_FLAGS.join(' ') || 'none'}): autocannon, ${CONNECTIONS} connections, one deadlineSessions(first: 25) page per request (every scalar field, cursors, pageInfo); the targets take turns, ${WARMUP_ROUNDS} rounds of ${DURATION_S} s to warm up, then ${ROUNDS} measured`);
  // The proxies have no page cache: the gateway's is off here, so that every request reads its page upstream.
  const noCache = { GATEWAY_PAGE_CACHE_TTL_MS: '0' };
  const traces = await startOtlpSink();
  const plan = [
    // As shipped: the production logger at info, writing to a file; metrics on; tracing off.
    { kind: 'gateway', label: 'gateway', settings: noCache },
    { kind: 'gateway', label: 'gw, logging off', settings: { ...noCache, LOG_LEVEL: 'silent' } },
    { kind: 'gateway', label: 'gw, no metrics', settings: { ...noCache, GATEWAY_METRICS: 'false' } },
    // Every request traced and exported (OTLP/HTTP protobuf, the SDK's batch processor) to a receiver in this process.
    { kind: 'gateway', label: 'gw, tracing', settings: { ...noCache, OTEL_EXPORTER_OTLP_ENDPOINT: traces.url, OTEL_TRACES_SAMPLER: 'always_on' } },
    { kind: 'sdk-proxy', label: 'SDK proxy', settings: {} },
    { kind: 'caller-proxy', label: 'caller proxy', settings: {} },
  ] as const;
  const targets = [];
  for (const { kind, label, settings } of plan) {
    const target = await startTarget(kind, sandbox.url, ids, settings);
    const opts = kind === 'gateway'
      ? { url: `${target.url}/graphql`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: query }
      : { url: target.url };
    // Its memory once started, before any load.
    const idleRssMb = (await usageOf(target.child)).maxRssMb;
    targets.push({ kind, label, ...target, opts, rps: [] as number[], cpu: [] as number[], errors: 0, idleRssMb, peakRssMb: 0 });
  }
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const t of targets) {
      const before = await usageOf(t.child);
      const result = await autocannon({ ...t.opts, connections: CONNECTIONS, duration: DURATION_S });
      const after = await usageOf(t.child);
      t.peakRssMb = after.maxRssMb;
      if (round < WARMUP_ROUNDS) continue;
      t.rps.push(result.requests.average);
      t.cpu.push((after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / Math.max(1, result.requests.total));
      t.errors += result.errors + result.non2xx;
    }
  }
  const sdk = targets.find((t) => t.kind === 'sdk-proxy')!;
  console.log(`   ${'target'.padEnd(16)} ${'req/s'.padStart(6)}  ${'CPU/request'.padStart(11)}  ${'RSS idle'.padStart(8)}  ${'peak'.padStart(6)}   vs SDK proxy: req/s, CPU (per-round CPU ratios), peak RSS`);
  for (const t of targets) {
    const ratios = t.cpu.map((c, i) => c / sdk.cpu[i]!);
    console.log(`   ${t.label.padEnd(16)} ${median(t.rps).toFixed(0).padStart(6)}  ${`${median(t.cpu).toFixed(0)} µs`.padStart(11)}  ${`${t.idleRssMb.toFixed(0)} MB`.padStart(8)}  ${`${t.peakRssMb.toFixed(0)} MB`.padStart(6)}   ${(median(t.rps) / median(sdk.rps)).toFixed(2)}x, ${median(ratios).toFixed(2)}x (${ratios.map((r) => r.toFixed(2)).join(' ')}), ${(t.peakRssMb / sdk.peakRssMb).toFixed(2)}x${t.errors ? `   ERRORS ${t.errors}` : ''}`);
    t.child.send('stop');
  }
  const [gw, , bare, traced] = targets;
  const cost = (a: typeof gw, b: typeof gw) => a!.cpu.map((c, i) => c / b!.cpu[i]! - 1);
  const show = (r: number[]) => `${(median(r) * 100).toFixed(1)}% (per round: ${r.map((x) => `${(x * 100).toFixed(1)}%`).join(' ')})`;
  console.log(`   metrics on vs GATEWAY_METRICS=false: ${show(cost(gw, bare))} CPU per request; tracing every request vs none: ${show(cost(traced, gw))}`);
  console.log(`   (${traces.requests()} OTLP exports received, ${(traces.bytes() / 1e6).toFixed(1)} MB; section 5 attributes the same costs from a profile, without the round-to-round noise)`);
  console.log('   (caller proxy: the same minimal server with this gateway\'s upstream caller instead of the SDK)');
  traces.server.close();
  sandbox.child.kill();
}

/** The page sections 3 and 5 load: 25 Deadline sessions with every scalar field, each edge's cursor, and pageInfo. */
function pageQuery(ids: string[]): string {
  const fields = 'id account accountId endedAt farmId fleetId jobId lifecycleStatus queueId region service sessionId startedAt targetLifecycleStatus updatedAt updatedBy workerId';
  return JSON.stringify({ query: `{ deadlineSessions(farmId: "${ids[0]}", queueId: "${ids[1]}", jobId: "${ids[2]}", first: 25) { edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor } } }` });
}

/** Where the traced target exports: accepts every OTLP/HTTP request and counts it. */
async function startOtlpSink() {
  let requests = 0, bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (d: Buffer) => (bytes += d.length));
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests, bytes: () => bytes };
}

/** The sandbox in its own process, so that its CPU is neither a target's nor the load generator's. */
async function startSandboxProcess(): Promise<{ child: ChildProcess; url: string; fixtures: ReturnType<typeof fixtures> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/sandbox/main.ts', import.meta.url))], { env: { ...process.env, SANDBOX_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /Sandbox listening at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  return { child, url, fixtures: (await (await fetch(`${url}/_sandbox/fixtures`)).json()) as ReturnType<typeof fixtures> };
}

async function upstreamPipeline() {
  const { child, url, fixtures: f } = await startSandboxProcess();
  const input = { farmId: f.deadline.farmId, queueId: f.deadline.queueId, jobId: f.deadline.jobIds[0]!, maxResults: 25 };
  const ours = createUpstreamClient({ ...sandboxUpstream(url, { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: 'us-west-2' }), timeoutMs: 5000, maxAttempts: 3, maxConcurrency: 32, maxResponseBytes: 1 << 22 });
  const sdk = new DeadlineClient({ region: 'us-west-2', endpoint: url, disableHostPrefix: true, credentials: { ...SANDBOX_CREDENTIALS } });
  const cpuPerCall = async (fn: () => Promise<unknown>) => {
    const batch = () => Promise.all(Array.from({ length: 8 }, fn));
    for (let i = 0; i < 200; i++) await batch();
    const c0 = process.cpuUsage();
    for (let i = 0; i < 250; i++) await batch();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 2000;
  };
  const a = await cpuPerCall(() => ours.list(deadlineListSessions, input));
  const b = await cpuPerCall(() => sdk.send(new ListSessionsCommand(input)));
  console.log('\n2. One upstream ListSessions call (25 sessions), CPU per call, 2000 calls');
  console.log(`   this gateway's caller ${a.toFixed(0)} µs   @aws-sdk/client-deadline ${b.toFixed(0)} µs   ratio ${(a / b).toFixed(2)}x`);
  ours.close();
  child.kill();
}

/** The five sources of section 1 (one of each kind), as `sessions(sources:)` takes them. */
function fiveSources(f: ReturnType<typeof fixtures>): string {
  return `{ novaActWorkflowRuns: [{ workflowDefinitionName: "${f.novaAct.workflowDefinitionName}", workflowRunId: "${f.novaAct.workflowRunIds[0]}" }],
    workSpacesWebPortals: [{ portalId: "${f.workSpacesWeb.portalIds[0]}" }],
    deadlineJobs: [{ farmId: "${f.deadline.farmId}", queueId: "${f.deadline.queueId}", jobId: "${f.deadline.jobIds[0]}" }],
    deadlineWorkers: [{ farmId: "${f.deadline.farmId}", fleetId: "${f.deadline.fleetId}", workerId: "${f.deadline.workerIds[0]}" }],
    codeCatalystDevEnvironments: [{ spaceName: "${f.codeCatalyst.spaceName}", projectName: "${f.codeCatalyst.projectName}", devEnvironmentId: "${f.codeCatalyst.devEnvironmentIds[0]}" }] }`;
}

/**
 * 4. The page cache, with the production defaults (GATEWAY_PAGE_CACHE_TTL_MS 5 s, continuation pages 60 s): the
 *    upstream calls of paging the five sources to the end in start-time order, against SOURCE order and against the
 *    same paging with every request asking for a fresh read; then 50 clients polling the same first page every second.
 */
async function pageCache() {
  const sandbox = await startSandbox();
  const gw = await startTarget('gateway', sandbox.url, []);
  const query = (order: string) => `query($after: String) { sessions(sources: ${fiveSources(fixtures(sandbox.data))}, orderBy: ${order}, first: 25, after: $after) {
    edges { cursor node { id service startedAt } } pageInfo { hasNextPage endCursor } } }`;
  const toEnd = async (order: string, fresh: boolean) => {
    let calls = 0;
    let sessions = 0;
    let after: string | null = null;
    const started = performance.now();
    for (;;) {
      const res = await gql(gw.url, query(order), { after }, fresh ? { 'cache-control': 'no-cache' } : {});
      calls += res.extensions.upstream.calls;
      sessions += res.data.sessions.edges.length;
      if (!res.data.sessions.pageInfo.hasNextPage) return { calls, sessions, seconds: (performance.now() - started) / 1000 };
      after = res.data.sessions.pageInfo.endCursor;
    }
  };
  console.log('\n4. Page cache (production defaults: first pages fresh for 5 s, continuation pages for 60 s), the five sources of 1, first: 25');
  const cold = await toEnd('STARTED_AT_DESC', false);
  const fresh = await toEnd('STARTED_AT_DESC', true);
  const bySource = await toEnd('SOURCE', true);
  console.log(`   STARTED_AT_DESC to the end (${cold.sessions} sessions, ${cold.seconds.toFixed(1)} s), from a cold cache: ${cold.calls} upstream calls`);
  console.log(`   the same with Cache-Control: no-cache on every page: ${fresh.calls} calls; SOURCE order (no-cache): ${bySource.calls} calls`);
  console.log(`   cached start-time paging / reading each source once: ${(cold.calls / bySource.calls).toFixed(2)}x (goal ≤ 1.2x)`);
  const first = `{ sessions(sources: ${fiveSources(fixtures(sandbox.data))}, orderBy: STARTED_AT_DESC, first: 25) { edges { node { id } } } }`;
  await new Promise((r) => setTimeout(r, 5_100)); // let the first pages above expire
  const before = sandbox.arrivals();
  const POLLERS = 50, SECONDS = 12;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: POLLERS }, async (_, i) => {
    await new Promise((r) => setTimeout(r, (i * 1000) / POLLERS)); // spread over the second, as independent clients are
    for (let s = 0; s < SECONDS; s++) {
      const next = t0 + (s + 1) * 1000 + (i * 1000) / POLLERS;
      await gql(gw.url, first);
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  }));
  const sent = sandbox.arrivals() - before;
  const seconds = (performance.now() - t0) / 1000;
  // Each refresh re-reads the five sources' first pages; their continuation pages are still fresh (60 s).
  console.log(`   ${POLLERS} clients polling that first page every second for ${seconds.toFixed(1)} s (${POLLERS * SECONDS} requests): ${sent} upstream calls,`);
  console.log(`   ${(sent / 5).toFixed(1)} refreshes of the five sources' first pages, against ${(seconds / 5).toFixed(1)} TTLs of 5 s (goal: about one per TTL; uncached, every request would re-read them: ${POLLERS * SECONDS * 5} calls at least)`);
  gw.child.send('stop');
  await sandbox.close();
}

/**
 * Where the gateway's CPU goes under section 3's load: a V8 CPU profile of the shipped gateway (metrics on, tracing
 * off, page cache off) taken over one loaded window after warm-up, broken down by part (profile-breakdown.ts).
 */
async function profile() {
  const sandbox = await startSandboxProcess();
  const traces = await startOtlpSink();
  console.log(`\n5. Profile: the gateway under section 3's load, ${WARMUP_ROUNDS * DURATION_S} s of warm-up, then ${ALLOCATIONS ? "an allocation" : "a CPU"} profile over ${2 * DURATION_S} s`);
  await profileOne(sandbox, 'as section 3 runs it (metrics on, tracing off)', {});
  await profileOne(sandbox, 'tracing every request as well', { OTEL_EXPORTER_OTLP_ENDPOINT: traces.url, OTEL_TRACES_SAMPLER: 'always_on' });
  traces.server.close();
  sandbox.child.kill();
}

async function profileOne(sandbox: Awaited<ReturnType<typeof startSandboxProcess>>, label: string, settings: Record<string, string>) {
  const f = sandbox.fixtures;
  const ids = [f.deadline.farmId, f.deadline.queueId, f.deadline.jobIds[0]!];
  const query = pageQuery(ids);
  const gw = await startTarget('gateway', sandbox.url, ids, { GATEWAY_PAGE_CACHE_TTL_MS: '0', ...settings });
  const opts = { url: `${gw.url}/graphql`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: query, connections: CONNECTIONS };
  await autocannon({ ...opts, duration: WARMUP_ROUNDS * DURATION_S });
  const reply = (want: string) => new Promise<any>((resolve) => gw.child.on('message', function on(m: any) {
    if (m && want in m) {
      gw.child.off('message', on);
      resolve(m[want]);
    }
  }));
  const started = reply('profiling');
  gw.child.send('profile-start');
  await started;
  const result = await autocannon({ ...opts, duration: 2 * DURATION_S });
  const stopped = reply('profile');
  gw.child.send('profile-stop');
  const profile = (await stopped) as CpuProfile | AllocationProfile;
  // BENCH_PROFILE_DIR keeps each profile as a file, to open in Chrome DevTools or speedscope.
  if (process.env.BENCH_PROFILE_DIR) {
    mkdirSync(process.env.BENCH_PROFILE_DIR, { recursive: true });
    const file = join(process.env.BENCH_PROFILE_DIR, `gateway-${label.replace(/[^a-z]+/gi, '-')}.${ALLOCATIONS ? 'heapprofile' : 'cpuprofile'}`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`   (profile written to ${file})`);
  }
  const parts = breakdown('head' in profile ? allocationsAsSamples(profile) : profile);
  const busy = parts.reduce((a, p) => a + p.ms, 0);
  const perRequest = (ms: number) => ((ms * 1000) / result.requests.total / (ALLOCATIONS ? 1e6 : 1)).toFixed(ALLOCATIONS ? 1 : 0);
  const unit = ALLOCATIONS ? 'kB allocated (sampled)' : 'µs of profiled CPU';
  console.log(`   The gateway ${label}: ${result.requests.total} requests, ${perRequest(busy)} ${unit} per request (main thread):`);
  for (const p of parts) console.log(`   ${(p.share * 100).toFixed(1).padStart(5)}%  ${perRequest(p.ms).padStart(5)} ${ALLOCATIONS ? 'kB' : 'µs'}  ${p.part}`);
  gw.child.send('stop');
}

/**
 * The CPU cost of metrics and of tracing, in finer steps than section 3: the three gateway variants alone, in short
 * rounds that alternate many times, so that the machine's slower and faster spells fall on all three alike; each
 * round's ratio is taken against the neighbouring rounds of the shipped gateway, and the median over many rounds is
 * reported with its interquartile range. Process CPU (the garbage collector's threads included), per request.
 */
async function costs() {
  const ROUND_S = 2, COST_ROUNDS = 24;
  const sandbox = await startSandboxProcess();
  const f = sandbox.fixtures;
  const ids = [f.deadline.farmId, f.deadline.queueId, f.deadline.jobIds[0]!];
  const traces = await startOtlpSink();
  const noCache = { GATEWAY_PAGE_CACHE_TTL_MS: '0' };
  console.log(`\n6. Costs: the shipped gateway, GATEWAY_METRICS=false, and tracing every request, in ${COST_ROUNDS} alternating rounds of ${ROUND_S} s each after warm-up`);
  const variants: { child: ChildProcess; url: string; cpu: number[] }[] = [];
  for (const settings of [noCache, { ...noCache, GATEWAY_METRICS: 'false' }, { ...noCache, OTEL_EXPORTER_OTLP_ENDPOINT: traces.url, OTEL_TRACES_SAMPLER: 'always_on' }]) {
    const target = await startTarget('gateway', sandbox.url, ids, settings);
    variants.push({ ...target, cpu: [] as number[] });
  }
  const body = pageQuery(ids);
  const run = async (v: (typeof variants)[number], seconds: number) => {
    const before = await usageOf(v.child);
    const result = await autocannon({ url: `${v.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: seconds });
    const after = await usageOf(v.child);
    return (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / Math.max(1, result.requests.total);
  };
  for (const v of variants) await run(v, WARMUP_ROUNDS * DURATION_S);
  for (let round = 0; round < COST_ROUNDS; round++) {
    // Each round in a rotated order, so that no variant always follows another.
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(round + i) % variants.length]!;
      v.cpu.push(await run(v, ROUND_S));
    }
  }
  const [shipped, noMetrics, traced] = variants as [(typeof variants)[0], (typeof variants)[0], (typeof variants)[0]];
  const quartiles = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return [sorted[Math.floor(sorted.length / 4)]!, median(sorted), sorted[Math.floor((3 * sorted.length) / 4)]!];
  };
  const pct = (q: number[]) => `${(q[1]! * 100).toFixed(1)}% (interquartile ${(q[0]! * 100).toFixed(1)}% to ${(q[2]! * 100).toFixed(1)}%)`;
  const metricsCost = quartiles(shipped.cpu.map((c, i) => c / noMetrics.cpu[i]! - 1));
  const tracingCost = quartiles(traced.cpu.map((c, i) => c / shipped.cpu[i]! - 1));
  console.log(`   CPU per request: shipped ${median(shipped.cpu).toFixed(0)} µs, metrics off ${median(noMetrics.cpu).toFixed(0)} µs, tracing every request ${median(traced.cpu).toFixed(0)} µs`);
  console.log(`   metrics: ${pct(metricsCost)} of the CPU per request (goal < 5%)`);
  console.log(`   tracing every request: ${pct(tracingCost)} more (goal < 15%)`);
  for (const v of variants) v.child.send('stop');
  traces.server.close();
  sandbox.child.kill();
}

// `npm run bench -- parallel` runs only the first section (a minute instead of several), `-- load` only the third,
// `-- cache` only the fourth, `-- profile` only the fifth, `-- costs` only the sixth.
const only = process.argv[2];
if (!only || only === 'parallel') await parallelism();
if (!only) await upstreamPipeline();
if (!only || only === 'load') await load();
if (!only || only === 'cache') await pageCache();
if (!only || only === 'profile') await profile();
if (!only || only === 'costs') await costs();
process.exit(0);
