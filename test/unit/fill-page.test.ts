/** Page filling against an in-memory listing with short pages, empty pages and a page-size limit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillPage, type FilledPage, type PageRequest } from '../../src/pagination/fill-page.js';
import { START, isEnd, type Position } from '../../src/pagination/position.js';

/** A listing of `n` items; pages at offsets divisible by 3 are short, and offset 10 first answers with an empty page. */
function listing(n: number, limit: number) {
  const calls: PageRequest[] = [];
  const emptied = new Set<number>();
  const fetch = async ({ token, size }: PageRequest) => {
    calls.push({ token, size });
    assert.ok(size >= 1 && size <= limit, `size ${size} within the limit`);
    const [offset, gen] = token ? token.split(':').map(Number) as [number, number] : [0, 0];
    if (offset === 10 && gen === 0) return { items: [], nextToken: '10:1' };
    const take = offset % 3 === 0 && size > 2 ? Math.ceil(size / 2) : size;
    const items = Array.from({ length: Math.max(0, Math.min(take, n - offset)) }, (_, i) => offset + i);
    const end = offset + items.length;
    return end < n ? { items, nextToken: `${end}:0` } : { items };
  };
  return { calls, fetch, emptied };
}

async function all(n: number, first: number, limit: number) {
  const l = listing(n, limit);
  const seen: number[] = [];
  let from: Position = START;
  for (let i = 0; i < 1000; i++) {
    const page: FilledPage<number> = await fillPage({ first, from, minPageSize: 1, maxPageSize: limit, maxCalls: 20, fetch: l.fetch });
    seen.push(...page.edges.map((e) => e.item));
    if (!page.hasNextPage) break;
    assert.equal(page.edges.length, first);
    from = page.edges.at(-1)!.after;
  }
  return seen;
}

describe('when a listing is paged with fillPage', () => {
  for (const [n, first, limit] of [[0, 5, 10], [1, 1, 10], [57, 1, 10], [57, 7, 10], [57, 25, 10], [57, 250, 10], [100, 10, 10]] as const) {
    it(`then ${n} items with first ${first}, limit ${limit} come back once each, in order`, async () => {
      assert.deepEqual(await all(n, first, limit), Array.from({ length: n }, (_, i) => i));
    });
  }

  it('then every edge resumes right after itself', async () => {
    const l = listing(40, 10);
    const page = await fillPage({ first: 40, from: START, minPageSize: 1, maxPageSize: 10, maxCalls: 20, fetch: l.fetch });
    for (const [i, edge] of page.edges.entries()) {
      const next = await fillPage({ first: 2, from: edge.after, minPageSize: 1, maxPageSize: 10, maxCalls: 20, fetch: l.fetch });
      assert.deepEqual(next.edges.map((e) => e.item), [i + 1, i + 2].filter((x) => x < 40));
    }
  });

  it('then the last item of an upstream page points at its nextToken, and the last item of all at the end', async () => {
    const l = listing(12, 10);
    const page = await fillPage({ first: 12, from: START, minPageSize: 1, maxPageSize: 10, maxCalls: 20, fetch: l.fetch });
    const firstPageLast = page.edges[4]!.after; // the first page is short: 5 items
    assert.deepEqual(firstPageLast, { token: '5:0', size: 10, offset: 0 });
    assert.ok(isEnd(page.edges.at(-1)!.after));
    assert.equal(page.hasNextPage, false);
  });

  it('then hasNextPage is known from one extra item, without another call', async () => {
    const sizes: number[] = [];
    const full = async ({ size }: PageRequest) => (sizes.push(size), { items: Array.from({ length: size }, (_, i) => i), nextToken: 'more' });
    const page = await fillPage({ first: 4, from: START, minPageSize: 1, maxPageSize: 100, maxCalls: 20, fetch: full });
    assert.equal(page.hasNextPage, true);
    assert.deepEqual(sizes, [5]);
  });

  it('then the call bound stops collection and says there is more', async () => {
    const l = listing(1000, 10);
    const page = await fillPage({ first: 500, from: START, minPageSize: 1, maxPageSize: 10, maxCalls: 3, fetch: l.fetch });
    assert.equal(l.calls.length, 3);
    assert.equal(page.truncated, true);
    assert.equal(page.hasNextPage, true);
  });

  it('then an upstream that returns the same token is at its end', async () => {
    let calls = 0;
    const page = await fillPage({ first: 10, from: { token: 'T', size: 5, offset: 0 }, minPageSize: 1, maxPageSize: 10, maxCalls: 20, fetch: async () => (calls++, { items: [1], nextToken: 'T' }) });
    assert.equal(calls, 1);
    assert.equal(page.hasNextPage, false);
    assert.deepEqual(page.edges.map((e) => e.item), [1]);
  });
});
