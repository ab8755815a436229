/**
 * Operations a client repeats are compiled (graphql-jit); the compiled execution must answer exactly as the
 * interpreted one did: data, cursors, errors with their paths and codes, partial results and extensions.
 */
import { DEFAULT_LIMITS } from '../helpers/limits.js';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '../../src/sandbox/server.js';
import { exampleQuery, idsFromSandboxFixtures } from '../../src/server/example-query.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { fieldCases } from '../helpers/fields.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mixedSources, sourcesLiteral, unifiedSelection } from '../helpers/unified.js';
import { stubUpstream } from '../helpers/stub-upstream.js';

/** Responses with the sandbox's per-call request ids blanked, since every call gets a new one. */
const comparable = (response: unknown) => JSON.parse(JSON.stringify(response).replace(/"requestId":"[^"]*"/g, '"requestId":"…"'));
const linesOf = (logs: string[], message: string) => logs.filter((l) => l.includes(`"msg":"${message}"`)).length;
const compiledRuns = (logs: string[]) => linesOf(logs, 'graphql operation ran compiled');

/**
 * Runs `ask` until the gateway logs that it compiled the operation, then once more; returns the first answer (which
 * must have been interpreted) and the last (which must have been answered by the compiled query: the gateway logs
 * each compiled run, so a compiled query that is built but never used fails here).
 */
async function interpretedAndCompiled(logs: string[], ask: () => Promise<unknown>) {
  const compiledBefore = linesOf(logs, 'graphql operation compiled');
  const runsBefore = compiledRuns(logs);
  const first = await ask();
  assert.equal(compiledRuns(logs), runsBefore, 'the first answer is interpreted');
  for (let runs = 1; linesOf(logs, 'graphql operation compiled') === compiledBefore; runs++) {
    assert.ok(runs < 50, 'the operation was never compiled');
    await ask();
  }
  const runsBeforeLast = compiledRuns(logs);
  const last = await ask();
  assert.equal(compiledRuns(logs), runsBeforeLast + 1, 'the last answer came from the compiled query');
  return { interpreted: comparable(first), compiled: comparable(last) };
}

describe('when an operation has run often enough to be compiled', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ upstream: { maxAttempts: 1 } });
  });
  after(() => h.close());

  it('then the README cross-service query answers as before, cursors included', async () => {
    const query = exampleQuery(idsFromSandboxFixtures(fixtures(h.sandbox.data)));
    const { interpreted, compiled } = await interpretedAndCompiled(h.logs, () => h.query(query));
    assert.equal((interpreted as any).errors, undefined);
    assert.deepEqual(compiled, interpreted);
    // The spec orders an answer's fields as the query does, whichever upstream answered first.
    const inQuery = [...query.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]);
    assert.deepEqual(Object.keys((interpreted as any).data), inQuery);
    assert.deepEqual(Object.keys((compiled as any).data), inQuery);
  });

  it('then variables, fragments, node lookups and the unified connection answer as before', async () => {
    const dl = fieldCases(h.sandbox.data).find((c) => c.field === 'deadlineSessions')!;
    const page = await h.query(`{ ${dl.field}(${dl.args}, first: 3) { edges { node { id } } } }`);
    const ids = page.data[dl.field].edges.map((e: any) => e.node.id);
    const query = `query Mixed($first: Int, $ids: [ID!]!, $id: ID!) {
      __typename
      one: node(id: $id) { __typename id ...S }
      many: nodes(ids: $ids) { id ... on DeadlineSession { farmId jobId lifecycleStatus updatedAt } }
      ${dl.field}(${dl.args}, first: $first) { edges { cursor node { ...S } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
      sessions(sources: ${sourcesLiteral(mixedSources(h.sandbox.data, true))}, orderBy: STARTED_AT_DESC, first: 9) { ${unifiedSelection} }
    }
    fragment S on Session { service sessionId startedAt endedAt }`;
    const { interpreted, compiled } = await interpretedAndCompiled(h.logs, () => h.query(query, { first: 4, ids, id: ids[1] }));
    assert.deepEqual(compiled, interpreted);
  });

  it('then a failing service, a failing source and bad input (arguments, global IDs) give the same partial data and errors', async () => {
    h.sandbox.faults.set([{ kind: 'server-error', service: 'deadline' }]);
    try {
      const cases = fieldCases(h.sandbox.data);
      const dl = cases.find((c) => c.field === 'deadlineSessions')!;
      const wsw = cases.find((c) => c.field === 'workSpacesWebSessions')!;
      const query = `{
        ${dl.field}(${dl.args}, first: 2) { edges { node { sessionId } } }
        ${wsw.field}(${wsw.args}, first: 2) { edges { node { sessionId status } } }
        bad: ${dl.field}(farmId: "farm-1", queueId: "queue-1", jobId: "job-1") { edges { cursor } }
        badIds: nodes(ids: ["!!!", "${Buffer.from('Query:x').toString('base64')}", "${Buffer.from('DeadlineSession:["x"]').toString('base64')}"]) { id }
        badId: node(id: "!!!") { id }
        sessions(sources: ${sourcesLiteral(mixedSources(h.sandbox.data, true))}, first: 5) { ${unifiedSelection} }
      }`;
      const { interpreted, compiled } = await interpretedAndCompiled(h.logs, () => h.query(query));
      const codes = ((interpreted as any).errors as any[]).map((e) => e.extensions.code).sort();
      assert.ok(codes.includes('UPSTREAM_UNAVAILABLE') && codes.includes('BAD_USER_INPUT'), codes.join());
      assert.deepEqual(compiled, interpreted);
    } finally {
      h.sandbox.faults.set([]);
    }
  });
});

describe('when a compiled operation meets an enum value the schema does not list', () => {
  it('then that field is null with its error, as interpreted', async () => {
    const hex = (c: string) => c.repeat(32);
    const upstream = stubUpstream({
      list: async () => ({ items: [{ sessionId: `session-${hex('1')}`, startedAt: new Date(0), lifecycleStatus: 'HIBERNATING', targetLifecycleStatus: 'PAUSED' }] }),
    });
    const logs: string[] = [];
    const yoga = createGateway({
      upstream, limits: DEFAULT_LIMITS,
      cursorSecret: 'secret-0123456789abcdef', upstreamLabel: 't', graphiql: false,
      logger: createLogger('debug', new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } })),
      protection: { rateLimit: { perSecond: 0, burst: 1 } },
    });
    const query = `{ deadlineSessions(farmId: "farm-${hex('a')}", queueId: "queue-${hex('b')}", jobId: "job-${hex('c')}", first: 1) { edges { node { sessionId startedAt lifecycleStatus targetLifecycleStatus } } } }`;
    const ask = async () => (await yoga.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();
    const { interpreted, compiled } = await interpretedAndCompiled(logs, ask);
    assert.deepEqual((interpreted as any).errors.map((e: any) => e.extensions.code), ['UPSTREAM_UNKNOWN_ENUM_VALUE', 'UPSTREAM_UNKNOWN_ENUM_VALUE']);
    assert.deepEqual(compiled, interpreted);
  });
});
