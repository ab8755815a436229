/**
 * The discovery walk on its own: leaves in listing order across pages, resumed from any leaf's path (that leaf
 * first), pruned items skipped, a failing listing reported with its subtree skipped, running out of calls stopping
 * the whole walk; the full listing stops its siblings once past its limit; an allowance never lets a call past it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallAllowance, CallBudgetExhausted } from '../../src/pagination/call-budget.js';
import { TooManySourcesError, discoverAll, walk, type Discovered, type DiscoveryLevel } from '../../src/pagination/discovery.js';
import type { PageRequest } from '../../src/pagination/fill-page.js';

/** A two-level tree: `parents` parents of `children` children each, listed `pageSize` at a time (tokens are offsets). */
function tree(options: { parents: number; children: number | ((parent: string) => number); pageSize: number; failAt?: string; prune?: (id: string) => boolean }) {
  const calls: string[] = [];
  const list = (ids: string[], at: PageRequest) => {
    const from = at.token ? Number(at.token) : 0;
    const to = Math.min(ids.length, from + at.size);
    return { items: ids.slice(from, to), ...(to < ids.length ? { nextToken: String(to) } : {}) };
  };
  const level = (childrenOf: (parent: string) => string[]): DiscoveryLevel<string> => ({
    pageSize: options.pageSize,
    fetch: async (parent, at) => {
      calls.push(`${parent}@${at.token ?? 0}`);
      if (parent === options.failAt) throw new Error(`listing ${parent} failed`);
      return list(childrenOf(parent), at);
    },
    child: (_parent, item) => (options.prune?.(String(item)) ? undefined : String(item)),
  });
  const levels = [
    level(() => Array.from({ length: options.parents }, (_, p) => `p${p}`)),
    level((parent) => Array.from({ length: typeof options.children === 'number' ? options.children : options.children(parent) }, (_, c) => `${parent}c${c}`)),
  ];
  return { levels, calls };
}

async function all<C>(found: AsyncIterable<Discovered<C>>) {
  const out: Discovered<C>[] = [];
  for await (const f of found) out.push(f);
  return out;
}
const leaves = (found: Discovered<string>[]) => found.map((f) => ('leaf' in f ? f.leaf : `failed ${f.failed}`));

describe('when a scope is walked in listing order', () => {
  it('then it yields every leaf across pages at both levels, and resuming from any leaf starts at that leaf', async () => {
    const t = tree({ parents: 3, children: 4, pageSize: 2 });
    const whole = await all(walk(t.levels, 'root'));
    const expected = ['p0', 'p1', 'p2'].flatMap((p) => [0, 1, 2, 3].map((c) => `${p}c${c}`));
    assert.deepEqual(leaves(whole), expected);
    for (const [k, found] of whole.entries()) {
      const rest = await all(walk(tree({ parents: 3, children: 4, pageSize: 2 }).levels, 'root', found.path));
      assert.deepEqual(leaves(rest), expected.slice(k), `from ${expected[k]}`);
    }
  });

  it('then pruned items are skipped without listing below them', async () => {
    const t = tree({ parents: 3, children: 2, pageSize: 5, prune: (id) => id === 'p1' });
    assert.deepEqual(leaves(await all(walk(t.levels, 'root'))), ['p0c0', 'p0c1', 'p2c0', 'p2c1']);
    assert.ok(!t.calls.some((c) => c.startsWith('p1')), 'p1 was never listed');
  });

  it('then a failing listing is yielded once and the walk goes on after it', async () => {
    const t = tree({ parents: 3, children: 2, pageSize: 5, failAt: 'p1' });
    assert.deepEqual(leaves(await all(walk(t.levels, 'root'))), ['p0c0', 'p0c1', 'failed p1', 'p2c0', 'p2c1']);
  });

  it('then running out of calls stops the whole walk', async () => {
    const t = tree({ parents: 3, children: 2, pageSize: 5 });
    const allowance = new CallAllowance(2, 'out of calls');
    const counted = t.levels.map((l) => ({ ...l, fetch: allowance.counted(l.fetch) }));
    await assert.rejects(all(walk(counted, 'root')), CallBudgetExhausted);
    assert.equal(t.calls.length, 2, 'no call past the allowance');
    assert.equal(allowance.used, 2);
  });
});

describe('when a scope is listed whole', () => {
  it('then every leaf comes in listing order, and past the limit the walk fails and its siblings stop calling', async () => {
    const ok = await discoverAll(tree({ parents: 3, children: 4, pageSize: 3 }).levels, 'root', { max: 12, found: 0 });
    assert.equal(ok.length, 12);
    // p0's 6 children take 3 pages and pass the limit of 5; its siblings have 8 each (4 pages), and stop at their 4th.
    const t = tree({ parents: 6, children: (parent) => (parent === 'p0' ? 6 : 8), pageSize: 2 });
    await assert.rejects(discoverAll(t.levels, 'root', { max: 5, found: 0 }), TooManySourcesError);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(t.calls.length, 3 + 3 + 5 * 3, 'the siblings made no call after p0 passed the limit (listing everything takes 26)');
  });
});
