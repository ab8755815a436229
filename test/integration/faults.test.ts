/** Upstream faults: retried when retryable, a typed error on the failing field only, never a hang. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fieldCases } from '../helpers/fields.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness;
before(async () => (h = await startHarness({ upstream: { timeoutMs: 400 } })));
after(() => h.close());
beforeEach(() => {
  h.sandbox.faults.clear();
  h.resetRequests();
});

const twoFields = () => {
  const cases = fieldCases(h.sandbox.data);
  const dl = cases.find((c) => c.field === 'deadlineSessions')!;
  const wsw = cases.find((c) => c.field === 'workSpacesWebSessions')!;
  return {
    dl, wsw,
    query: `{ dl: ${dl.field}(${dl.args}, first: 3) { edges { node { sessionId } } } wsw: ${wsw.field}(${wsw.args}, first: 3) { edges { node { sessionId } } } }`,
  };
};

describe('when the upstream throttles and then succeeds', () => {
  it('then the call is retried and the data comes back', async () => {
    const { query, dl } = twoFields();
    h.sandbox.faults.set([{ kind: 'throttle', service: 'deadline', times: 2 }]);
    const res = await h.query(query);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data.dl.edges.map((e: any) => e.node.sessionId), dl.expected.slice(0, 3));
    const statuses = h.sandbox.requests.filter((r) => r.service === 'deadline').map((r) => r.status);
    assert.deepEqual(statuses, [429, 429, 200]);
  });
});

describe('when one upstream keeps failing with 500', () => {
  it('then that field is null with UPSTREAM_UNAVAILABLE and the other field keeps its data', async () => {
    const { query, wsw } = twoFields();
    h.sandbox.faults.set([{ kind: 'server-error', service: 'deadline' }]);
    const res = await h.query(query);
    assert.equal(res.data.dl, null);
    assert.deepEqual(res.data.wsw.edges.map((e: any) => e.node.sessionId), wsw.expected.slice(0, 3));
    const err = res.errors!.find((e) => e.path?.[0] === 'dl')!;
    assert.equal(err.extensions?.code, 'UPSTREAM_UNAVAILABLE');
    assert.equal(err.extensions?.service, 'deadline');
    assert.equal(err.extensions?.operation, 'ListSessions');
    assert.equal(err.extensions?.awsErrorType, 'InternalServerException');
    assert.equal(err.extensions?.attempts, 3);
    assert.match(err.extensions?.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(h.sandbox.requests.filter((r) => r.service === 'deadline').length, 3);
  });
});

describe('when the upstream is slower than the timeout', () => {
  it('then the field fails with UPSTREAM_UNAVAILABLE after the retries, without hanging', async () => {
    const { query } = twoFields();
    h.sandbox.faults.set([{ kind: 'latency', service: 'deadline', latencyMs: 2_000 }]);
    const res = await h.query(query);
    assert.equal(res.data.dl, null);
    assert.ok(res.data.wsw.edges.length === 3);
    assert.equal(res.errors![0]!.extensions?.code, 'UPSTREAM_UNAVAILABLE');
    // The call's own timeout ended each attempt (the message says so), not the 2 s answer.
    assert.match(res.errors![0]!.message, /no complete response within 400 ms/);
  });
});

describe('when the upstream answers with a non-retryable error', () => {
  it('then it is not retried and the code says what it was', async () => {
    const { wsw } = twoFields();
    const res = await h.query(`{ x: ${wsw.field}(portalId: "${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}", first: 2) { edges { cursor } } }`);
    assert.equal(res.errors![0]!.extensions?.code, 'UPSTREAM_NOT_FOUND');
    assert.equal(res.errors![0]!.extensions?.awsErrorType, 'ResourceNotFoundException');
    assert.equal(h.upstreamRequests(), 1);
  });
});

describe('when the upstream sends malformed or oddly shaped bodies', () => {
  for (const kind of ['malformed-json', 'wrong-shape', 'html', 'reset'] as const) {
    it(`then ${kind} becomes a typed error on that field`, async () => {
      const { query, wsw } = twoFields();
      h.sandbox.faults.set([{ kind, service: 'deadline' }]);
      const res = await h.query(query);
      assert.equal(res.data.dl, null);
      assert.equal(res.data.wsw.edges.length, 3);
      assert.match(res.errors![0]!.extensions?.code, /^UPSTREAM_(BAD_RESPONSE|UNAVAILABLE)$/);
      assert.deepEqual(res.data.wsw.edges.map((e: any) => e.node.sessionId), wsw.expected.slice(0, 3));
    });
  }

  it('then an upstream that returns the token it was given is treated as at its end', async () => {
    const { dl } = twoFields();
    const first = await h.query(`{ dl: ${dl.field}(${dl.args}, first: 3) { pageInfo { endCursor } } }`);
    h.sandbox.faults.set([{ kind: 'same-token', service: 'deadline' }]);
    const res = await h.query(`query($a: String) { dl: ${dl.field}(${dl.args}, first: 50, after: $a) { edges { cursor } pageInfo { hasNextPage } } }`, { a: first.data.dl.pageInfo.endCursor });
    assert.equal(res.errors, undefined);
    assert.equal(res.data.dl.pageInfo.hasNextPage, false);
    assert.ok(h.upstreamRequests() <= 2);
  });
});

describe('when the client goes away mid-request', () => {
  it('then its upstream call is aborted at once, not left to the timeout', async () => {
    const slow = await startHarness({ upstream: { timeoutMs: 60_000 } });
    try {
      const { dl } = { dl: fieldCases(slow.sandbox.data).find((c) => c.field === 'deadlineSessions')! };
      slow.sandbox.faults.set([{ kind: 'hang', service: 'deadline' }]);
      const controller = new AbortController();
      const pending = fetch(slow.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${dl.field}(${dl.args}, first: 2) { edges { cursor } } }` }), signal: controller.signal }).catch(() => 'aborted');
      // Abort once the call is in flight at the sandbox (an event, not a guess at how long sending takes).
      await waitUntil(() => slow.sandbox.arrivals() > 0, 'the call reached the sandbox');
      const abortedAt = performance.now();
      controller.abort();
      assert.equal(await pending, 'aborted');
      let line: string | undefined;
      while (!line && performance.now() - abortedAt < 20_000) {
        line = slow.logs.find((l) => l.includes('"upstreamCall"') && l.includes('"errorCode"'));
        if (!line) await new Promise((r) => setTimeout(r, 20));
      }
      // Its timeout is 60 s; 20 s is generous for a busy machine and still far from it.
      assert.ok(line, 'the upstream call ended well before its 60 s timeout');
      assert.match(line!, /"attempts":1/);
    } finally {
      await slow.close();
    }
  });
});
