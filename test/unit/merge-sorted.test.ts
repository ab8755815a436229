/** The k-way merge: ties across pages of a sorted upstream, the item cap, duplicates, and resuming by key. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PageRequest } from '../../src/pagination/fill-page.js';
import { SourceTooLargeError, compareKeys, mergeSorted, type SortKey, type SortedSource } from '../../src/pagination/merge-sorted.js';

type Item = { t: number | null; id: string };
const key = (i: Item): SortKey => ({ t: i.t, s: 'S', k: i.id });

/** A source serving `items` in the given order, `size` at a time. */
function source(items: Item[], presorted: boolean, size = 2): SortedSource<Item> & { calls: number } {
  const s = {
    calls: 0,
    pageSize: size,
    key,
    presorted,
    maxCalls: 100,
    fetch: async ({ token }: PageRequest) => {
      s.calls++;
      const offset = token ? Number(token) : 0;
      const end = offset + size;
      return { items: items.slice(offset, end), ...(end < items.length ? { nextToken: String(end) } : {}) };
    },
  };
  return s;
}

const ids = (page: { edges: { item: Item }[] }) => page.edges.map((e) => e.item.id);

describe('when sources are merged by start time', () => {
  it('then equal start times split across upstream pages still come out in key order', async () => {
    // The upstream sorts by time only; the ties b, a, c arrive over two pages in another order than the key order.
    const sorted = source([{ t: 5, id: 'x' }, { t: 3, id: 'b' }, { t: 3, id: 'c' }, { t: 3, id: 'a' }, { t: 1, id: 'z' }], true);
    const page = await mergeSorted({ sources: [sorted], first: 10, direction: 'desc', itemCap: 100 });
    assert.deepEqual(ids(page), ['x', 'a', 'b', 'c', 'z']);
  });

  it('then sessions without a start time come last in both directions', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const page = await mergeSorted({ sources: [source([{ t: null, id: 'n' }, { t: 2, id: 'b' }, { t: 1, id: 'a' }], false)], first: 10, direction, itemCap: 100 });
      assert.equal(ids(page).at(-1), 'n');
    }
  });

  it('then the same session from two sources is listed once, and resuming by key skips what was seen', async () => {
    const items = [{ t: 3, id: 'c' }, { t: 2, id: 'b' }, { t: 1, id: 'a' }];
    const page = await mergeSorted({ sources: [source(items, true), source(items, false)], first: 2, direction: 'desc', itemCap: 100 });
    assert.deepEqual(ids(page), ['c', 'b']);
    assert.equal(page.hasNextPage, true);
    const rest = await mergeSorted({ sources: [source(items, true), source(items, false)], first: 2, direction: 'desc', after: page.edges.at(-1)!.key, itemCap: 100 });
    assert.deepEqual(ids(rest), ['a']);
    assert.equal(rest.hasNextPage, false);
  });

  it('then a source larger than the item cap fails alone', async () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ t: i, id: `m${i}` }));
    const page = await mergeSorted({ sources: [source(many, false), source([{ t: 100, id: 'ok' }], false)], first: 5, direction: 'desc', itemCap: 6 });
    assert.deepEqual(ids(page), ['ok']);
    assert.equal(page.failures.length, 1);
    assert.ok(page.failures[0]!.error instanceof SourceTooLargeError);
  });

  it('then a sorted source is read only as far as the page needs', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ t: 100 - i, id: `m${i}` }));
    const s = source(many, true, 10);
    const page = await mergeSorted({ sources: [s], first: 5, direction: 'desc', itemCap: 1000 });
    assert.equal(page.edges.length, 5);
    assert.equal(s.calls, 1);
  });

  it('then keys compare by time in the direction, then service and key ascending', () => {
    assert.ok(compareKeys({ t: 2, s: 'A', k: 'x' }, { t: 1, s: 'A', k: 'x' }, 'desc') < 0);
    assert.ok(compareKeys({ t: 1, s: 'B', k: 'a' }, { t: 1, s: 'A', k: 'z' }, 'asc') > 0);
    assert.ok(compareKeys({ t: null, s: 'A', k: 'a' }, { t: 0, s: 'A', k: 'a' }, 'asc') > 0);
  });
});
