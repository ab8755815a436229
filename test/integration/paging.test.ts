/** Paging every connection to its end against the sandbox: nothing missing, nothing twice, resumable from any edge. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fieldCases, pageQuery, type FieldCase } from '../helpers/fields.js';
import { startHarness, type GraphQLResponse, type Harness } from '../helpers/harness.js';

let h: Harness;
let cases: FieldCase[];
before(async () => {
  h = await startHarness();
  cases = fieldCases(h.sandbox.data);
});
after(() => h.close());

async function pageAll(c: FieldCase, first: number) {
  const ids: string[] = [];
  const cursors: string[] = [];
  let afterCursor: string | null = null;
  let pages = 0;
  for (;;) {
    const res: GraphQLResponse = await h.query(pageQuery(c), { first, after: afterCursor });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const conn = res.data[c.field];
    pages++;
    for (const e of conn.edges) {
      ids.push(e.node.sessionId);
      cursors.push(e.cursor);
    }
    assert.equal(conn.pageInfo.hasPreviousPage, afterCursor !== null);
    if (!conn.pageInfo.hasNextPage) break;
    assert.equal(conn.edges.length, first, 'a page that is not the last is full');
    assert.equal(conn.pageInfo.endCursor, conn.edges.at(-1).cursor);
    afterCursor = conn.pageInfo.endCursor;
    assert.ok(pages < 1000, 'paging terminates');
  }
  return { ids, cursors };
}

describe('when every connection is paged to its end', () => {
  for (const first of [1, 7, 100, 250]) {
    it(`then first: ${first} returns every session once, in upstream order`, async () => {
      for (const c of cases) {
        const { ids } = await pageAll(c, first);
        assert.ok(c.expected.length > 0, `${c.field} has data`);
        assert.deepEqual(ids, c.expected, `${c.field}(${c.args}) with first: ${first}`);
      }
    });
  }

  it('then the sandbox data needs several upstream pages everywhere', () => {
    const sizes = Object.fromEntries(cases.map((c) => [`${c.field}(${c.args.slice(0, 40)})`, c.expected.length]));
    assert.ok(cases.filter((c) => c.expected.length > 100).length >= 4, JSON.stringify(sizes));
  });
});

describe('when paging resumes from a cursor', () => {
  it('then after: <any edge cursor> continues right after that edge', async () => {
    for (const c of cases) {
      const { ids, cursors } = await pageAll(c, 250);
      assert.equal(cursors.length, ids.length, 'every edge has a cursor');
      for (let i = 0; i < cursors.length; i++) {
        const res = await h.query(pageQuery(c), { first: 3, after: cursors[i] });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        const got = res.data[c.field].edges.map((e: any) => e.node.sessionId);
        assert.deepEqual(got, c.expected.slice(i + 1, i + 4), `${c.field} after edge ${i}`);
        assert.equal(res.data[c.field].pageInfo.hasNextPage, i + 4 < c.expected.length, `${c.field} hasNextPage after edge ${i}`);
      }
    }
  });

  it('then the last edge of an upstream page resumes at its nextToken without re-reading it', async () => {
    const c = cases.find((x) => x.field === 'deadlineSessions')!;
    // first: 99 asks for 100 items; the 100th edge is not returned, so edge 99 sits mid-page. Ask for 100 with first: 100
    // (page size 100, the limit), whose last edge is the page's last item.
    const first = await h.query(pageQuery(c), { first: 100 });
    const last = first.data.deadlineSessions.pageInfo.endCursor;
    h.resetRequests();
    const next = await h.query(pageQuery(c), { first: 1, after: last });
    assert.equal(next.data.deadlineSessions.edges[0].node.sessionId, c.expected[100]);
    const targets = h.sandbox.requests.map((r) => r.target);
    assert.ok(targets.every((t) => t.includes('nextToken=')), `no request re-reads the first page: ${targets.join(' ')}`);
  });
});

describe('when first is larger than the upstream page limit', () => {
  it('then first: 250 against a limit of 100 returns 250 edges and stays within the call bound', async () => {
    const c = cases.find((x) => x.field === 'workSpacesWebSessions')!;
    h.resetRequests();
    const res = await h.query(pageQuery(c), { first: 250 });
    assert.equal(res.data.workSpacesWebSessions.edges.length, 250);
    assert.equal(res.data.workSpacesWebSessions.pageInfo.hasNextPage, true);
    const sizes = h.sandbox.requests.map((r) => Number(/maxResults=(\d+)/.exec(r.target)?.[1]));
    assert.ok(sizes.every((s) => s >= 1 && s <= 100), `never asks for more than the limit: ${sizes}`);
    assert.ok(h.upstreamRequests() <= 15);
    assert.equal(res.extensions?.upstream?.calls, h.upstreamRequests());
  });

  it('then the number of upstream calls per connection is bounded, and the page says there is more', async () => {
    const limited = await startHarness({ limits: { maxCallsPerConnection: 2 } });
    try {
      const c = fieldCases(limited.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
      const res = await limited.query(pageQuery(c), { first: 250 });
      assert.equal(limited.upstreamRequests(), 2);
      const edges = res.data.deadlineSessions.edges;
      assert.ok(edges.length < 250 && edges.length > 0);
      assert.equal(res.data.deadlineSessions.pageInfo.hasNextPage, true);
      const rest = await limited.query(pageQuery(c), { first: 250, after: res.data.deadlineSessions.pageInfo.endCursor });
      assert.deepEqual(rest.data.deadlineSessions.edges[0].node.sessionId, c.expected[edges.length]);
    } finally {
      await limited.close();
    }
  });
});

describe('when first is left out', () => {
  it('then 25 sessions come back', async () => {
    const c = cases.find((x) => x.field === 'deadlineSessions')!;
    const res = await h.query(`{ ${c.field}(${c.args}) { edges { node { sessionId } } } }`);
    assert.equal(res.data[c.field].edges.length, 25);
  });
});
