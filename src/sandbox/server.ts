/**
 * The sandbox: a local HTTP server that speaks the services' wire protocol (rest-json, SigV4 or bearer auth) and
 * STS AssumeRole, serves the seeded data sets of its accounts and regions, and injects faults on request. The gateway
 * reaches it only over HTTP.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxData } from './data.js';
import { FaultPlan, type FaultRule } from './faults.js';
import { graphRoutes } from './graph-handlers.js';
import { routes as sessionRoutes, type Route } from './handlers.js';
import { SandboxError } from './sandbox-error.js';
import { accessOf, authenticate, SANDBOX_CREDENTIALS, SANDBOX_TOKEN, type SandboxIdentity } from './access.js';
import { assumeRole, stsErrorXml } from './sts.js';
import { createWorlds, SANDBOX_REGIONS, worldAt, type SandboxWorld } from './worlds.js';

export { SANDBOX_CREDENTIALS, SANDBOX_TOKEN, type SandboxIdentity } from './access.js';
export { RENDER_ACCOUNT, SANDBOX_ACCOUNTS, SANDBOX_REGIONS, SANDBOX_ROLES, type SandboxWorld } from './worlds.js';

/** Options of a sandbox. */
export interface SandboxOptions {
  host?: string;
  /** 0 (the default) lets the OS choose. */
  port?: number;
  seed?: number;
  /** Added to every data request. */
  latencyMs?: number;
  faults?: FaultRule[];
  /** Requests kept in `requests`, newest last; older ones are dropped (default 10 000), so a long run stays small. */
  maxRecords?: number;
  /** Identities accepted besides SANDBOX_CREDENTIALS, e.g. temporary credentials with their session token. */
  identities?: SandboxIdentity[];
  /** CodeCatalyst bearer tokens accepted besides SANDBOX_TOKEN. */
  bearerTokens?: string[];
  /** The longest life of the credentials AssumeRole issues (default: what the caller asks, 1 hour unless it says). */
  stsCredentialSeconds?: number;
}

/** One request the sandbox received, for tests that count upstream calls or read query strings. */
export interface SandboxRequestRecord {
  service?: string;
  operation?: string;
  method: string;
  /** Path and query exactly as sent. */
  target: string;
  status: number;
  signingRegion?: string;
  /** The account whose data it read (its credentials' account). */
  accountId?: string;
  /** The JSON body of a POST (CodeCatalyst and Nova Act page in it or sort by it), as sent. */
  body?: string;
}

