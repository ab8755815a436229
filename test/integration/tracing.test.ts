/**
 * OpenTelemetry traces from the built gateway process, exported over OTLP/HTTP to a receiver this test runs on
 * loopback: the span tree and attributes of a cross-service query whose Deadline call is throttled once and retried,
 * the client's traceparent continued, an unsampled parent honoured, and nothing a client sent (IDs, cursors) or the
 * gateway holds (keys, tokens) in any attribute.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN, startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { fieldCases } from '../helpers/fields.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/process.js';
import { waitUntil } from '../helpers/wait.js';

interface OtlpAttribute { key: string; value: Record<string, unknown> }
interface OtlpSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number;
  startTimeUnixNano: string; endTimeUnixNano: string;
  attributes: OtlpAttribute[]; events?: { name: string; timeUnixNano: string; attributes: OtlpAttribute[] }[];
  status?: { code?: number };
}
interface Received { resource: Record<string, unknown>; span: OtlpSpan }

/** An OTLP/HTTP JSON receiver: what it was sent, span by span, with each span's resource attributes. */
async function startReceiver(): Promise<{ url: string; spans: Received[]; server: Server }> {
  const spans: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.method === 'POST') {
        const sent = JSON.parse(body) as { resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const rs of sent.resourceSpans) {
          const resource = attrs(rs.resource.attributes);
          for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ resource, span });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

/** OTLP's attribute list as a plain object. */
function attrs(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => {
    const v = value.stringValue ?? value.boolValue ?? value.doubleValue
      ?? (value.intValue !== undefined ? Number(value.intValue) : undefined)
      ?? (value.arrayValue as { values?: { stringValue?: string }[] } | undefined)?.values?.map((x) => x.stringValue);
    return [key, v];
  }));
}

