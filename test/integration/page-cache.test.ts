/**
 * The cross-request page cache in the gateway: what a second request reads without calling, what it never shares
 * (errors, other places), how a client forces a fresh read, and what it saves when the start-time-ordered connection
 * is paged to its end, compared with the sandbox's own records.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startHarness, type GraphQLResponse, type Harness } from '../helpers/harness.js';
import { expected, mixedSources, sourcesLiteral, unifiedSelection, type SourceCase } from '../helpers/unified.js';

let h: Harness;
let sources: SourceCase[];
before(async () => {
  h = await startHarness({ pageCache: {}, places: true });
  sources = mixedSources(h.sandbox.data, true);
});
after(() => h.close());
beforeEach(() => {
  h.sandbox.faults.clear();
  h.resetRequests();
});

const farms = (place = '') => `{ deadlineFarms(first: 5${place}) { edges { node { farmId region account queues(first: 3) { edges { node { queueId } } } } } } }`;

async function pageToEnd(order: string, fresh: boolean): Promise<{ ids: string[]; calls: number; cachedPages: number }> {
  const q = `query($after: String) { sessions(sources: ${sourcesLiteral(sources)}, orderBy: ${order}, first: 25, after: $after) { ${unifiedSelection} } }`;
  const ids: string[] = [];
  let calls = 0;
  let cachedPages = 0;
  let afterCursor: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const res: GraphQLResponse = await h.query(q, { after: afterCursor }, fresh ? { 'cache-control': 'no-cache' } : {});
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    calls += res.extensions!.upstream.calls;
    cachedPages += res.extensions!.upstream.cachedPages ?? 0;
    ids.push(...res.data.sessions.edges.map((e: any) => e.node.id));
    if (!res.data.sessions.pageInfo.hasNextPage) return { ids, calls, cachedPages };
    afterCursor = res.data.sessions.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('when requests read pages another request has read', () => {
  it('then the second answer is the same, with no call sent, and says how many pages came from the cache', async () => {
    const first = await h.query(farms());
    const sent = h.upstreamRequests();
    assert.ok(sent > 1 && first.extensions!.upstream.calls === sent && !first.extensions!.upstream.cachedPages);
    const second = await h.query(farms());
    assert.deepEqual(second.data, first.data);
    assert.equal(h.upstreamRequests(), sent, 'nothing sent');
    assert.equal(second.extensions!.upstream.calls, 0);
    assert.equal(second.extensions!.upstream.cachedPages, sent);
  });

  it('then another region or account is another page', async () => {
    await h.query(farms());
    h.resetRequests();
    const elsewhere = await h.query(farms(', region: "eu-west-1", account: "render"'));
    assert.ok(h.upstreamRequests() > 0);
    assert.equal(elsewhere.extensions!.upstream.cachedPages, undefined);
    assert.ok(elsewhere.data.deadlineFarms.edges.every((e: any) => e.node.region === 'eu-west-1' && e.node.account === 'render'));
  });

  it('then Cache-Control: no-cache reads fresh, and what it read serves the next request', async () => {
    await h.query(farms());
    h.resetRequests();
    const fresh = await h.query(farms(), {}, { 'cache-control': 'no-cache' });
    const sent = h.upstreamRequests();
    assert.ok(sent > 0 && fresh.extensions!.upstream.calls === sent);
    await h.query(farms());
    assert.equal(h.upstreamRequests(), sent);
  });

  it('then a failed call is not kept: the next request calls again and gets the answer', async () => {
    h.sandbox.faults.set([{ kind: 'server-error', service: 'deadline', operation: 'ListFarms', status: 400 }]);
    const failed = await h.query('{ deadlineFarms(first: 4, region: "eu-west-1") { edges { node { farmId } } } }', {}, { 'cache-control': 'no-cache' });
    assert.ok(failed.errors?.length);
    h.sandbox.faults.clear();
    h.resetRequests();
    const ok = await h.query('{ deadlineFarms(first: 4, region: "eu-west-1") { edges { node { farmId } } } }');
    assert.equal(ok.errors, undefined);
    assert.equal(h.upstreamRequests(), 1);
  });

  it('then bad input is refused with no call and nothing cached', async () => {
    const bad = await h.query('{ deadlineFarms(first: 5, region: "mars-north-1") { edges { node { farmId } } } }');
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(h.upstreamRequests(), 0);
  });
});

describe('when the start-time-ordered connection is paged to its end', () => {
  it('then it costs at most 1.2x the calls of reading each source once (SOURCE order), with the same sessions', async () => {
    // From a cold cache: no request before this one read these sources.
    const cached = await pageToEnd('STARTED_AT_DESC', false);
    const uncached = await pageToEnd('STARTED_AT_DESC', true);
    const bySource = await pageToEnd('SOURCE', true);
    const lists = sources.map((s) => s.sessions);
    assert.deepEqual(uncached.ids, expected(lists, 'STARTED_AT_DESC'));
    assert.deepEqual(cached.ids, uncached.ids, 'the cache changes the calls, not the answer');
    assert.deepEqual(bySource.ids, expected(lists, 'SOURCE'));
    assert.ok(uncached.calls > 2 * bySource.calls, `without the cache it re-reads: ${uncached.calls} calls against ${bySource.calls}`);
    assert.ok(cached.calls <= 1.2 * bySource.calls, `${cached.calls} calls against ${bySource.calls} in SOURCE order`);
    assert.ok(cached.cachedPages > 0);
  });
});
