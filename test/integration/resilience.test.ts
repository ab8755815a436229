/** Upstream protection under faults: circuit breaker, retry quota, request deadline, bounded reads; never a hang. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldCases } from '../helpers/fields.js';
import { startHarness } from '../helpers/harness.js';

const two = (h: Awaited<ReturnType<typeof startHarness>>) => {
  const cases = fieldCases(h.sandbox.data);
  const dl = cases.find((c) => c.field === 'deadlineSessions')!;
  const wsw = cases.find((c) => c.field === 'workSpacesWebSessions')!;
  return { dl, wsw, query: `{ dl: ${dl.field}(${dl.args}, first: 2) { edges { node { sessionId } } } wsw: ${wsw.field}(${wsw.args}, first: 2) { edges { node { sessionId } } } }` };
};

describe('when a service keeps failing', () => {
  it('then its circuit opens and fails fast with a retry-after hint, other services unaffected, and closes after the cool-down', async () => {
    const h = await startHarness({ upstream: { maxAttempts: 1 }, circuit: { errorPercent: 50, minCalls: 3, cooldownMs: 800 } });
    try {
      const { query, wsw } = two(h);
      h.sandbox.faults.set([{ kind: 'server-error', service: 'deadline' }]);
      for (let i = 0; i < 2; i++) await h.query(query);
      const openedBy = performance.now(); // no later than the circuit opens, during the next query
      await h.query(query);
      const deadlineCalls = () => h.sandbox.requests.filter((r) => r.service === 'deadline').length;
      const before = deadlineCalls();
      const open = await h.query(query);
      assert.equal(deadlineCalls(), before, 'failed fast, without calling Deadline');
      const err = open.errors!.find((e) => e.path?.[0] === 'dl')!;
      assert.equal(err.extensions?.code, 'UPSTREAM_UNAVAILABLE');
      assert.ok(err.extensions?.retryAfterSeconds >= 1);
      assert.match(err.message, /circuit is open/);
      assert.deepEqual(open.data.wsw.edges.map((e: any) => e.node.sessionId), wsw.expected.slice(0, 2));
      h.sandbox.faults.clear();
      // The exact cool-down is pinned on a logical clock in test/unit/circuit-and-retry.test.ts; here only its lower
      // bound is timed (timers never fire early), and the upper one is left to a generous 20 s of polling.
      let healed = await h.query(query);
      for (let tries = 0; healed.errors && tries < 200; tries++) {
        assert.match(healed.errors[0]!.message, /circuit is open/, 'failing fast, not calling');
        await new Promise((r) => setTimeout(r, 100));
        healed = await h.query(query);
      }
      assert.equal(healed.errors, undefined, 'a trial call after the cool-down closes the circuit');
      // 10 ms below 800: the event loop's cached clock may start the cool-down timer a little early.
      assert.ok(performance.now() - openedBy >= 790, 'not before the cool-down');
    } finally {
      await h.close();
    }
  });
});

describe('when the upstream fails everything (a storm)', () => {
  // The AWS standard retry strategy (@smithy/core's, 2026 costs): a quota of 500 tokens per service; a throttling
  // retry costs 5, any other retry 14; nothing is refunded while every call fails. So a storm gets exactly
  // floor(500 / cost) retries in all, however many requests want them.
  const storm = async (fault: { kind: 'throttle' } | { kind: 'server-error'; status: 503 }, code: string, retries: number) => {
    // The circuit never opens here (over 100 % is impossible), so that only the quota limits the calls.
    const h = await startHarness({ upstream: { maxAttempts: 3, timeoutMs: 30_000 }, circuit: { errorPercent: 100, minCalls: 1_000_000, cooldownMs: 1000 } });
    try {
      const { dl } = two(h);
      h.sandbox.faults.set([{ ...fault, service: 'deadline' }]);
      const requests = 60; // wanting 2 retries each: 120, more than either quota allows
      const queries = Array.from({ length: requests }, (_, i) => `{ ${dl.field}(${dl.args}, first: ${i + 1}) { edges { cursor } } }`);
      for (let i = 0; i < queries.length; i += 20) {
        const results = await Promise.all(queries.slice(i, i + 20).map((q) => h.query(q)));
        for (const r of results) assert.equal(r.errors?.[0]?.extensions?.code, code);
      }
      assert.equal(h.upstreamRequests(), requests + retries, 'one attempt per request, and the quota\'s retries');
    } finally {
      await h.close();
    }
  };

  it('then throttling gets exactly 100 retries (500 tokens, 5 each), not 2 per request', () => storm({ kind: 'throttle' }, 'UPSTREAM_THROTTLED', 100));

  it('then 503s get exactly 35 retries (500 tokens, 14 each)', () => storm({ kind: 'server-error', status: 503 }, 'UPSTREAM_UNAVAILABLE', 35));
});

describe('when an upstream hangs past the request deadline', () => {
  it('then the request answers by its deadline, the hung field fails and the other field keeps its data', async () => {
    const h = await startHarness({ upstream: { timeoutMs: 60_000 }, gateway: { requestTimeoutMs: 1000 } });
    try {
      const { query, wsw } = two(h);
      h.sandbox.faults.set([{ kind: 'hang', service: 'deadline' }]);
      const started = performance.now();
      const res = await h.query(query);
      const elapsed = performance.now() - started;
      // The upstream would hold it for its 60 s timeout; the 1 s deadline answers. 10 s leaves a busy machine room.
      assert.ok(elapsed < 10_000, `answered in ${elapsed.toFixed(0)} ms`);
      assert.equal(res.data.dl, null);
      assert.equal(res.errors![0]!.extensions?.code, 'REQUEST_TIMEOUT', 'the field still waiting at the cutoff says so');
      assert.deepEqual(res.data.wsw.edges.map((e: any) => e.node.sessionId), wsw.expected.slice(0, 2));
    } finally {
      await h.close();
    }
  });

  it('then even a retry back-off cannot hold the request past its deadline', async () => {
    const h = await startHarness({ upstream: { maxAttempts: 10, timeoutMs: 60_000 }, gateway: { requestTimeoutMs: 700 } });
    try {
      const { dl } = two(h);
      // Retry-After of an hour: the strategy waits its back-off plus 5 s before each retry, so a back-off that held
      // the request would keep it at least 5 s; the 0.7 s deadline must answer well before (4 s leaves room).
      h.sandbox.faults.set([{ kind: 'throttle', service: 'deadline', retryAfterSeconds: 3600 }]);
      const started = performance.now();
      const res = await h.query(`{ ${dl.field}(${dl.args}, first: 2) { edges { cursor } } }`);
      assert.ok(performance.now() - started < 4_000);
      assert.equal(h.upstreamRequests(), 1, 'the retry never went out');
      assert.match(res.errors![0]!.extensions?.code, /^(REQUEST_TIMEOUT|UPSTREAM_THROTTLED|UPSTREAM_UNAVAILABLE)$/);
    } finally {
      await h.close();
    }
  });
});

describe('when an upstream asks to be retried in an hour', () => {
  it('then at the deadline the finished field keeps its data and the waiting one fails on its own', async () => {
    const h = await startHarness({ upstream: { maxAttempts: 3, timeoutMs: 60_000 }, gateway: { requestTimeoutMs: 1500 } });
    try {
      const { query, wsw } = two(h);
      h.sandbox.faults.set([{ kind: 'server-error', status: 503, retryAfterSeconds: 3600, service: 'deadline' }]);
      const res = await h.query(query);
      assert.deepEqual(res.data.wsw.edges.map((e: any) => e.node.sessionId), wsw.expected.slice(0, 2), JSON.stringify(res));
      assert.equal(res.data.dl, null);
      assert.deepEqual(res.errors!.map((e) => e.path), [['dl']]);
      assert.match(res.errors![0]!.extensions?.code, /^(REQUEST_TIMEOUT|UPSTREAM_UNAVAILABLE)$/);
    } finally {
      await h.close();
    }
  });
});

describe('when an upstream sends a body of many megabytes, or never answers', () => {
  it('then the read is bounded (UPSTREAM_BAD_RESPONSE) and a silent upstream times out (UPSTREAM_UNAVAILABLE)', async () => {
    const h = await startHarness({ upstream: { maxResponseBytes: 1 << 20, timeoutMs: 300, maxAttempts: 2 } });
    try {
      const { query } = two(h);
      h.sandbox.faults.set([{ kind: 'huge', service: 'deadline', sizeBytes: 16 << 20 }, { kind: 'hang', service: 'workspaces-web' }]);
      const before = process.memoryUsage().rss;
      const res = await h.query(query);
      const codes = Object.fromEntries(res.errors!.map((e) => [e.path![0], e.extensions?.code]));
      assert.deepEqual(codes, { dl: 'UPSTREAM_BAD_RESPONSE', wsw: 'UPSTREAM_UNAVAILABLE' });
      assert.ok(process.memoryUsage().rss - before < 64 << 20, 'the large body was not held');
    } finally {
      await h.close();
    }
  });
});
