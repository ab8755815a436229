/**
 * `npm run soak`: N concurrent clients for T seconds against the gateway on the sandbox, with a fault mix (throttling,
 * 5xx, slow responses, resets, malformed bodies). Prints requests, errors by code, p50/p99 latency and heap before and
 * after; exits 1 on an unexpected error code or unbounded heap growth. Loopback only; it stops by itself.
 * `SOAK_CLIENTS` (default 32) and `SOAK_SECONDS` (default 30) set the load; `test/integration/soak.test.ts` runs a
 * short version.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN, startSandbox } from '../src/sandbox/server.js';
import { createGateway } from '../src/server/gateway.js';
import { sandboxUpstream } from '../src/server/upstream-targets.js';
import { createUpstreamClient } from '../src/upstream/call.js';
import { heapAfterGcMb } from './heap.js';

/** Codes a client may legitimately see under the fault mix. */
const EXPECTED_CODES = new Set(['UPSTREAM_THROTTLED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_BAD_RESPONSE', 'REQUEST_TIMEOUT']);

/** What a soak run saw. */
export interface SoakReport {
  requests: number;
  httpErrors: number;
  errorsByCode: Record<string, number>;
  unexpectedCodes: string[];
  p50Ms: number;
  p99Ms: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  ok: boolean;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
/** Runs the soak and returns its report. */
export async function runSoak(options: { clients: number; seconds: number; maxHeapGrowthMb?: number }): Promise<SoakReport> {
  const sandbox = await startSandbox({
    faults: [
      { kind: 'latency', latencyMs: 30, probability: 0.2 },
      { kind: 'throttle', probability: 0.04 },
      { kind: 'server-error', probability: 0.03 },
      { kind: 'reset', probability: 0.01 },
      { kind: 'malformed-json', probability: 0.01 },
    ],
  });
  const config = loadConfig({});
  const upstream = createUpstreamClient({
    ...sandboxUpstream(sandbox.url, { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: sandbox.data.region }),
    timeoutMs: 2000, maxAttempts: 3, maxConcurrency: 16, maxResponseBytes: 4 << 20, circuit: config.circuit,
  });
  const yoga = createGateway({
    upstream, limits: config.limits, cursorSecret: 'soak-secret-0123456789', upstreamLabel: 'soak', graphiql: false,
    logger: pino({ level: 'silent' }), protection: { rateLimit: { perSecond: 0, burst: 1 } }, requestTimeoutMs: 5000,
  });
  const server = http.createServer(yoga);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const d = sandbox.data;
  const fields = [
    `novaActSessions(workflowDefinitionName: "${d.novaAct.workflowDefinitionName}", workflowRunId: "${d.novaAct.workflowRunIds[0]}"`,
    `workSpacesWebSessions(portalId: "${d.workSpacesWeb.portalIds[0]}", status: ACTIVE`,
    `deadlineSessions(farmId: "${d.deadline.farmId}", queueId: "${d.deadline.queueId}", jobId: "${d.deadline.jobIds[0]}"`,
    `deadlineWorkerSessions(farmId: "${d.deadline.farmId}", fleetId: "${d.deadline.fleetId}", workerId: "${d.deadline.workerIds[0]}"`,
    `codeCatalystDevEnvironmentSessions(spaceName: "${d.codeCatalyst.spaceName}", projectName: "${d.codeCatalyst.projectName}", devEnvironmentId: "${d.codeCatalyst.devEnvironmentIds[0]}"`,
    `sessions(orderBy: STARTED_AT_DESC, filter: { activeOnly: true }, sources: { deadlineJobs: [{ farmId: "${d.deadline.farmId}", queueId: "${d.deadline.queueId}", jobId: "${d.deadline.jobIds[1]}" }], workSpacesWebPortals: [{ portalId: "${d.workSpacesWeb.portalIds[1]}" }] }`,
  ];
  const latencies: number[] = [];
  const errorsByCode: Record<string, number> = {};
  let requests = 0, httpErrors = 0, n = 0;

  const ask = async () => {
    const field = fields[n++ % fields.length]!;
    const first = [1, 5, 25, 60][n % 4];
    const body = JSON.stringify({ query: `{ x: ${field}, first: ${first}) { edges { cursor node { id } } pageInfo { hasNextPage } } }` });
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    latencies.push(performance.now() - started);
    requests++;
    if (res.status !== 200) httpErrors++;
    for (const e of json.errors ?? []) {
      const code = e.extensions?.code ?? 'NO_CODE';
      errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
    }
  };

  for (let i = 0; i < 50; i++) await ask(); // warm-up, not counted in the heap baseline
  requests = 0;
  latencies.length = 0;
  for (const k of Object.keys(errorsByCode)) delete errorsByCode[k];
  const heapBeforeMb = heapAfterGcMb();
  const until = Date.now() + options.seconds * 1000;
  await Promise.all(Array.from({ length: options.clients }, async () => {
    while (Date.now() < until) await ask();
  }));
  const heapAfterMb = heapAfterGcMb();

  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  upstream.close();
  await sandbox.close();

  latencies.sort((a, b) => a - b);
  const unexpectedCodes = Object.keys(errorsByCode).filter((c) => !EXPECTED_CODES.has(c));
  const growthOk = heapAfterMb - heapBeforeMb < (options.maxHeapGrowthMb ?? 64);
  return {
    requests, httpErrors, errorsByCode, unexpectedCodes,
    p50Ms: Math.round(percentile(latencies, 0.5)), p99Ms: Math.round(percentile(latencies, 0.99)),
    heapBeforeMb: Math.round(heapBeforeMb), heapAfterMb: Math.round(heapAfterMb),
    ok: unexpectedCodes.length === 0 && httpErrors === 0 && growthOk,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const clients = Number(process.env.SOAK_CLIENTS ?? 32);
  const seconds = Number(process.env.SOAK_SECONDS ?? 30);
  console.log(`soak: ${clients} clients for ${seconds} s against the sandbox with a fault mix…`);
  const report = await runSoak({ clients, seconds });
  console.log(JSON.stringify(report, null, 2));
  process.exit(report.ok ? 0 : 1);
}