const SERVER = 2;
const CLIENT = 3;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe('when the gateway exports traces over OTLP/HTTP', () => {
  let sandbox: Sandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let gw: GatewayProcess;

  before(async () => {
    [sandbox, receiver] = await Promise.all([startSandbox(), startReceiver()]);
    gw = await startGatewayProcess({
      GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey, AWS_BEARER_TOKEN_CODECATALYST: SANDBOX_TOKEN,
      GATEWAY_PAGE_CACHE_TTL_MS: '0', LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'gateway-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
  });
  after(async () => {
    await gw?.stop();
    await sandbox?.close();
    receiver?.server.close();
  });

  const post = async (query: string, traceparent: string) => {
    const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', traceparent }, body: JSON.stringify({ query }) });
    return (await res.json()) as { data?: any; errors?: unknown[]; extensions: { upstream: { estimatedCalls: number; calls: number } } };
  };
  const ofTrace = (traceId: string) => receiver.spans.filter((r) => r.span.traceId === traceId);

  it('then a cross-service query is one server span continuing the client trace, with a client span per upstream call and the throttled retry as an event', async () => {
    const cases = fieldCases(sandbox.data);
    const dl = cases.find((c) => c.field === 'deadlineSessions')!;
    const wsw = cases.find((c) => c.field === 'workSpacesWebSessions')!;
    const query = `query CrossService { dl: deadlineSessions(${dl.args}, first: 3) { edges { cursor node { sessionId } } pageInfo { endCursor } }
      wsw: workSpacesWebSessions(${wsw.args}, first: 3) { edges { cursor node { sessionId } } } }`;
    sandbox.faults.set([{ kind: 'throttle', service: 'deadline', times: 1 }]);
    const [traceId, parentId] = [hex(16), hex(8)];
    const res = await post(query, `00-${traceId}-${parentId}-01`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const { calls, estimatedCalls } = res.extensions.upstream;
    assert.equal(calls, 2);

    await waitUntil(() => ofTrace(traceId).length >= calls + 1, 'the server span and its client spans are exported');
    const spans = ofTrace(traceId);
    assert.equal(spans.length, calls + 1);
    const server = spans.find((r) => r.span.kind === SERVER)!;
    assert.equal(server.resource['service.name'], 'gateway-under-test');
    assert.equal(server.span.parentSpanId, parentId, 'the client trace is continued');
    assert.equal(server.span.name, 'query CrossService');
    assert.deepEqual(pick(attrs(server.span.attributes), ['graphql.operation.name', 'graphql.operation.type', 'gateway.upstream.estimated_calls', 'gateway.upstream.calls', 'http.response.status_code']), {
      'graphql.operation.name': 'CrossService', 'graphql.operation.type': 'query', 'gateway.upstream.estimated_calls': estimatedCalls, 'gateway.upstream.calls': calls, 'http.response.status_code': 200,
    });

    const clients = spans.filter((r) => r.span.kind === CLIENT).map((r) => r.span);
    assert.equal(clients.length, calls);
    for (const c of clients) {
      assert.equal(c.parentSpanId, server.span.spanId);
      assert.ok(BigInt(c.startTimeUnixNano) >= BigInt(server.span.startTimeUnixNano) && BigInt(c.endTimeUnixNano) <= BigInt(server.span.endTimeUnixNano), 'inside the server span');
    }
    const byService = Object.fromEntries(clients.map((c) => [attrs(c.attributes)['rpc.service'], c]));
    const deadline = byService.deadline!;
    assert.equal(deadline.name, 'deadline/ListSessions');
    const d = attrs(deadline.attributes);
    assert.deepEqual(pick(d, ['rpc.system', 'rpc.method', 'cloud.region', 'gateway.upstream.attempts', 'gateway.upstream.throttled', 'http.request.resend_count', 'http.response.status_code']), {
      'rpc.system': 'aws-api', 'rpc.method': 'ListSessions', 'cloud.region': 'us-west-2', 'gateway.upstream.attempts': 2, 'gateway.upstream.throttled': true, 'http.request.resend_count': 1, 'http.response.status_code': 200,
    });
    assert.match(String(d['aws.request_id']), /^[0-9a-f-]{36}$/);
    assert.equal(deadline.events?.length, 1);
    assert.equal(deadline.events![0]!.name, 'retry');
    assert.deepEqual(attrs(deadline.events![0]!.attributes), { 'gateway.upstream.attempt': 1, 'error.type': 'UPSTREAM_THROTTLED', 'http.response.status_code': 429 });
    const portal = byService['WorkSpaces Web']!;
    assert.equal(portal.name, 'WorkSpaces Web/ListSessions');
    assert.deepEqual(pick(attrs(portal.attributes), ['gateway.upstream.attempts', 'gateway.upstream.throttled']), { 'gateway.upstream.attempts': 1, 'gateway.upstream.throttled': false });
    assert.equal(portal.events?.length ?? 0, 0);

    // Nothing the client sent or the gateway holds is in a name, an attribute or an event.
    const exported = JSON.stringify(spans.map((r) => r.span));
    const cursors = [...res.data.dl.edges, ...res.data.wsw.edges].map((e: { cursor: string }) => e.cursor);
    const secrets = [
      sandbox.data.deadline.farmId, sandbox.data.deadline.queueId, ...sandbox.data.deadline.jobIds, ...sandbox.data.workSpacesWeb.portalIds,
      ...cursors, res.data.dl.pageInfo.endCursor, SANDBOX_CREDENTIALS.accessKeyId, SANDBOX_CREDENTIALS.secretAccessKey, SANDBOX_TOKEN,
    ];
    for (const s of secrets) assert.ok(!exported.includes(s), `an exported span holds ${s.slice(0, 12)}…`);
  });

  it('then a failing field marks its span and the server span with the error code, not the message', async () => {
    sandbox.faults.set([{ kind: 'server-error', service: 'deadline' }]);
    const dl = fieldCases(sandbox.data).find((c) => c.field === 'deadlineSessions')!;
    const traceId = hex(16);
    const res = await post(`{ deadlineSessions(${dl.args}, first: 2) { edges { node { sessionId } } } }`, `00-${traceId}-${hex(8)}-01`);
    sandbox.faults.clear();
    assert.ok(res.errors?.length);
    await waitUntil(() => ofTrace(traceId).some((r) => r.span.kind === SERVER), 'the server span is exported');
    const server = ofTrace(traceId).find((r) => r.span.kind === SERVER)!.span;
    const client = ofTrace(traceId).find((r) => r.span.kind === CLIENT)!.span;
    assert.equal(server.name, 'query');
    assert.equal(server.status?.code, 2);
    assert.deepEqual(attrs(server.attributes)['graphql.error.codes'], ['UPSTREAM_UNAVAILABLE']);
    assert.equal(client.status?.code, 2);
    assert.equal(attrs(client.attributes)['error.type'], 'UPSTREAM_UNAVAILABLE');
    assert.ok((client.events ?? []).every((e) => e.name === 'retry'));
    assert.ok(!JSON.stringify([server, client]).includes(sandbox.data.deadline.farmId));
  });

  it('then a client trace that is not sampled records nothing', async () => {
    const [unsampled, sampled] = [hex(16), hex(16)];
    await post('{ __typename }', `00-${unsampled}-${hex(8)}-00`);
    await post('{ __typename }', `00-${sampled}-${hex(8)}-01`);
    // An unsampled span is never recorded, so once the later trace has arrived the earlier one cannot follow.
    await waitUntil(() => ofTrace(sampled).length === 1, 'the sampled trace is exported');
    assert.equal(ofTrace(unsampled).length, 0);
  });
});

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}

describe('when a tracing gateway is stopped with spans still buffered', () => {
  it('then SIGTERM exports them before the process exits', async () => {
    const [sandbox, receiver] = await Promise.all([startSandbox(), startReceiver()]);
    try {
      const gw = await startGatewayProcess({
        GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: 'us-west-2',
        AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey, AWS_BEARER_TOKEN_CODECATALYST: SANDBOX_TOKEN,
        LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        // Nothing would be exported for ten minutes but for the shutdown.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      });
      const traceId = hex(16);
      const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${hex(8)}-01` }, body: JSON.stringify({ query: '{ __typename }' }) });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      assert.equal(receiver.spans.length, 0);
      assert.equal(await gw.stop('SIGTERM'), 0);
      const names = receiver.spans.filter((r) => r.span.traceId === traceId).map((r) => [r.span.name, r.resource['service.name']]);
      assert.deepEqual(names, [['query', 'aws-sessions-gateway']]);
    } finally {
      await sandbox.close();
      receiver.server.close();
    }
  });
});