/** A running sandbox. */
export interface Sandbox {
  url: string;
  /** The main data set: us-west-2 of the sandbox's own account. */
  data: SandboxData;
  /** Every account's data in every region, the main data set first. */
  worlds: SandboxWorld[];
  faults: FaultPlan;
  requests: SandboxRequestRecord[];
  /** Operation requests received so far, counted on arrival (`requests` records them only once answered). */
  arrivals(): number;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

/** Starts a sandbox on loopback. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const worlds = createWorlds(options.seed);
  const data = worlds[0]!.data;
  const faults = new FaultPlan();
  if (options.faults) faults.set(options.faults);
  const requests: SandboxRequestRecord[] = [];
  const latencyMs = options.latencyMs ?? 0;
  const maxRecords = options.maxRecords ?? 10_000;
  let arrived = 0;
  const access = accessOf(SANDBOX_REGIONS, options);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const record: SandboxRequestRecord = { method: req.method ?? 'GET', target: req.url ?? '/', status: 0 };
      handle(req, Buffer.concat(chunks), record)
        .then((reply) => reply(res))
        .catch((err: unknown) => sendError(res, err instanceof SandboxError ? err : new SandboxError(500, 'InternalServerException', 'Internal error')))
        .finally(() => {
          record.status = res.statusCode;
          if (record.target.startsWith('/_sandbox/')) return;
          requests.push(record);
          // Dropped in halves, so that keeping the bound costs nothing per request.
          if (requests.length > maxRecords) requests.splice(0, requests.length - Math.floor(maxRecords / 2));
        });
    });
  });
  server.keepAliveTimeout = 30_000;

  type Reply = (res: http.ServerResponse) => void;

  // A barrier rule's held requests; all are released when the last party arrives (a proof of concurrency that
  // does not depend on timing: requests sent one after another would never all be held at once).
  const held = new WeakMap<FaultRule, (() => void)[]>();
  function meetAt(rule: FaultRule): Promise<void> {
    const waiting = held.get(rule) ?? [];
    held.set(rule, waiting);
    return new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length >= (rule.parties ?? 1)) waiting.splice(0).forEach((release) => release());
    });
  }

  async function handle(req: http.IncomingMessage, body: Buffer, record: SandboxRequestRecord): Promise<Reply> {
    const target = req.url ?? '/';
    if (target.startsWith('/_sandbox/')) return control(req.method ?? 'GET', target, body);
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    if (req.method === 'POST' && rawPath === '/' && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return sts(req, body, target, record);
    }
    const match = findRoute(req.method ?? 'GET', rawPath);
    if (!match) throw new SandboxError(404, 'UnknownOperationException', `No operation at ${req.method} ${rawPath}`);
    const { route, params } = match;
    record.service = route.service;
    record.operation = route.operation;
    if (body.length > 0 && body.length <= 4096) record.body = body.toString('utf8');
    arrived++;
    const caller = authenticate(access, route.service, req, target, body, record);
    record.accountId = caller.accountId;
    const world = worldAt(worlds, caller.accountId, caller.region);
    if (!world) throw new SandboxError(403, 'UnrecognizedClientException', `No account ${caller.accountId} in this sandbox`);

    const fault = faults.take(route.service, route.operation);
    const delay = latencyMs + (fault.latency?.latencyMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (fault.barrier) await meetAt(fault.barrier);
    const query = parseQuery(q < 0 ? '' : target.slice(q + 1));
    let json: Record<string, unknown> = {};
    if (body.length) {
      try {
        const parsed: unknown = JSON.parse(body.toString('utf8'));
        if (typeof parsed === 'object' && parsed && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
        else throw new Error();
      } catch {
        throw new SandboxError(400, 'SerializationException', 'Request body is not a JSON object');
      }
    }
    if (fault.failure?.kind === 'short-pages') {
      query.set('maxResults', '1');
      json.maxResults = 1;
    } else if (fault.failure) return failureReply(fault.failure, query, json);
    const result = route.handle(world.data, { params, query, body: json });
    return (res) => sendJson(res, 200, result);
  }

  function sts(req: http.IncomingMessage, body: Buffer, target: string, record: SandboxRequestRecord): Reply {
    const form = new URLSearchParams(body.toString('utf8'));
    record.service = 'sts';
    record.operation = form.get('Action') ?? undefined;
    if (body.length <= 4096) record.body = body.toString('utf8');
    arrived++;
    let reply: { status: number; xml: string };
    try {
      const caller = authenticate(access, 'sts', req, target, body, record);
      record.accountId = caller.accountId;
      reply = assumeRole(access, form, caller.accountId, options.stsCredentialSeconds);
    } catch (err) {
      if (!(err instanceof SandboxError)) throw err;
      reply = { status: err.status, xml: stsErrorXml(err) };
    }
    return (res) => sendRaw(res, reply.status, 'text/xml', reply.xml);
  }

  function control(method: string, target: string, body: Buffer): Reply {
    const path = target.split('?')[0];
    if (path === '/_sandbox/health') return (res) => sendJson(res, 200, { ok: true });
    if (path === '/_sandbox/fixtures') return (res) => sendJson(res, 200, fixtures(data));
    if (path === '/_sandbox/requests' && method === 'GET') return (res) => sendJson(res, 200, { requests });
    if (path === '/_sandbox/requests' && method === 'DELETE') {
      requests.length = 0;
      return (res) => sendJson(res, 200, { ok: true });
    }
    if (path === '/_sandbox/faults' && method === 'GET') return (res) => sendJson(res, 200, { faults: faults.list() });
    if (path === '/_sandbox/faults' && method === 'PUT') {
      const parsed = JSON.parse(body.toString('utf8') || '{"faults":[]}') as { faults?: FaultRule[] };
      faults.set(Array.isArray(parsed.faults) ? parsed.faults : []);
      return (res) => sendJson(res, 200, { faults: faults.list() });
    }
    throw new SandboxError(404, 'UnknownOperationException', `No control endpoint ${method} ${path}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    data,
    worlds,
    faults,
    requests,
    arrivals: () => arrived,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const routes = [...sessionRoutes, ...graphRoutes];

function findRoute(method: string, rawPath: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(rawPath);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) {
      try {
        params[k] = decodeURIComponent(v);
      } catch {
        throw new SandboxError(400, 'ValidationException', `Path label ${k} is not valid percent-encoding`);
      }
    }
    return { route, params };
  }
  return undefined;
}

/** Query values decoded as AWS decodes them: percent-escapes only, `+` stays a plus. */
function parseQuery(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    try {
      out.set(decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq)), decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1)));
    } catch {
      throw new SandboxError(400, 'ValidationException', 'Query string is not valid percent-encoding');
    }
  }
  return out;
}

