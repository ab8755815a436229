/**
 * A benchmark target in its own process, so its CPU can be measured alone: `gateway` (this project, built from src)
 * or `sdk-proxy` (a minimal Node HTTP server that fetches the same page with @aws-sdk/client-deadline).
 * It tells its parent its URL, and answers 'cpu' with process.cpuUsage().
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeadlineClient, ListSessionsCommand } from '@aws-sdk/client-deadline';
import pino from 'pino';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN } from '../src/sandbox/server.js';
import { createGateway } from '../src/server/gateway.js';
import { sandboxUpstream } from '../src/server/upstream-targets.js';
import { createUpstreamClient } from '../src/upstream/call.js';
import { deadlineListSessions } from '../src/upstream/operations/index.js';

const [kind, sandboxUrl, farmId, queueId, jobId] = process.argv.slice(2) as [string, string, string, string, string];

let handler: http.RequestListener;
if (kind === 'gateway') {
  const upstream = createUpstreamClient({
    ...sandboxUpstream(sandboxUrl, { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: 'us-west-2' }),
    timeoutMs: 10_000, maxAttempts: 3, maxConcurrency: 64, maxResponseBytes: 10 << 20,
  });
  handler = createGateway({
    upstream, limits: { defaultFirst: 25, maxFirst: 1000, maxCallsPerConnection: 15, maxSources: 20, maxItemsPerSource: 5000 }, cursorSecret: 'bench-secret-0123456789',
    upstreamLabel: 'bench', graphiql: false, logger: pino({ level: 'silent' }),
    // The load comes from one client: no rate limit. Every other protection stays on, as in production.
    protection: { rateLimit: { perSecond: 0, burst: 1 } },
  }) as unknown as http.RequestListener;
} else if (kind === 'static') {
  handler = (req, res) => { const chunks: Buffer[] = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => { JSON.parse(Buffer.concat(chunks).toString() || '{}'); res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { __typename: 'Query' } })); }); };
} else if (kind === 'caller-proxy') {
  const upstream = createUpstreamClient({
    ...sandboxUpstream(sandboxUrl, { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: 'us-west-2' }),
    timeoutMs: 10_000, maxAttempts: 3, maxConcurrency: 64, maxResponseBytes: 10 << 20,
  });
  handler = (_req, res) => {
    upstream.list(deadlineListSessions, { farmId, queueId, jobId, maxResults: 25 }).then(
      (out) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sessions: out.items, nextToken: out.nextToken })),
      (err: Error) => res.writeHead(502).end(JSON.stringify({ error: err.name })),
    );
  };
} else {
  const client = new DeadlineClient({ region: 'us-west-2', endpoint: sandboxUrl, disableHostPrefix: true, credentials: { ...SANDBOX_CREDENTIALS } });
  handler = (_req, res) => {
    client.send(new ListSessionsCommand({ farmId, queueId, jobId, maxResults: 25 })).then(
      (out) => {
        const body = JSON.stringify({ sessions: out.sessions, nextToken: out.nextToken });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      },
      (err: Error) => res.writeHead(502).end(JSON.stringify({ error: err.name })),
    );
  };
}
const server = http.createServer(handler);
server.listen(0, '127.0.0.1', () => {
  process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
import inspector from 'node:inspector/promises';
import fs from 'node:fs';
const session = new inspector.Session();
if (process.env.ZZ_HEAPPROF) { session.connect(); setTimeout(() => session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as any), 8000); }
process.on('message', async (m) => {
  if (m === 'stop' && process.env.ZZ_HEAPPROF) { const r: any = await session.post('HeapProfiler.stopSampling'); fs.writeFileSync(process.env.ZZ_HEAPPROF, JSON.stringify(r.profile)); }
  if (m === 'cpu') process.send!({ cpu: process.cpuUsage(), heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) });
  if (m === 'stop') server.close(() => process.exit(0));
});
