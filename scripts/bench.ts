/**
 * `npm run bench`: figures, not a timed test.
 * 1. Against the sandbox with 50 ms added latency: one query over all five connections versus one connection alone
 *    (the goal: under 1.5x, since the calls run in parallel), and the upstream calls per query.
 *    Also: one unified sessions(orderBy: STARTED_AT_DESC, first: 25) page over five sources (one of each kind): its time
 *    and upstream calls.
 * 2. One upstream call alone, our generic caller against the official SDK client (CPU per call, the sandbox in its own
 *    process): the part of the request the gateway owns end to end.
 * 3. Under the same load (autocannon, 32 connections, no added latency): requests/s and CPU per request of the gateway
 *    for one deadlineSessions(first: 25) page, against a minimal Node server fetching the same page with the AWS SDK
 *    (and the same minimal server with our caller). The gateway runs as in production: the compiled output,
 *    NODE_ENV=production, the production configuration, and the Docker image's Node flags (every target gets those). BENCH_WARMUP_ROUNDS, BENCH_ROUNDS, BENCH_SECONDS.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { DeadlineClient, ListSessionsCommand } from '@aws-sdk/client-deadline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN, startSandbox, fixtures } from '../src/sandbox/server.js';
import { sandboxUpstream } from '../src/server/upstream-targets.js';
import { createUpstreamClient } from '../src/upstream/call.js';
import { deadlineListSessions } from '../src/upstream/operations/index.js';
import { imageCommand } from '../test/helpers/process.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 3);
const CONNECTIONS = 32;

/** Node's flags in the Docker image's command (between `node` and the script); every target runs with them. */
const NODE_FLAGS = imageCommand().slice(1, -1);

function startTarget(kind: 'gateway' | 'sdk-proxy' | 'caller-proxy', sandboxUrl: string, ids: string[]): Promise<{ child: ChildProcess; url: string }> {
  // NODE_ENV=production as the Dockerfile runs it (graphql-js skips its development checks).
  const child = fork(fileURLToPath(new URL('./bench-server.ts', import.meta.url)), [kind, sandboxUrl, ...ids], { execArgv: [...NODE_FLAGS, '--import', 'tsx'], env: { ...process.env, NODE_ENV: 'production', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' } });
  return new Promise((resolve) => child.once('message', (m: any) => resolve({ child, url: m.url })));
}
const cpuOf = (child: ChildProcess) => new Promise<NodeJS.CpuUsage>((resolve) => {
  child.once('message', (m: any) => resolve(m.cpu));
  child.send('cpu');
});

async function gql(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const json = (await res.json()) as any;
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function parallelism() {
  const sandbox = await startSandbox({ latencyMs: 50 });
  const f = fixtures(sandbox.data);
  const gw = await startTarget('gateway', sandbox.url, []);
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
  console.log('\n1. Parallel upstream calls (sandbox +50 ms per upstream call, median of 15)');
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
  const query = JSON.stringify({ query: `{ deadlineSessions(farmId: "${ids[0]}", queueId: "${ids[1]}", jobId: "${ids[2]}", first: 25) { edges { cursor node { sessionId startedAt endedAt lifecycleStatus } } pageInfo { hasNextPage endCursor } } }` });
  console.log(`\n3. Load: autocannon, ${CONNECTIONS} connections, one deadlineSessions(first: 25) page per request; the targets take turns, ${WARMUP_ROUNDS} rounds of ${DURATION_S} s to warm up, then ${ROUNDS} measured`);
  const kinds = ['gateway', 'sdk-proxy', 'caller-proxy'] as const;
  const targets = [];
  for (const kind of kinds) {
    const target = await startTarget(kind, sandbox.url, ids);
    const opts = kind === 'gateway'
      ? { url: `${target.url}/graphql`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: query }
      : { url: target.url };
    targets.push({ kind, ...target, opts, rps: [] as number[], cpu: [] as number[], errors: 0 });
  }
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const t of targets) {
      const before = await cpuOf(t.child);
      const result = await autocannon({ ...t.opts, connections: CONNECTIONS, duration: DURATION_S });
      const after = await cpuOf(t.child);
      if (round < WARMUP_ROUNDS) continue;
      t.rps.push(result.requests.average);
      t.cpu.push((after.user + after.system - before.user - before.system) / Math.max(1, result.requests.total));
      t.errors += result.errors + result.non2xx;
    }
  }
  const labels = { gateway: 'gateway', 'sdk-proxy': 'SDK proxy', 'caller-proxy': 'caller proxy' };
  for (const t of targets) {
    console.log(`   ${labels[t.kind].padEnd(12)} ${median(t.rps).toFixed(0).padStart(6)} req/s   CPU ${median(t.cpu).toFixed(0).padStart(5)} µs/request   errors ${t.errors}   (rounds: ${t.cpu.map((c) => c.toFixed(0)).join(' ')} µs)`);
    t.child.send('stop');
  }
  const [gw, sdk] = [targets[0]!, targets[1]!];
  const ratios = gw.cpu.map((c, i) => c / sdk.cpu[i]!);
  console.log(`   gateway/SDK proxy: ${(median(gw.rps) / median(sdk.rps)).toFixed(2)}x requests/s, ${median(ratios).toFixed(2)}x CPU per request (per round: ${ratios.map((r) => r.toFixed(2)).join(' ')}; goal < 1)`);
  console.log('   (caller proxy: the same minimal server with this gateway\'s upstream caller instead of the SDK)');
  sandbox.child.kill();
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

// `npm run bench -- parallel` runs only the first section (a minute instead of several).
await parallelism();
if (process.argv[2] !== 'parallel') {
  await upstreamPipeline();
  await load();
}
process.exit(0);