function failureReply(rule: FaultRule, query: Map<string, string>, body: Record<string, unknown>): (res: http.ServerResponse) => void {
  switch (rule.kind) {
    case 'throttle':
      return (res) => sendError(res, new SandboxError(429, 'ThrottlingException', 'Rate exceeded'), { 'retry-after': String(rule.retryAfterSeconds ?? 0) });
    case 'server-error':
      return (res) => sendError(res, new SandboxError(rule.status ?? 500, 'InternalServerException', 'Internal server error'),
        rule.retryAfterSeconds !== undefined ? { 'retry-after': String(rule.retryAfterSeconds) } : {});
    case 'malformed-json':
      return (res) => sendRaw(res, 200, 'application/json', '{"sessions": [ {"sessionId": ');
    case 'wrong-shape':
      return (res) => sendJson(res, 200, { unexpected: true, sessions: 'not-a-list', items: 42, sessionSummaries: null, session: 'x' });
    case 'html':
      return (res) => sendRaw(res, rule.status ?? 502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
    case 'huge':
      return (res) => sendRaw(res, 200, 'application/json', `{"sessions":[],"padding":"${'x'.repeat(rule.sizeBytes ?? 32 << 20)}"}`);
    case 'reset':
      return (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"sessions":[');
        setTimeout(() => res.socket?.destroy(), 5);
      };
    case 'hang':
      return () => undefined;
    case 'same-token': {
      const token = (query.get('nextToken') ?? body.nextToken) as string | undefined;
      return (res) => sendJson(res, 200, emptyPage(token));
    }
    case 'empty-pages':
      return (res) => sendJson(res, 200, emptyPage(randomUUID()));
    case 'cycle-tokens': {
      const token = (query.get('nextToken') ?? body.nextToken) as string | undefined;
      return (res) => sendJson(res, 200, emptyPage(token === 'cycle-A' ? 'cycle-B' : 'cycle-A'));
    }
    default:
      return (res) => sendError(res, new SandboxError(500, 'InternalServerException', 'Unknown fault'));
  }
}

/** An empty page of any of the list operations, carrying `nextToken` when given. */
const LIST_KEYS = ['sessions', 'items', 'sessionSummaries', 'farms', 'queues', 'jobs', 'fleets', 'workers', 'portals', 'workflowDefinitionSummaries', 'workflowRunSummaries'];
const emptyPage = (nextToken: string | undefined) => ({ ...Object.fromEntries(LIST_KEYS.map((k) => [k, []])), ...(nextToken ? { nextToken } : {}) });

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, 'application/json', JSON.stringify(body));
}

function sendRaw(res: http.ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': randomUUID(), ...extra });
  res.end(body);
}

function sendError(res: http.ServerResponse, err: SandboxError, extra: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  sendRaw(res, err.status, 'application/json', JSON.stringify({ message: err.message }), { 'x-amzn-errortype': err.errorType, ...extra });
}

/** The parent IDs to query by, for people and tests. */
export function fixtures(data: SandboxData) {
  return {
    region: data.region,
    deadline: { farmId: data.deadline.farmId, queueId: data.deadline.queueId, fleetId: data.deadline.fleetId, jobIds: data.deadline.jobIds, workerIds: data.deadline.workerIds },
    workSpacesWeb: { portalIds: data.workSpacesWeb.portalIds },
    novaAct: { workflowDefinitionName: data.novaAct.workflowDefinitionName, workflowRunIds: data.novaAct.workflowRunIds },
    codeCatalyst: { spaceName: data.codeCatalyst.spaceName, projectName: data.codeCatalyst.projectName, devEnvironmentIds: data.codeCatalyst.devEnvironmentIds },
  };
}

/**
 * The environment that points the AWS CLI, boto3, the SDKs and the gateway (with GATEWAY_UPSTREAM=aws) at a sandbox:
 * the CLI and boto3 read AWS_DEFAULT_REGION, not AWS_REGION, and botocore adds Deadline's `management.` host prefix
 * even to an endpoint override unless told not to.
 */
export function sandboxSettings(url: string, region: string): [string, string][] {
  return [
    ['AWS_ENDPOINT_URL', url],
    ['AWS_ACCESS_KEY_ID', SANDBOX_CREDENTIALS.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', SANDBOX_CREDENTIALS.secretAccessKey],
    ['AWS_BEARER_TOKEN_CODECATALYST', SANDBOX_TOKEN],
    ['AWS_REGION', region],
    ['AWS_DEFAULT_REGION', region],
    ['AWS_DISABLE_HOST_PREFIX_INJECTION', 'true'],
  ];
}
