/**
 * Source order across several listings: a page spans sources, only the sources it needs are called, a failing source
 * is reported and skipped with what it gave kept, and every edge resumes exactly after itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallBudgetExhausted } from '../../src/pagination/call-budget.js';
import type { PageRequest } from '../../src/pagination/fill-page.js';
import { fillSources, type StreamSource } from '../../src/pagination/fill-sources.js';
import { START } from '../../src/pagination/position.js';

/** A listing of `items` served `pageSize` at a time (tokens are offsets), counting calls; it fails at call `failAt`. */
function listing(items: string[], options: { pageSize?: number; failAt?: number; maxCalls?: number; empty?: boolean; exhaustAt?: number } = {}) {
  const s = {
    calls: 0,
    source: {
      minPageSize: 1, maxPageSize: options.pageSize ?? 3, maxCalls: options.maxCalls ?? 50,
      ...(options.empty ? { empty: true } : {}),
      fetch: async ({ token, size }: PageRequest) => {
        s.calls++;
        if (s.calls === options.failAt) throw new Error(`failed at call ${s.calls}`);
        if (s.calls === options.exhaustAt) throw new CallBudgetExhausted(9);
        const from = token ? Number(token) : 0;
        const to = Math.min(items.length, from + Math.min(size, options.pageSize ?? 3));
        return { items: items.slice(from, to), ...(to < items.length ? { nextToken: String(to) } : {}) };
      },
    } as StreamSource<string>,
  };
  return s;
}
const items = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('when sources are read one after another', () => {
  it('then a page spans sources, says which source each item came from, and calls only the sources it needs', async () => {
    const [a, b, c] = [listing(items('a', 4)), listing(items('b', 4)), listing(items('c', 4))];
    const page = await fillSources({ sources: [a.source, b.source, c.source], first: 6, from: { source: 0, at: START }, maxCalls: 100 });
    assert.deepEqual(page.edges.map((e) => `${e.source}:${e.item}`), ['0:a0', '0:a1', '0:a2', '0:a3', '1:b0', '1:b1']);
    assert.equal(page.hasNextPage, true);
    assert.deepEqual(page.failures, []);
    assert.equal(c.calls, 0, 'the third source is not called');
    assert.deepEqual(page.edges.map((e) => e.after.source), [0, 0, 0, 0, 1, 1]);
  });

  it('then resuming after any edge continues with the next item, across sources, to the end', async () => {
    const all = [...items('a', 4), ...items('b', 2), ...items('c', 5)];
    const fresh = () => [listing(items('a', 4)), listing(items('b', 2)), listing(items('c', 5))].map((l) => l.source);
    const whole = await fillSources({ sources: fresh(), first: 100, from: { source: 0, at: START }, maxCalls: 100 });
    assert.deepEqual(whole.edges.map((e) => e.item), all);
    assert.equal(whole.hasNextPage, false);
    for (let k = 0; k < whole.edges.length; k++) {
      const rest = await fillSources({ sources: fresh(), first: 100, from: whole.edges[k]!.after, maxCalls: 100 });
      assert.deepEqual(rest.edges.map((e) => e.item), all.slice(k + 1), `after ${all[k]}`);
    }
  });

  it('then a page that fills exactly at the end of the last source has no next page, and one that ends a middle source may', async () => {
    const last = await fillSources({ sources: [listing(items('a', 2)).source, listing(items('b', 2)).source], first: 4, from: { source: 0, at: START }, maxCalls: 100 });
    assert.equal(last.hasNextPage, false);
    const middle = await fillSources({ sources: [listing(items('a', 2)).source, listing(items('b', 2)).source], first: 2, from: { source: 0, at: START }, maxCalls: 100 });
    assert.deepEqual([middle.edges.length, middle.hasNextPage], [2, true]);
  });

  it('then a source known to be empty is skipped without a call', async () => {
    const [a, b] = [listing(items('a', 2), { empty: true }), listing(items('b', 2))];
    const page = await fillSources({ sources: [a.source, b.source], first: 5, from: { source: 0, at: START }, maxCalls: 100 });
    assert.deepEqual([page.edges.map((e) => e.item), a.calls], [['b0', 'b1'], 0]);
  });

  it('then a failing source keeps what it gave, is reported by index, and the next source fills the page', async () => {
    const [a, b] = [listing(items('a', 9), { failAt: 2 }), listing(items('b', 9))];
    const page = await fillSources({ sources: [a.source, b.source], first: 5, from: { source: 0, at: START }, maxCalls: 100 });
    assert.deepEqual(page.edges.map((e) => e.item), ['a0', 'a1', 'a2', 'b0', 'b1']);
    assert.deepEqual(page.failures.map((f) => [f.source, (f.error as Error).message]), [[0, 'failed at call 2']]);
    assert.equal(page.hasNextPage, true);
  });

  it('then each source keeps to its own bound, and all of them to the total, which ends the page with more to come', async () => {
    const bounded = [listing(items('a', 30), { pageSize: 2, maxCalls: 2 }), listing(items('b', 30), { pageSize: 2 })];
    const own = await fillSources({ sources: bounded.map((l) => l.source), first: 10, from: { source: 0, at: START }, maxCalls: 100 });
    // Its bound stops the first source mid-listing: the page ends there rather than skipping what it has not read.
    assert.deepEqual([bounded[0]!.calls, bounded[1]!.calls, own.edges.map((e) => e.item), own.hasNextPage], [2, 0, ['a0', 'a1', 'a2', 'a3'], true]);
    const total = [listing(items('a', 30), { pageSize: 2 }), listing(items('b', 30), { pageSize: 2 })];
    const capped = await fillSources({ sources: total.map((l) => l.source), first: 10, from: { source: 0, at: START }, maxCalls: 3 });
    assert.deepEqual([total[0]!.calls + total[1]!.calls, capped.edges.length, capped.hasNextPage, capped.exhausted], [3, 6, true, undefined]);
  });

  it('then a refused call (the request\'s allowance) ends the page with what it has and says so', async () => {
    const a = listing(items('a', 30), { pageSize: 2, exhaustAt: 2 });
    const page = await fillSources({ sources: [a.source, listing(items('b', 3)).source], first: 10, from: { source: 0, at: START }, maxCalls: 100 });
    assert.deepEqual(page.edges.map((e) => e.item), ['a0', 'a1']);
    assert.equal(page.hasNextPage, true);
    assert.ok(page.exhausted instanceof CallBudgetExhausted);
    assert.equal(page.exhausted.name, 'CallBudgetExhausted');
    assert.equal(page.exhausted.message, 'the request has used all 9 upstream calls it was allowed (its cost estimate, within the budget); continue from the last cursor');
  });
});
