/**
 * Metrics as an operator reads them: a real Prometheus scrapes the gateway's own process (the image's command, on the
 * embedded sandbox) while traffic runs, success, bad input and an upstream throttle among it, and its HTTP API is
 * asked for the series. promtool lints the exposition text.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { createGatewayMetrics } from '../../src/server/metrics.js';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN } from '../../src/sandbox/server.js';
import { createLogger } from '../../src/server/logger.js';
import { createRuntime } from '../../src/server/runtime.js';
import { metricsOnMainPort } from '../../src/server/settings.js';
import { sandboxUpstream } from '../../src/server/upstream-targets.js';
import { startHarness } from '../helpers/harness.js';
import { ROOT, startGatewayProcess, type GatewayProcess } from '../helpers/process.js';
import { promtoolCheck, prometheusMissing, startPrometheus, type Prometheus } from '../helpers/prometheus.js';
import { assertPresent, skipWhenMissing } from '../helpers/skips.js';
import { waitUntil } from '../helpers/wait.js';

const missing = prometheusMissing();
const TOKEN = 'metrics-token-0123456789abcdef0123456789';

async function graphql(url: string, query: string, operationName?: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, ...(operationName ? { operationName } : {}) }) });
  return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

/** The one value of `expr` in Prometheus, waiting until a scrape after the traffic has it. */
async function settled(prometheus: Prometheus, expr: string, expected: number): Promise<void> {
  let last: number | undefined;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const result = await prometheus.query(expr);
    last = result.length === 1 ? result[0]![1] : undefined;
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`${expr}: ${last} after 30 s, expected ${expected}`);
}

