/** Missing identities, values the schema does not know yet, and secrets that must never be echoed. */
import { DEFAULT_LIMITS } from '../helpers/limits.js';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { startSandbox, SANDBOX_CREDENTIALS, SANDBOX_TOKEN } from '../../src/sandbox/server.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { sandboxUpstream } from '../../src/server/upstream-targets.js';
import { createUpstreamClient } from '../../src/upstream/call.js';
import { defaultToken } from '../../src/upstream/credentials.js';
import { fieldCases } from '../helpers/fields.js';
import { startHarness } from '../helpers/harness.js';
import { stubUpstream } from '../helpers/stub-upstream.js';

const LIMITS = DEFAULT_LIMITS;
const CALLS = { timeoutMs: 2000, maxAttempts: 3, maxConcurrency: 4, maxResponseBytes: 1 << 20 };

async function ask(yoga: ReturnType<typeof createGateway>, query: string) {
  const res = await yoga.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as any;
}

describe('when no CodeCatalyst token can be found', () => {
  it('then the field fails with UPSTREAM_AUTH_MISSING, and with AWS_BEARER_TOKEN_CODECATALYST set it works', async () => {
    const sandbox = await startSandbox();
    const saved = { home: process.env.HOME, token: process.env.AWS_BEARER_TOKEN_CODECATALYST, cfg: process.env.AWS_CONFIG_FILE };
    const empty = mkdtempSync(join(tmpdir(), 'no-aws-'));
    process.env.HOME = empty;
    process.env.AWS_CONFIG_FILE = join(empty, 'config');
    delete process.env.AWS_BEARER_TOKEN_CODECATALYST;
    try {
      const identity = sandboxUpstream(sandbox.url, { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN, region: 'us-west-2' });
      const c = fieldCases(sandbox.data).find((x) => x.field === 'codeCatalystDevEnvironmentSessions')!;
      const query = `{ ${c.field}(${c.args}, first: 2) { edges { node { sessionId } } } }`;
      const make = () => createGateway({
        upstream: createUpstreamClient({ ...identity, tokens: { codecatalyst: defaultToken('codecatalyst') }, ...CALLS }),
        limits: LIMITS, cursorSecret: 'secret-0123456789abcdef', upstreamLabel: 't', graphiql: false, logger: createLogger('silent'),
      });
      const missing = await ask(make(), query);
      assert.equal(missing.data[c.field], null);
      assert.equal(missing.errors[0].extensions.code, 'UPSTREAM_AUTH_MISSING');
      assert.match(missing.errors[0].message, /AWS_BEARER_TOKEN_CODECATALYST/);
      assert.equal(sandbox.requests.length, 0);
      process.env.AWS_BEARER_TOKEN_CODECATALYST = SANDBOX_TOKEN;
      const ok = await ask(make(), query);
      assert.equal(ok.errors, undefined);
      assert.deepEqual(ok.data[c.field].edges.map((e: any) => e.node.sessionId), c.expected.slice(0, 2));
    } finally {
      for (const [k, v] of [['HOME', saved.home], ['AWS_BEARER_TOKEN_CODECATALYST', saved.token], ['AWS_CONFIG_FILE', saved.cfg]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await sandbox.close();
    }
  });
});

describe('when an upstream returns an enum value the schema does not list', () => {
  it('then that field is null with UPSTREAM_UNKNOWN_ENUM_VALUE and the rest of the session is intact', async () => {
    const hex = (c: string) => c.repeat(32);
    const upstream = stubUpstream({
      list: async () => ({ items: [{ sessionId: `session-${hex('1')}`, fleetId: `fleet-${hex('2')}`, workerId: `worker-${hex('3')}`, startedAt: new Date(0), lifecycleStatus: 'HIBERNATING' }] }),
    });
    const yoga = createGateway({ upstream, limits: LIMITS, cursorSecret: 'secret-0123456789abcdef', upstreamLabel: 't', graphiql: false, logger: createLogger('silent') });
    const res = await ask(yoga, `{ deadlineSessions(farmId: "farm-${hex('a')}", queueId: "queue-${hex('b')}", jobId: "job-${hex('c')}", first: 1) { edges { node { sessionId startedAt lifecycleStatus } } } }`);
    const node = res.data.deadlineSessions.edges[0].node;
    assert.deepEqual(node, { sessionId: `session-${hex('1')}`, startedAt: '1970-01-01T00:00:00.000Z', lifecycleStatus: null });
    assert.equal(res.errors[0].extensions.code, 'UPSTREAM_UNKNOWN_ENUM_VALUE');
    assert.equal(res.errors[0].extensions.value, 'HIBERNATING');
  });

  it('then a resource of the graph (a queue\'s status) answers the same way, its other fields intact', async () => {
    const hex = (c: string) => c.repeat(32);
    const upstream = stubUpstream({
      list: async (op) => ({
        items: op.name === 'ListFarms' ? [{ farmId: `farm-${hex('a')}`, displayName: 'farm' }] : [{ queueId: `queue-${hex('b')}`, farmId: `farm-${hex('a')}`, displayName: 'queue', status: 'PAUSED_FOR_LUNCH', defaultBudgetAction: 'NONE' }],
      }),
    });
    const yoga = createGateway({ upstream, limits: LIMITS, cursorSecret: 'secret-0123456789abcdef', upstreamLabel: 't', graphiql: false, logger: createLogger('silent') });
    const res = await ask(yoga, '{ deadlineFarms(first: 1) { edges { node { queues(first: 1) { edges { node { displayName status defaultBudgetAction } } } } } } }');
    const queue = res.data.deadlineFarms.edges[0].node.queues.edges[0].node;
    assert.deepEqual(queue, { displayName: 'queue', status: null, defaultBudgetAction: 'NONE' });
    assert.equal(res.errors.length, 1);
    assert.equal(res.errors[0].extensions.code, 'UPSTREAM_UNKNOWN_ENUM_VALUE');
    assert.equal(res.errors[0].extensions.value, 'PAUSED_FOR_LUNCH');
    assert.deepEqual(res.errors[0].path, ['deadlineFarms', 'edges', 0, 'node', 'queues', 'edges', 0, 'node', 'status']);
  });
});

describe('when requests are served', () => {
  it('then no secret (secret key, token, signature) reaches a log line or a response', async () => {
    const h = await startHarness();
    try {
      const cases = fieldCases(h.sandbox.data);
      h.sandbox.faults.set([{ kind: 'server-error', service: 'deadline' }, { kind: 'throttle', service: 'workspaces-web', times: 1 }]);
      const bodies: string[] = [];
      for (const c of cases) bodies.push(JSON.stringify(await h.query(`{ ${c.field}(${c.args}, first: 3) { edges { cursor node { sessionId } } } }`)));
      const everything = [...h.logs, ...bodies].join('\n');
      assert.ok(h.logs.some((l) => l.includes('upstream call')), 'upstream calls are logged');
      for (const secret of [SANDBOX_CREDENTIALS.secretAccessKey, SANDBOX_TOKEN, 'Signature=', 'test-cursor-secret']) {
        assert.ok(!everything.includes(secret), `${secret} must not appear`);
      }
    } finally {
      await h.close();
    }
  });
});
