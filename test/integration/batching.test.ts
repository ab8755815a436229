/** Per-request DataLoaders: identical upstream requests are made once; node lookups are batched. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fieldCases } from '../helpers/fields.js';
import { globalId } from '../helpers/global-id.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
before(async () => (h = await startHarness({ sandbox: { latencyMs: 40 } })));
after(() => h.close());

describe('when one query asks for the same connection twice', () => {
  it('then aliases share one upstream call', async () => {
    const c = fieldCases(h.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
    h.resetRequests();
    const res = await h.query(`{ a: ${c.field}(${c.args}, first: 5) { edges { node { sessionId } } } b: ${c.field}(${c.args}, first: 5) { edges { node { sessionId } } } }`);
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data.a, res.data.b);
    assert.equal(h.upstreamRequests(), 1);
    assert.equal(res.extensions?.upstream?.calls, 1);
  });

  it('then two requests do not share loaders', async () => {
    const c = fieldCases(h.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
    h.resetRequests();
    await h.query(`{ ${c.field}(${c.args}, first: 5) { edges { node { sessionId } } } }`);
    await h.query(`{ ${c.field}(${c.args}, first: 5) { edges { node { sessionId } } } }`);
    assert.equal(h.upstreamRequests(), 2);
  });
});

describe('when all five connections are in one query', () => {
  it('then they run in parallel: the sandbox answers none until all five calls are in flight', async () => {
    const cases = fieldCases(h.sandbox.data);
    const seen = new Set<string>();
    const fields = cases.filter((c) => !seen.has(c.field) && seen.add(c.field));
    assert.equal(fields.length, 5);
    const query = `{ ${fields.map((c, i) => `f${i}: ${c.field}(${c.args}, first: 5) { edges { node { sessionId service startedAt } } }`).join(' ')} }`;
    // Calls made one after another would leave the first held until the upstream timeout, and the field would fail.
    h.sandbox.faults.set([{ kind: 'barrier', parties: 5, times: 5 }]);
    try {
      const res = await h.query(query);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      fields.forEach((c, i) => assert.deepEqual(res.data[`f${i}`].edges.map((e: any) => e.node.sessionId), c.expected.slice(0, 5)));
    } finally {
      h.sandbox.faults.clear();
    }
  });
});

describe('when sessions are refetched by global ID', () => {
  it('then node and nodes return the same sessions, for every type', async () => {
    const cases = fieldCases(h.sandbox.data);
    const seen = new Set<string>();
    const fields = cases.filter((c) => !seen.has(c.field) && seen.add(c.field));
    const listed = await h.query(`{ ${fields.map((c, i) => `f${i}: ${c.field}(${c.args}, first: 3) { edges { node { id sessionId __typename } } }`).join(' ')} }`);
    const nodes = fields.flatMap((_, i) => listed.data[`f${i}`].edges.map((e: any) => e.node));
    h.resetRequests();
    const res = await h.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id __typename ... on Session { sessionId service } } }`, { ids: nodes.map((n: any) => n.id) });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data.nodes.map((n: any) => [n.id, n.__typename, n.sessionId]), nodes.map((n: any) => [n.id, n.__typename, n.sessionId]));
    // GetSession for 3 WorkSpaces Web + 6 Deadline (3 + 3 worker, deduped by ID); one listing scan per Nova Act run and CodeCatalyst environment.
    const byOp = h.sandbox.requests.map((r) => `${r.service}/${r.operation}`);
    assert.equal(byOp.filter((o) => o === 'nova-act/ListSessions').length, 1);
    assert.equal(byOp.filter((o) => o === 'codecatalyst/ListDevEnvironmentSessions').length, 1);
    const single = await h.query(`query($id: ID!) { node(id: $id) { id ... on DeadlineSession { farmId jobId updatedAt } } }`, { id: nodes.find((n: any) => n.__typename === 'DeadlineSession').id });
    assert.equal(single.errors, undefined);
  });

  it('then a Deadline session has the same ID from either Deadline field', async () => {
    const d = h.sandbox.data.deadline;
    const res = await h.query(`{
      job: deadlineSessions(farmId: "${d.farmId}", queueId: "${d.queueId}", jobId: "${d.jobIds[0]}", first: 10) { edges { node { id sessionId } } }
      worker: deadlineWorkerSessions(farmId: "${d.farmId}", fleetId: "${d.fleetId}", workerId: "${d.workerIds[0]}", first: 10) { edges { node { id sessionId updatedAt } } } }`);
    const fromJob = new Map(res.data.job.edges.map((e: any) => [e.node.sessionId, e.node.id]));
    const common = res.data.worker.edges.filter((e: any) => fromJob.has(e.node.sessionId));
    assert.ok(common.length > 0);
    for (const e of common) assert.equal(e.node.id, fromJob.get(e.node.sessionId));
    assert.ok(res.data.worker.edges.every((e: any) => e.node.updatedAt === null));
  });

  it('then an unknown or malformed ID gives an error on that node only', async () => {
    const d = h.sandbox.data.deadline;
    const fake = globalId('DeadlineSession', [d.farmId, d.queueId, d.jobIds[0]!, `session-${'0'.repeat(32)}`]);
    const bad = globalId('DeadlineSession', [d.farmId, 'queue-../../x', d.jobIds[0]!, `session-${'0'.repeat(32)}`]);
    h.resetRequests();
    const res = await h.query(`query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, { a: fake, b: bad });
    assert.equal(res.data.a, null);
    assert.equal(res.data.b, null);
    const codes = Object.fromEntries(res.errors!.map((e) => [e.path![0], e.extensions?.code]));
    assert.equal(codes.a, 'UPSTREAM_NOT_FOUND');
    assert.equal(codes.b, 'BAD_USER_INPUT');
    assert.equal(h.upstreamRequests(), 1, 'the malformed ID is never sent');
  });

  it('then a string that is no global ID, or names no session type, fails its own entry of nodes with BAD_USER_INPUT', async () => {
    const d = h.sandbox.data.deadline;
    const page = await h.query(`{ deadlineSessions(farmId: "${d.farmId}", queueId: "${d.queueId}", jobId: "${d.jobIds[0]}", first: 1) { edges { node { id } } } }`);
    const good: string = page.data.deadlineSessions.edges[0].node.id;
    const notBase64 = '!!!';
    const otherType = Buffer.from('Query:x').toString('base64');
    const badContents = Buffer.from('DeadlineSession:["x"]').toString('base64');
    h.resetRequests();
    const res = await h.query(`query($ids: [ID!]!, $one: ID!) { nodes(ids: $ids) { id } node(id: $one) { id } }`, { ids: [notBase64, good, otherType, badContents, ''], one: notBase64 });
    assert.deepEqual(res.data.nodes.map((n: any) => n?.id ?? null), [null, good, null, null, null]);
    assert.equal(res.data.node, null);
    const byPath = Object.fromEntries(res.errors!.map((e) => [e.path!.join('.'), e]));
    assert.deepEqual(Object.keys(byPath).sort(), ['node', 'nodes.0', 'nodes.2', 'nodes.3', 'nodes.4']);
    for (const [path, e] of Object.entries(byPath)) {
      assert.equal(e.extensions?.code, 'BAD_USER_INPUT', path);
      assert.equal(e.extensions?.argument, path === 'node' ? 'id' : 'ids', path);
      assert.match(e.message, path === 'node' ? /^id: / : new RegExp(`^ids\\[${path.split('.')[1]}\\]: `));
    }
    assert.equal(h.upstreamRequests(), 1, 'only the good ID is looked up');
  });
});
