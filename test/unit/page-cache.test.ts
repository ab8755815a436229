/** The page cache on its own: freshness by kind of page, no errors kept, the byte bound, calls in flight shared. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawResponse } from '../../src/upstream/deserialize.js';
import { deadlineListSessions } from '../../src/upstream/operations/index.js';
import { callKey } from '../../src/upstream/call-key.js';
import { createPageCache, type PageCacheEvent, type PageCacheSettings } from '../../src/upstream/page-cache.js';

const page = (n: number, bytes = 100): RawResponse => ({ statusCode: 200, headers: { 'x-amzn-requestid': `req-${n}`, 'x-secret': 'never kept' }, body: Buffer.alloc(bytes, n) });

function setup(settings: Partial<PageCacheSettings> = {}) {
  let now = 1_000_000;
  const events: PageCacheEvent[] = [];
  const cache = createPageCache({ maxBytes: 1 << 20, firstPageTtlMs: 5_000, continuationTtlMs: 60_000, onEvent: (e) => events.push(e), clock: { now: () => now }, ...settings });
  let sent = 0;
  const call = (n = sent) => async () => {
    sent++;
    return page(n);
  };
  return { cache, events, call, advance: (ms: number) => (now += ms), sent: () => sent };
}

describe('when pages go through the page cache', () => {
  it('then a first page is fresh for its TTL and a continuation page for the longer one', async () => {
    const { cache, call, advance, sent } = setup();
    await cache.through('first', false, call(), {});
    await cache.through('next', true, call(), {});
    advance(4_999);
    await cache.through('first', false, call(), {});
    assert.equal(sent(), 2, 'both within their TTL');
    advance(2);
    await cache.through('first', false, call(), {});
    await cache.through('next', true, call(), {});
    assert.equal(sent(), 3, 'the first page expired; the continuation lives on');
    advance(60_000);
    await cache.through('next', true, call(), {});
    assert.equal(sent(), 4);
  });

  it('then a hit keeps the body and request id but no other header, and says it was cached', async () => {
    const { cache, call, events } = setup();
    await cache.through('k', false, call(7), {});
    let cached = 0;
    const hit = await cache.through('k', false, call(8), { onCached: () => cached++ });
    assert.deepEqual(hit, { statusCode: 200, headers: { 'x-amzn-requestid': 'req-7' }, body: Buffer.alloc(100, 7) });
    assert.equal(cached, 1);
    assert.deepEqual(events, ['store', 'miss', 'hit']);
  });

  it('then errors are never kept', async () => {
    const { cache, call, sent } = setup();
    await assert.rejects(cache.through('k', false, async () => { throw new Error('throttled'); }, {}), /throttled/);
    await cache.through('k', false, call(), {});
    assert.equal(sent(), 1, 'the failure was not an answer for the next call');
  });

  it('then refresh skips the read and keeps the fresh answer', async () => {
    const { cache, call, sent } = setup();
    await cache.through('k', false, call(1), {});
    const fresh = await cache.through('k', false, call(2), { refresh: true });
    assert.equal(fresh.body[0], 2);
    assert.equal((await cache.through('k', false, call(3), {})).body[0], 2, 'later reads get the refreshed page');
    assert.equal(sent(), 2);
  });

  it('then a TTL of 0 sends every call', async () => {
    const { cache, call, sent } = setup({ firstPageTtlMs: 0 });
    await cache.through('k', false, call(), {});
    await cache.through('k', false, call(), {});
    assert.equal(sent(), 2);
  });

  it('then the bytes held stay within the bound, the least recently used going first, and a page larger than it is not kept', async () => {
    const { cache, events } = setup({ maxBytes: 10_000 });
    for (let i = 0; i < 50; i++) await cache.through(`k${i}`, false, async () => page(i, 1_000), {});
    assert.ok(cache.stats().bytes <= 10_000, `${cache.stats().bytes} bytes`);
    assert.ok(cache.stats().entries < 10);
    assert.ok(events.filter((e) => e === 'evict').length >= 40);
    await cache.through('huge', false, async () => page(0, 20_000), {});
    let sent = 0;
    await cache.through('huge', false, async () => { sent++; return page(0, 20_000); }, {});
    assert.equal(sent, 1, 'too large to keep');
  });

  it('then identical calls in flight at once share one call, and a failed one is not shared', async () => {
    const { cache } = setup();
    let sent = 0;
    let release!: () => void;
    const slow = async () => {
      sent++;
      await new Promise<void>((r) => (release = r));
      return page(1);
    };
    const a = cache.through('k', false, slow, {});
    let joined = 0;
    const b = cache.through('k', false, slow, { onCached: () => joined++ });
    await new Promise((r) => setImmediate(r));
    release();
    assert.deepEqual((await a).body, (await b).body);
    assert.equal(sent, 1);
    assert.equal(joined, 1);

    let fail!: (e: Error) => void;
    const failing = cache.through('f', false, () => new Promise<RawResponse>((_, reject) => (fail = reject)), {});
    const follower = cache.through('f', false, async () => page(2), {});
    await new Promise((r) => setImmediate(r));
    fail(new Error('aborted'));
    await assert.rejects(failing, /aborted/);
    assert.equal((await follower).body[0], 2, 'the follower made its own call');
  });

  it('then the key names the place, the operation and every input member, in any order', () => {
    const home = { region: 'us-west-2', account: 'default' };
    const a = callKey(deadlineListSessions, { farmId: 'f', queueId: 'q', jobId: 'j' }, home);
    assert.equal(a, callKey(deadlineListSessions, { jobId: 'j', queueId: 'q', farmId: 'f', maxResults: undefined }, home));
    assert.notEqual(a, callKey(deadlineListSessions, { farmId: 'f', queueId: 'q', jobId: 'j' }, { ...home, region: 'eu-west-1' }));
    assert.notEqual(a, callKey(deadlineListSessions, { farmId: 'f', queueId: 'q', jobId: 'j' }, { ...home, account: 'render' }));
    assert.notEqual(a, callKey(deadlineListSessions, { farmId: 'f', queueId: 'q', jobId: 'j', nextToken: 't' }, home));
    assert.notEqual(a, callKey(deadlineListSessions, { farmId: 'f', queueId: 'q', jobId: 'j', maxResults: 10 }, home));
  });

  it('then a page one replica read is a hit on another through the shared store, with no longer freshness than it had left', async () => {
    const store = new Map<string, { value: Buffer; ttlMs: number }>();
    const shared = { get: async (k: string) => store.get(k), set: (k: string, value: Buffer, ttlMs: number) => void store.set(k, { value, ttlMs }) };
    const a = setup({ shared });
    const b = setup({ shared });
    await a.cache.through('k', false, a.call(5), {});
    assert.equal(store.get('k')!.ttlMs, 5_000);
    store.get('k')!.ttlMs = 1_000; // as if 4 s had passed on the store's clock
    let cached = 0;
    const res = await b.cache.through('k', false, b.call(6), { onCached: () => cached++ });
    assert.deepEqual(res, { statusCode: 200, headers: { 'x-amzn-requestid': 'req-5' }, body: Buffer.alloc(100, 5) });
    assert.equal(b.sent(), 0);
    assert.equal(cached, 1);
    b.advance(1_001);
    store.delete('k'); // and the store's own TTL has passed too
    await b.cache.through('k', false, b.call(7), {});
    assert.equal(b.sent(), 1, 'kept locally only as long as it had left');
  });

  it('then a shared store that cannot answer, or holds something else, is a miss', async () => {
    const { cache, sent, call } = setup({ shared: { get: async () => undefined, set: () => undefined } });
    await cache.through('k', false, call(), { refresh: true });
    const foreign = setup({ shared: { get: async () => ({ value: Buffer.from([1]), ttlMs: 1000 }), set: () => undefined } });
    await foreign.cache.through('k', false, foreign.call(), {});
    assert.equal(sent() + foreign.sent(), 2);
  });
});
