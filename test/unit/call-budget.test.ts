/**
 * Every reader ends, whatever the upstream answers: tokens that go round end a listing, call bounds stop readers, and
 * the request's loaders refuse calls past the allowance, the connection then answering with what it has.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execute, parse } from 'graphql';
import { CallBudgetExhausted } from '../../src/pagination/call-budget.js';
import { createCursorCodec } from '../../src/pagination/cursor-codec.js';
import { fillPage, type PageRequest } from '../../src/pagination/fill-page.js';
import { fillSources } from '../../src/pagination/fill-sources.js';
import { mergeSorted, SourceTooLargeError } from '../../src/pagination/merge-sorted.js';
import { START } from '../../src/pagination/position.js';
import { createRequestLoaders, type GatewayContext } from '../../src/schema/context.js';
import { schema } from '../../src/schema/index.js';
import type { UpstreamClient } from '../../src/upstream/call.js';
import { Cancellation } from '../../src/upstream/cancel.js';
import { deadlineListSessions } from '../../src/upstream/operations/index.js';
import { homeOnly, type Place } from '../../src/upstream/place.js';
import { DEFAULT_LIMITS } from '../helpers/limits.js';

/** Empty pages whose tokens go A → B → C → A …, counting calls. */
function cycling(period: number) {
  const s = {
    calls: 0,
    fetch: async ({ token }: PageRequest) => {
      s.calls++;
      const n = token ? Number(token.slice(1)) : 0;
      return { items: [] as number[], nextToken: `t${(n + 1) % period}` };
    },
  };
  return s;
}

describe('when an upstream hands out tokens that go round', () => {
  it('then fillPage ends the listing at the first token it has seen before', async () => {
    const s = cycling(3);
    const page = await fillPage({ first: 5, from: START, minPageSize: 1, maxPageSize: 10, maxCalls: 100, fetch: s.fetch });
    assert.equal(page.hasNextPage, false);
    assert.equal(s.calls, 4, 'the first page, then t1, t2, t0; t1 again ends it');
  });

  it('then a start-time merge ends too, for sorted and unsorted sources', async () => {
    for (const presorted of [true, false]) {
      const s = cycling(2);
      const page = await mergeSorted({
        sources: [{ fetch: s.fetch, pageSize: 10, maxCalls: 100, presorted, key: (i) => ({ t: i, s: 'X', k: String(i) }) }],
        first: 5, direction: 'desc', itemCap: 1000,
      });
      assert.equal(page.edges.length, 0);
      assert.equal(s.calls, 3, `presorted: ${presorted}`);
    }
  });
});

describe('when an upstream never ends', () => {
  const endless = () => {
    const s = { calls: 0, fetch: async () => (s.calls++, { items: [] as number[], nextToken: `fresh-${s.calls}` }) };
    return s;
  };

  it('then a start-time merge reads an unsorted source at most maxCalls pages and reports it too large', async () => {
    const s = endless();
    const page = await mergeSorted({ sources: [{ fetch: s.fetch, pageSize: 10, maxCalls: 5, presorted: false, key: (i) => ({ t: i, s: 'X', k: '' }) }], first: 5, direction: 'asc', itemCap: 1000 });
    assert.equal(s.calls, 5);
    assert.ok(page.failures[0]?.error instanceof SourceTooLargeError);
  });

  it('then a presorted source stops at maxCalls and the merge says there may be more', async () => {
    const s = endless();
    const page = await mergeSorted({ sources: [{ fetch: s.fetch, pageSize: 10, maxCalls: 4, presorted: true, key: (i) => ({ t: i, s: 'X', k: '' }) }], first: 5, direction: 'asc', itemCap: 1000 });
    assert.equal(s.calls, 4);
    assert.equal(page.hasNextPage, true);
  });

  it('then SOURCE order holds each source to its own bound and all of them to the total, ending the page there', async () => {
    for (const [perSource, total, want] of [[3, 5, [3, 0, 0]], [10, 4, [4, 0, 0]]] as const) {
      const sources = [endless(), endless(), endless()];
      const page = await fillSources({ sources: sources.map((s) => ({ fetch: s.fetch, minPageSize: 1, maxPageSize: 10, maxCalls: perSource })), first: 5, from: { source: 0, at: START }, maxCalls: total });
      assert.deepEqual(sources.map((s) => s.calls), want);
      assert.equal(page.hasNextPage, true, 'a source cut short may have more');
    }
  });
});

/** An upstream whose every page holds one session and a next token, counting what it is sent. */
function oneAPage(): UpstreamClient & { sent: number } {
  const u = {
    sent: 0,
    list: async (_op: unknown, input: Record<string, unknown>, options?: { admit?: () => void }) => {
      options?.admit?.();
      u.sent++;
      const n = input.nextToken ? Number(input.nextToken) : 0;
      return { items: [{ sessionId: `session-${String(n).padStart(32, '0')}`, startedAt: new Date(n * 1000), lifecycleStatus: 'ENDED' }], nextToken: String(n + 1) };
    },
    get: async () => ({}),
    health: () => [],
    close: () => undefined,
  };
  return u;
}

describe('when a request reaches its call allowance', () => {
  it('then the loaders refuse the next call unsent, and count only calls sent', async () => {
    const upstream = oneAPage();
    const loaders = createRequestLoaders(upstream);
    loaders.limitCalls(2);
    const input = { farmId: `farm-${'a'.repeat(32)}`, queueId: `queue-${'b'.repeat(32)}`, jobId: `job-${'c'.repeat(32)}` };
    const home: Place = { region: 'us-west-2', account: 'default', home: true };
    await loaders.page(deadlineListSessions, input, { token: null, size: 5 }, home);
    await loaders.page(deadlineListSessions, input, { token: '1', size: 5 }, home);
    await assert.rejects(loaders.page(deadlineListSessions, input, { token: '2', size: 5 }, home), CallBudgetExhausted);
    assert.equal(upstream.sent, 2);
    assert.equal(loaders.calls, 2);
  });

  it('then a connection answers with the edges it has, hasNextPage true, and UPSTREAM_BUDGET_EXHAUSTED on the field', async () => {
    const upstream = oneAPage();
    const loaders = createRequestLoaders(upstream);
    loaders.limitCalls(2);
    const ctx: GatewayContext = { upstream, loaders, cancellation: new Cancellation(), cursors: createCursorCodec('unit-test-secret-0123456789'), limits: DEFAULT_LIMITS, fieldErrors: [], places: homeOnly('us-west-2') };
    const document = parse(`{ deadlineSessions(farmId: "farm-${'a'.repeat(32)}", queueId: "queue-${'b'.repeat(32)}", jobId: "job-${'c'.repeat(32)}", first: 5) { edges { node { sessionId } } pageInfo { hasNextPage } } }`);
    const result = await execute({ schema, document, contextValue: ctx });
    assert.equal(result.errors, undefined);
    const conn = (result.data as any).deadlineSessions;
    assert.equal(conn.edges.length, 2);
    assert.equal(conn.pageInfo.hasNextPage, true);
    assert.deepEqual(ctx.fieldErrors.map((e) => [e.extensions.code, e.path]), [['UPSTREAM_BUDGET_EXHAUSTED', ['deadlineSessions']]]);
  });
});