describe('when a real Prometheus scrapes the gateway', { skip: skipWhenMissing(missing) }, () => {
  let gateway: GatewayProcess;
  let prometheus: Prometheus;
  let metricsUrl: string;
  let farmId: string;

  before(async () => {
    assertPresent(missing);
    // Pages stay cached for the whole test, so which reads hit is decided by the traffic, not by the clock.
    gateway = await startGatewayProcess({
      GATEWAY_METRICS_PORT: '0', GATEWAY_METRICS_TOKEN: TOKEN, GATEWAY_METRICS_MAX_OPERATIONS: '3', LOG_LEVEL: 'info', GATEWAY_PAGE_CACHE_TTL_MS: '600000',
    });
    await waitUntil(() => /"url":"(http:\/\/[^"]+\/metrics)"/.test(gateway.output()), 'the metrics port is logged');
    metricsUrl = /"url":"(http:\/\/[^"]+\/metrics)"/.exec(gateway.output())![1]!;
    prometheus = await startPrometheus([new URL(metricsUrl).host], { bearerToken: TOKEN });
  });
  after(async () => {
    await prometheus?.stop();
    await gateway?.stop();
  });

  it('then requests, errors, upstream calls, retries and throttles are series with the values the traffic made', { timeout: 120_000 }, async () => {
    const farms = await graphql(gateway.url, 'query Farms { deadlineFarms(first: 2) { edges { node { farmId } } } }');
    assert.equal(farms.errors, undefined);
    farmId = farms.data.deadlineFarms.edges[0].node.farmId;
    // Bad input: refused before any call.
    const bad = await graphql(gateway.url, 'query BadFirst { deadlineFarms(first: -1) { edges { node { farmId } } } }');
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    // Queues: one throttled attempt, then the retry answers. Fleets: throttled on every attempt, so the call fails.
    const sandboxUrl = /"sandboxUrl":"([^"]+)"/.exec(gateway.output())![1]!;
    await fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'PUT', body: JSON.stringify({ faults: [{ kind: 'throttle', service: 'deadline', operation: 'ListQueues', times: 1 }, { kind: 'throttle', service: 'deadline', operation: 'ListFleets', times: 3 }] }) });
    const queues = await graphql(gateway.url, `query Queues { deadlineFarms(first: 1) { edges { node { queues(first: 1) { edges { node { queueId } } } } } } }`);
    assert.equal(queues.errors, undefined);
    const fleets = await graphql(gateway.url, `query Fleets { deadlineFarms(first: 1) { edges { node { fleets(first: 1) { edges { node { fleetId } } } } } } }`);
    assert.equal(fleets.errors?.[0]?.extensions?.code, 'UPSTREAM_THROTTLED');

    await settled(prometheus, 'gateway_graphql_requests_total{job="gateway",operation="Farms",type="query",outcome="success"}', 1);
    await settled(prometheus, 'gateway_graphql_requests_total{operation="BadFirst",outcome="partial"}', 1);
    await settled(prometheus, 'gateway_graphql_errors_total{code="BAD_USER_INPUT"}', 1);
    await settled(prometheus, 'gateway_upstream_calls_total{service="deadline",operation="ListFarms",region="us-west-2",account="default",outcome="success"}', 2);
    await settled(prometheus, 'gateway_upstream_calls_total{service="deadline",operation="ListQueues",outcome="success"}', 1);
    await settled(prometheus, 'gateway_upstream_attempts_total{service="deadline",operation="ListQueues"}', 2);
    await settled(prometheus, 'gateway_upstream_retries_total{service="deadline",operation="ListQueues"}', 1);
    await settled(prometheus, 'gateway_upstream_throttles_total{service="deadline",operation="ListQueues"}', 1);
    await settled(prometheus, 'gateway_upstream_call_duration_seconds_count{service="deadline",operation="ListQueues"}', 1);
    await settled(prometheus, 'gateway_upstream_calls_total{service="deadline",operation="ListFleets",outcome="UPSTREAM_THROTTLED"}', 1);
    await settled(prometheus, 'gateway_upstream_attempts_total{service="deadline",operation="ListFleets"}', 3);
    await settled(prometheus, 'gateway_upstream_throttles_total{service="deadline",operation="ListFleets"}', 3);
    await settled(prometheus, 'gateway_graphql_requests_total{operation="other",outcome="partial"}', 1);
    await settled(prometheus, 'gateway_graphql_errors_total{code="UPSTREAM_THROTTLED"}', 1);
    // Every operation reports its calls, the refused one too (0); a call counts once, however many its attempts.
    // Fleets read its farm page (first: 1) from the cache, where Queues had left it.
    await settled(prometheus, 'gateway_cost_calls_made_count', 4);
    await settled(prometheus, 'gateway_cost_calls_made_sum', 4);
    await settled(prometheus, 'gateway_page_cache_lookups_total{result="hit"}', 1);
    await settled(prometheus, 'gateway_page_cache_lookups_total{result="miss"}', 4);
    assert.ok((await prometheus.query('gateway_page_cache_bytes'))[0]![1] > 0);
    await settled(prometheus, 'gateway_upstream_circuit_state{service="deadline",region="us-west-2",state="closed"}', 1);
    // The standard retry quota: a throttled retry costs 5 tokens, a success after retries gives its cost back, so
    // only the failed call's two retries are missing from the 500.
    await settled(prometheus, 'gateway_upstream_retry_quota_tokens{service="deadline",region="us-west-2"}', 490);
    await settled(prometheus, 'gateway_rate_limited_requests_total', 0);
    assert.ok((await prometheus.query('process_resident_memory_bytes')).length === 1, 'Node process metrics are there');
    await settled(prometheus, 'up{job="gateway"}', 1);
  });

  it('then operation names past GATEWAY_METRICS_MAX_OPERATIONS count as other, and no label holds an ID', { timeout: 120_000 }, async () => {
    for (const name of ['Fourth', 'Fifth', 'Sixth']) {
      await graphql(gateway.url, `query ${name} { deadlineFarm: node(id: "not-an-id-${name}") { id } }`);
    }
    // Farms, BadFirst and Queues took the three places; Fleets was the first other.
    await settled(prometheus, 'sum(gateway_graphql_requests_total{operation="other"})', 4);
    await settled(prometheus, 'count(count by (operation) (gateway_graphql_requests_total))', 4);
    const text = await (await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    assert.ok(!text.includes(farmId), 'a farm ID is no label');
    assert.ok(!text.includes('not-an-id'), 'nor is an argument');
    assert.ok(!text.includes(TOKEN), 'nor the token');
  });

  it('then promtool accepts the exposition text', async () => {
    const text = await (await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const { status, output } = promtoolCheck(text);
    assert.equal(status, 0, output);
  });

  it('then every expression of the Grafana dashboard is valid PromQL over series the gateway exports', async () => {
    const dashboard = JSON.parse(readFileSync(`${ROOT}/ops/grafana-dashboard.json`, 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
    const text = await (await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const exported = new Set(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)![0]));
    assert.ok(dashboard.panels.length >= 10);
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const promql = expr.replaceAll('$__rate_interval', '1m').replaceAll('$job', '.+');
        await prometheus.query(promql); // throws on a parse error
        for (const name of promql.match(/\b(gateway|process|nodejs)_[a-z0-9_]+/g) ?? []) {
          assert.ok(exported.has(name), `${panel.title}: ${name} is not a series the gateway exports`);
        }
      }
    }
  });

  it('then the metrics port wants the token, answers only /metrics, and the main port does not serve them', async () => {
    assert.equal((await fetch(metricsUrl)).status, 401);
    assert.equal((await fetch(metricsUrl, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong-token' } })).status, 401);
    assert.equal((await fetch(new URL('/graphql', metricsUrl))).status, 404);
    const main = await fetch(new URL('/metrics', gateway.url), { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(main.status, 404);
    assert.match(await main.text(), /GATEWAY_METRICS_PORT/);
  });
});

describe('when /metrics is asked for on the main port', () => {
  const KEY = 'client-api-key-0123456789';
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  /** A gateway configured by `env` as main.ts configures it, and its main port's answer to a scrape. */
  async function scrape(env: Record<string, string>, headers: Record<string, string> = {}) {
    const config = loadConfig(env);
    const metrics = createGatewayMetrics({ maxOperations: config.metrics.maxOperations });
    const h = await startHarness({ gateway: { auth: config.auth, metrics: { metrics, mainPort: metricsOnMainPort(config) } } });
    try {
      const res = await fetch(new URL('/metrics', h.url), { headers });
      return { status: res.status, body: await res.text() };
    } finally {
      await h.close();
    }
  }
  const withAuth = { GATEWAY_AUTH: 'api-key', GATEWAY_API_KEYS: `ops=${sha(KEY)}` };

  it('then without client authentication it is open, as /health is', async () => {
    const r = await scrape({});
    assert.equal(r.status, 200);
    assert.match(r.body, /^# HELP gateway_graphql_requests_total/m);
    assert.doesNotMatch(r.body, /^gateway_graphql_requests_total\{/m, 'a scrape is not a GraphQL request');
  });

  it('then with client authentication it needs GATEWAY_METRICS_TOKEN, and a client key is not that token', async () => {
    const off = await scrape(withAuth, { 'x-api-key': KEY });
    assert.equal(off.status, 404);
    assert.match(off.body, /GATEWAY_METRICS_TOKEN or GATEWAY_METRICS_PORT/);
    assert.equal((await scrape({ ...withAuth, GATEWAY_METRICS_TOKEN: TOKEN }, { 'x-api-key': KEY })).status, 401);
    assert.equal((await scrape({ ...withAuth, GATEWAY_METRICS_TOKEN: TOKEN }, { authorization: `Bearer ${TOKEN}x` })).status, 401);
    assert.equal((await scrape({ ...withAuth, GATEWAY_METRICS_TOKEN: TOKEN }, { authorization: `Bearer ${TOKEN}` })).status, 200);
  });

  it('then GATEWAY_METRICS=false records nothing and serves nothing', async () => {
    const config = loadConfig({ GATEWAY_METRICS: 'false' });
    const runtime = await createRuntime(config, sandboxUpstream('http://127.0.0.1:9', { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: 'us-west-2' }, {}), createLogger('silent'));
    await runtime.close();
    assert.equal(runtime.metrics, undefined);
    assert.deepEqual(runtime.gatewayOptions, {});
  });

  it('then a token too short to be one is refused at start', () => {
    assert.throws(() => loadConfig({ GATEWAY_METRICS_TOKEN: 'short' }), /GATEWAY_METRICS_TOKEN/);
  });
});
