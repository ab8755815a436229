/** The unified `sessions` connection against the sandbox, checked against the sandbox's records (test/helpers/unified.ts). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startHarness, type GraphQLResponse, type Harness } from '../helpers/harness.js';
import { expected, mixedSources, perSource, seenOf, sourcesLiteral, unifiedSelection, type Seen, type SourceCase } from '../helpers/unified.js';

let h: Harness;
let big: SourceCase[];
let small: SourceCase[];
let bigLists: Seen[][];
let smallLists: Seen[][];
before(async () => {
  h = await startHarness();
  big = mixedSources(h.sandbox.data);
  small = mixedSources(h.sandbox.data, true);
  [bigLists, smallLists] = [big.map((s) => s.sessions), small.map((s) => s.sessions)];
});
after(() => h.close());
beforeEach(() => {
  h.sandbox.faults.clear();
  h.resetRequests();
});

const ORDERS = ['SOURCE', 'STARTED_AT_DESC', 'STARTED_AT_ASC'] as const;
const query = (sources: SourceCase[], order: string, filter = '') =>
  `query($first: Int, $after: String) { sessions(sources: ${sourcesLiteral(sources)}, orderBy: ${order}${filter ? `, filter: ${filter}` : ''}, first: $first, after: $after) { ${unifiedSelection} } }`;

async function pageAll(q: string, first: number) {
  const ids: string[] = [];
  const cursors: string[] = [];
  let afterCursor: string | null = null;
  for (let pages = 0; pages < 2000; pages++) {
    const res: GraphQLResponse = await h.query(q, { first, after: afterCursor });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const conn = res.data.sessions;
    for (const e of conn.edges) {
      ids.push(e.node.id);
      cursors.push(e.cursor);
    }
    if (!conn.pageInfo.hasNextPage) return { ids, cursors };
    assert.equal(conn.edges.length, first, 'a page that is not the last is full');
    afterCursor = conn.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('when mixed sources of all five kinds are paged to the end', () => {
  it('then the sources have enough sessions to matter', () => {
    assert.equal(new Set(big.map((s) => s.kind)).size, 5);
    assert.ok(bigLists.flat().length > 900);
  });

  it('then each per-service connection lists exactly the sandbox\'s sessions, in its order, with their IDs, start times and status', async () => {
    assert.deepEqual(await perSource(h, big), bigLists);
  });

  for (const order of ORDERS) {
    for (const first of [7, 100, 250]) {
      it(`then ${order} with first: ${first} equals the merge of the sandbox's sessions`, async () => {
        const { ids } = await pageAll(query(big, order), first);
        assert.deepEqual(ids, expected(bigLists, order));
        if (order !== 'SOURCE') assert.equal(new Set(ids).size, ids.length, 'no session twice');
      });
    }
  }

  it('then a Deadline session reached through its job and its worker is listed once in start-time order, twice in SOURCE order', () => {
    const all = bigLists.flat().map((s) => s.id);
    assert.ok(all.length > new Set(all).size, 'the job and worker sources overlap');
  });
});

describe('when paging resumes from any edge cursor', () => {
  for (const order of ORDERS) {
    it(`then ${order} continues right after that edge`, async () => {
      const want = expected(smallLists, order);
      const { cursors, ids } = await pageAll(query(small, order), 250);
      assert.deepEqual(ids, want);
      for (let i = 0; i < cursors.length; i++) {
        const res = await h.query(query(small, order), { first: 3, after: cursors[i] });
        assert.equal(res.errors, undefined);
        assert.deepEqual(res.data.sessions.edges.map((e: any) => e.node.id), want.slice(i + 1, i + 4), `${order} after edge ${i}`);
      }
    });
  }
});

describe('when a filter is given', () => {
  const filters = [
    ['{ activeOnly: true }', { activeOnly: true }],
    ['{ startedAfter: "2026-10-02T00:00:00Z" }', { after: '2026-10-02T00:00:00Z' }],
    ['{ activeOnly: true, startedAfter: "2026-10-01T12:00:00Z", startedBefore: "2026-10-02T20:00:00.000Z" }', { activeOnly: true, after: '2026-10-01T12:00:00Z', before: '2026-10-02T20:00:00.000Z' }],
  ] as const;
  for (const order of ORDERS) {
    for (const [literal, filter] of filters) {
      it(`then ${order} with ${literal} keeps exactly the matching sessions, pages full`, async () => {
        const { ids } = await pageAll(query(big, order, literal), 40);
        assert.deepEqual(ids, expected(bigLists, order, filter));
      });
    }
  }

  it('then activeOnly is pushed down to WorkSpaces Web as status=Active, and start-time order as its sortBy', async () => {
    await h.query(query(big, 'STARTED_AT_DESC', '{ activeOnly: true }'), { first: 10 });
    const wsw = h.sandbox.requests.filter((r) => r.service === 'workspaces-web').map((r) => r.target);
    assert.ok(wsw.length > 0 && wsw.every((t) => t.includes('status=Active') && t.includes('sortBy=StartTimeDescending')), wsw.join('\n'));
  });

  it('then a sorted upstream stops being read once past a time bound', async () => {
    const one = [big.find((s) => s.kind === 'workSpacesWebPortals')!];
    await h.query(query(one, 'STARTED_AT_DESC', '{ startedAfter: "2026-10-03T05:00:00Z" }'), { first: 5 });
    assert.equal(h.upstreamRequests(), 1, 'one page of the newest sessions answers it');
  });

  it('then a source the filter rules out is not called', async () => {
    const run = big.find((s) => s.kind === 'novaActWorkflowRuns')!;
    const job = big.find((s) => s.kind === 'deadlineJobs')!;
    await h.query(query([run, job], 'SOURCE', '{ startedAfter: "2026-10-01T00:00:00Z" }'), { first: 5 });
    assert.deepEqual(h.sandbox.requests.map((r) => r.service), ['deadline']);
  });
});

describe('when SOURCE order needs only the first source', () => {
  it('then only that source is called', async () => {
    const res = await h.query(query(big, 'SOURCE'), { first: 5 });
    assert.equal(res.data.sessions.edges.length, 5);
    assert.deepEqual(h.sandbox.requests.map((r) => r.service), ['nova-act']);
  });
});

describe('when a source fails', () => {
  for (const order of ORDERS) {
    it(`then ${order} lists it in sourceErrors, raises a GraphQL error, and returns the other sources' sessions`, async () => {
      h.sandbox.faults.set([{ kind: 'server-error', service: 'deadline', operation: 'ListSessions' }]);
      const res = await h.query(query(small, order), { first: 1000 });
      const conn = res.data.sessions;
      const healthy = small.map((s, i) => (s.kind === 'deadlineJobs' ? [] : smallLists[i]!));
      assert.deepEqual(conn.edges.map((e: any) => e.node.id), expected(healthy, order));
      assert.deepEqual(conn.sourceErrors, [{ source: 'deadlineJobs[0]', code: 'UPSTREAM_UNAVAILABLE' }]);
      assert.equal(conn.pageInfo.hasNextPage, false);
      assert.equal(res.errors?.length, 1);
      assert.deepEqual(res.errors![0]!.path, ['sessions']);
      assert.equal(res.errors![0]!.extensions?.code, 'UPSTREAM_UNAVAILABLE');
      assert.equal(res.errors![0]!.extensions?.source, 'deadlineJobs[0]');
    });
  }
});

describe('when sessions and a per-service connection read the same source', () => {
  it('then each upstream page is paid for once', async () => {
    const job = big.find((s) => s.kind === 'deadlineJobs')!;
    const res = await h.query(`{
      sessions(sources: ${sourcesLiteral([job])}, first: 10) { edges { node { id } } }
      ${job.field}(${job.args}, first: 10) { edges { node { id } } } }`);
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data.sessions.edges, res.data[job.field].edges);
    assert.equal(h.upstreamRequests(), 1);
  });
});

describe('when the input is bad', () => {
  const job = () => big.find((s) => s.kind === 'deadlineJobs')!;
  const cases: [string, () => string, string][] = [
    ['an empty source list', () => '{ sessions(sources: {}) { edges { cursor } } }', 'sources'],
    ['empty lists only', () => '{ sessions(sources: { deadlineJobs: [] }) { edges { cursor } } }', 'sources'],
    ['a malformed source', () => `{ sessions(sources: { deadlineJobs: [${job().literal}, { farmId: "farm-1", queueId: "q", jobId: "j" }] }) { edges { cursor } } }`, 'sources.deadlineJobs[1].farmId'],
    ['a malformed portal', () => `{ sessions(sources: { workSpacesWebPortals: [{ portalId: "short" }] }) { edges { cursor } } }`, 'sources.workSpacesWebPortals[0].portalId'],
    ['too many sources', () => `{ sessions(sources: { deadlineJobs: [${Array(21).fill(job().literal).join(', ')}] }) { edges { cursor } } }`, 'sources'],
    ['startedAfter later than startedBefore', () => `{ sessions(sources: ${sourcesLiteral([job()])}, filter: { startedAfter: "2026-10-03T00:00:00Z", startedBefore: "2026-10-02T00:00:00Z" }) { edges { cursor } } }`, 'filter.startedAfter'],
    ['first above the maximum', () => `{ sessions(sources: ${sourcesLiteral([job()])}, first: 5000) { edges { cursor } } }`, 'first'],
  ];
  for (const [what, q, argument] of cases) {
    it(`then ${what} is BAD_USER_INPUT naming ${argument}, with no upstream call`, async () => {
      const res = await h.query(q());
      assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(res.errors));
      assert.equal(res.errors![0]!.extensions?.argument, argument);
      assert.equal(h.upstreamRequests(), 0);
    });
  }

  it('then a cursor from another source list, filter or order is refused, with no upstream call', async () => {
    const [a, b] = [small[0]!, small[1]!];
    const res = await h.query(query([a, b], 'SOURCE'), { first: 2 });
    const cursor = res.data.sessions.pageInfo.endCursor;
    for (const q of [query([a], 'SOURCE'), query([a, b], 'STARTED_AT_DESC'), query([a, b], 'SOURCE', '{ activeOnly: true }')]) {
      h.resetRequests();
      const r = await h.query(q, { first: 2, after: cursor });
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(r.errors![0]!.extensions?.argument, 'after');
      assert.equal(h.upstreamRequests(), 0);
    }
  });
});
