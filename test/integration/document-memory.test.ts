/**
 * Memory per distinct document is bounded: parsed, validated and compiled documents are cached within
 * GATEWAY_DOCUMENT_CACHE_MB, however many distinct documents clients send and however often they repeat them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heapAfterGcMb } from '../../scripts/heap.js';
import { ByteBoundedCache } from '../../src/server/byte-bounded-cache.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { DEFAULT_LIMITS } from '../helpers/limits.js';
import { stubUpstream } from '../helpers/stub-upstream.js';

describe('when a cache is bounded by bytes', () => {
  it('then it drops the least recently used entries once their weight passes the bound', () => {
    const cache = new ByteBoundedCache<string>({ maxBytes: 100, weigh: (k) => k.length * 10 });
    cache.set('aaa', 'A'); // 30
    cache.set('bbbb', 'B'); // 40
    assert.equal(cache.get('aaa'), 'A'); // aaa is now the most recent
    cache.set('ccc', 'C'); // 100 in all
    assert.equal(cache.bytes, 100);
    cache.set('dd', 'D'); // 120: bbbb goes
    assert.equal(cache.get('bbbb'), undefined);
    assert.deepEqual(['aaa', 'ccc', 'dd'].map((k) => cache.get(k)), ['A', 'C', 'D']);
    cache.set('x'.repeat(11), 'too big');
    assert.equal(cache.get('x'.repeat(11)), undefined);
    assert.ok(cache.bytes <= 100);
  });
});

describe('when clients send many distinct documents, each often enough to be compiled', () => {
  it('then the heap stays within the document cache bound', { timeout: 120_000 }, async () => {
    const upstream = stubUpstream();
    const yoga = createGateway({
      upstream, limits: DEFAULT_LIMITS, cursorSecret: 'memory-test-secret-0123', upstreamLabel: 't', graphiql: false, logger: createLogger('silent'),
      protection: { rateLimit: { perSecond: 0, burst: 1 }, documentCacheBytes: 4 << 20 },
    });
    const doc = (i: number) => `query Q${i} { ${Array.from({ length: 15 }, (_, a) => `a${a}: deadlineSessions(farmId: "farm-${'a'.repeat(32)}", queueId: "queue-${'b'.repeat(32)}", jobId: "job-${'c'.repeat(32)}", first: ${(i % 50) + 1}) { edges { cursor node { id sessionId startedAt lifecycleStatus } } pageInfo { hasNextPage endCursor } }`).join(' ')} }`;
    const ask = async (query: string) => {
      const res = await yoga.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      assert.equal(res.status, 200);
      await res.text();
    };
    for (let i = 0; i < 5; i++) for (let r = 0; r < 11; r++) await ask(doc(10_000 + i)); // warm-up
    const before = heapAfterGcMb();
    // 150 documents of about 4 KB: unbounded, they would hold about 150 × 550 KB ≈ 80 MB parsed and compiled.
    for (let i = 0; i < 150; i++) for (let r = 0; r < 11; r++) await ask(doc(i));
    const growth = heapAfterGcMb() - before;
    assert.ok(growth < 24, `heap grew ${growth.toFixed(1)} MB with a 4 MB document cache`);
  });
});
