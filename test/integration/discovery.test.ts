/**
 * Estate-wide `sessions`: scopes above the session listings, discovered through the resource graph. Every scope
 * gives exactly the sandbox's sessions below it, once each; paging resumes discovery from cursors (also past pages
 * that a call allowance cut short); the pruning rules lose no matching session at the sandbox's edge cases, with
 * fewer calls than reading everything; the limits hold where the work happens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxData } from '../../src/sandbox/data.js';
import { startHarness, type GraphQLResponse, type Harness } from '../helpers/harness.js';

const BIG = { limits: { callsPerDiscovery: 5000 }, gateway: { protection: { costBudget: 20_000 } } as never };
let big: Harness;
let unpruned: Harness;
let small: Harness;
let data: SandboxData;
before(async () => {
  [big, unpruned, small] = await Promise.all([
    startHarness(BIG),
    startHarness({ ...BIG, limits: { ...BIG.limits, pruneDiscovery: false } }),
    startHarness(),
  ]);
  data = big.sandbox.data;
});
after(() => Promise.all([big.close(), unpruned.close(), small.close()]));

const SELECT = 'edges { node { service sessionId startedAt } } pageInfo { hasNextPage endCursor } sourceErrors { source kind index code message }';
const QUERY = `query($sources: SessionSourcesInput!, $filter: SessionFilter, $order: SessionOrder, $first: Int, $after: String) {
  sessions(sources: $sources, filter: $filter, orderBy: $order, first: $first, after: $after) { ${SELECT} } }`;

interface Paged { keys: string[]; pages: GraphQLResponse[]; calls: number }

/** Pages `sessions` to its end; checks every page's calls against its estimate. */
async function pageAll(h: Harness, variables: Record<string, unknown>, maxPages = 200): Promise<Paged> {
  const keys: string[] = [];
  const pages: GraphQLResponse[] = [];
  let cursor: string | null = null;
  let calls = 0;
  for (;;) {
    assert.ok(pages.length < maxPages, 'paging ends');
    h.resetRequests();
    const res: GraphQLResponse = await h.query(QUERY, { ...variables, after: cursor });
    pages.push(res);
    const up = res.extensions?.upstream as { calls: number; estimatedCalls: number };
    assert.ok(up.calls <= up.estimatedCalls, `calls ${up.calls} within the estimate ${up.estimatedCalls}`);
    assert.equal(h.upstreamRequests(), up.calls, 'every call counted');
    calls += up.calls;
    const c = res.data?.sessions;
    assert.ok(c, JSON.stringify(res.errors));
    for (const e of c.edges) keys.push(`${e.node.service}/${e.node.sessionId}`);
    if (!c.pageInfo.hasNextPage) return { keys, pages, calls };
    assert.ok(c.pageInfo.endCursor, 'a page with more to come can be continued');
    cursor = c.pageInfo.endCursor;
  }
}

type Filter = { activeOnly?: boolean; startedAfter?: string; startedBefore?: string };
const FINISHED_RUN = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'DELETING']);

/** Every session of the sandbox the filter keeps, by service, as the README's rules define them. */
function expected(filter: Filter, services = ['DEADLINE', 'WORKSPACES_WEB', 'NOVA_ACT', 'CODECATALYST']): string[] {
  const after = filter.startedAfter ? Date.parse(filter.startedAfter) : undefined;
  const before = filter.startedBefore ? Date.parse(filter.startedBefore) : undefined;
  const inTime = (t: number | undefined) => (after === undefined || (t !== undefined && t > after)) && (before === undefined || (t !== undefined && t < before));
  const out: string[] = [];
  if (services.includes('DEADLINE')) {
    for (const s of data.deadline.sessions) if ((!filter.activeOnly || s.lifecycleStatus !== 'ENDED') && inTime(Date.parse(s.startedAt))) out.push(`DEADLINE/${s.sessionId}`);
  }
  if (services.includes('WORKSPACES_WEB')) {
    for (const s of data.workSpacesWeb.sessions) if ((!filter.activeOnly || s.status === 'Active') && inTime(Math.round(s.startTime * 1000))) out.push(`WORKSPACES_WEB/${s.sessionId}`);
  }
  if (services.includes('NOVA_ACT')) {
    const status = new Map(data.estate.workflowRuns.map((r) => [r.workflowRunId, r.status]));
    for (const s of data.novaAct.sessions) if ((!filter.activeOnly || !FINISHED_RUN.has(status.get(s.workflowRunId)!)) && inTime(undefined)) out.push(`NOVA_ACT/${s.sessionId}`);
  }
  if (services.includes('CODECATALYST')) {
    for (const s of data.codeCatalyst.sessions) if (inTime(Date.parse(s.startedTime))) out.push(`CODECATALYST/${s.id}`);
  }
  return out;
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const ALL = ['DEADLINE', 'WORKSPACES_WEB', 'NOVA_ACT', 'CODECATALYST'];
const edgeJob = (name: string) => data.estate.jobs.find((j) => j.name === name)!;
const sessionsOf = (jobId: string) => data.deadline.sessions.filter((s) => s.jobId === jobId);
const iso = (ms: number) => new Date(ms).toISOString();

describe('when sessions come from whole services', () => {
  it('then each service gives every session it holds, once, at several page sizes', async () => {
    for (const first of [7, 100]) {
      const { keys } = await pageAll(big, { sources: { services: ALL }, first });
      assert.deepEqual(sorted(keys), sorted(expected({})), `first ${first}`);
    }
  });

  it('then discovery is lazy: the first session of Deadline costs one listing per level', async () => {
    small.resetRequests();
    const res = await small.query(QUERY, { sources: { services: ['DEADLINE'] }, first: 1 });
    assert.equal(res.data.sessions.edges.length, 1);
    assert.deepEqual(small.sandbox.requests.map((r) => r.operation), ['ListFarms', 'ListQueues', 'ListJobs', 'ListSessions']);
  });

  it('then under the default allowance every page stops at its calls, says so, and the cursors still reach every session once', async () => {
    const filter = { activeOnly: true };
    const { keys, pages } = await pageAll(small, { sources: { services: ALL }, filter, first: 50 });
    assert.deepEqual(sorted(keys), sorted(expected(filter)));
    assert.equal(new Set(keys).size, keys.length, 'no session twice');
    assert.ok(pages.some((p) => p.errors?.some((e) => e.extensions?.code === 'UPSTREAM_BUDGET_EXHAUSTED')), 'the allowance stopped a page');
    for (const p of pages) assert.ok((p.extensions!.upstream as { calls: number }).calls <= 40 + 0, 'never past GATEWAY_COST_CALLS_PER_DISCOVERY');
  });

  it('then a page that found nothing before its allowance ran out still moves on through endCursor', async () => {
    const filter = { activeOnly: true, startedAfter: '2026-11-01T00:00:00.000Z' };
    assert.equal(expected(filter, ['DEADLINE']).length, 1, 'one match, at the end of a long walk');
    const { keys, pages } = await pageAll(await pruningOff(), { sources: { services: ['DEADLINE'] }, filter, first: 50 });
    assert.deepEqual(sorted(keys), sorted(expected(filter, ['DEADLINE'])));
    assert.ok(pages.some((p) => p.data.sessions.edges.length === 0 && p.data.sessions.pageInfo.hasNextPage), 'some page held no session yet continued');
  });
});

let smallUnpruned: Harness | undefined;
async function pruningOff(): Promise<Harness> {
  smallUnpruned ??= await startHarness({ limits: { pruneDiscovery: false } });
  return smallUnpruned;
}
after(() => smallUnpruned?.close());

describe('when sessions come from scopes inside a service', () => {
  it('then every scope kind gives exactly the sessions below it', async () => {
    const e = data.estate;
    const farm = e.farms[1]!.farmId;
    const queue = e.queues.find((q) => q.farmId === farm)!;
    const fleet = e.fleets[0]!;
    const definition = e.workflowDefinitions[2]!.workflowDefinitionName;
    const lastCc = data.codeCatalyst.sessions.at(-1)!;
    const project = e.projects.find((p) => p.spaceName === lastCc.spaceName && p.name === lastCc.projectName)!;
    const runIds = new Set(e.workflowRuns.filter((r) => r.workflowDefinitionName === definition).map((r) => r.workflowRunId));
    const cases: [Record<string, unknown>, string[]][] = [
      [{ deadlineFarms: [{ farmId: farm }] }, data.deadline.sessions.filter((s) => s.farmId === farm).map((s) => `DEADLINE/${s.sessionId}`)],
      [{ deadlineQueues: [{ farmId: farm, queueId: queue.queueId }] }, data.deadline.sessions.filter((s) => s.queueId === queue.queueId).map((s) => `DEADLINE/${s.sessionId}`)],
      [{ deadlineFleets: [{ farmId: fleet.farmId, fleetId: fleet.fleetId }] }, data.deadline.sessions.filter((s) => s.fleetId === fleet.fleetId).map((s) => `DEADLINE/${s.sessionId}`)],
      [{ novaActWorkflowDefinitions: [{ workflowDefinitionName: definition }] }, data.novaAct.sessions.filter((s) => runIds.has(s.workflowRunId)).map((s) => `NOVA_ACT/${s.sessionId}`)],
      [{ codeCatalystProjects: [{ spaceName: project.spaceName, projectName: project.name }] },
        data.codeCatalyst.sessions.filter((s) => s.spaceName === project.spaceName && s.projectName === project.name).map((s) => `CODECATALYST/${s.id}`)],
    ];
    for (const [sources, want] of cases) {
      assert.ok(want.length > 0, `${Object.keys(sources)[0]} holds sessions`);
      const { keys } = await pageAll(big, { sources, first: 30 });
      assert.deepEqual(sorted(keys), sorted(want), Object.keys(sources)[0]);
    }
  });

  it('then sources inside other sources of the request are read once, where the outer one reads them', async () => {
    const d = data.deadline;
    const job = d.sessions[0]!;
    const sources = {
      deadlineJobs: [{ farmId: job.farmId, queueId: job.queueId, jobId: job.jobId }],
      deadlineWorkers: [{ farmId: job.farmId, fleetId: job.fleetId, workerId: job.workerId }],
      deadlineQueues: [{ farmId: job.farmId, queueId: job.queueId }],
      deadlineFleets: [{ farmId: job.farmId, fleetId: job.fleetId }],
      deadlineFarms: [{ farmId: job.farmId }, { farmId: job.farmId }],
    };
    const { keys } = await pageAll(big, { sources, first: 200 });
    assert.equal(new Set(keys).size, keys.length, 'no session twice');
    assert.deepEqual(sorted(keys), sorted(d.sessions.filter((s) => s.farmId === job.farmId).map((s) => `DEADLINE/${s.sessionId}`)));
    const everything = await pageAll(big, { sources: { ...sources, services: ['DEADLINE'] }, first: 300 });
    assert.deepEqual(sorted(everything.keys), sorted(expected({}, ['DEADLINE'])));
  });

  it('then a sessions field beside the graph reads the pages they share once', async () => {
    big.resetRequests();
    const res = await big.query(`{ deadlineFarms(first: 99) { edges { node { farmId } } } sessions(sources: { services: [DEADLINE] }, first: 1) { edges { node { sessionId } } } }`);
    assert.equal(res.errors, undefined);
    assert.equal(big.sandbox.requests.filter((r) => r.operation === 'ListFarms').length, 1);
  });
});

describe('when a filter prunes discovery', () => {
  const filters = (): [string, Filter][] => {
    const quick = edgeJob('edge-quick-last-session');
    const early = data.estate.jobs.find((j) => j.startedAt && j.name.startsWith('shot-'))!;
    const quickEnd = Date.parse(quick.endedAt!);
    return [
      ['activeOnly', { activeOnly: true }],
      ['startedAfter a second before a job ended', { startedAfter: iso(quickEnd - 1000) }],
      ['startedAfter the instant a job ended', { startedAfter: iso(quickEnd) }],
      ['startedBefore the instant a job started', { startedBefore: early.startedAt! }],
      ['startedBefore a millisecond after a job started', { startedBefore: iso(Date.parse(early.startedAt!) + 1) }],
      ['activeOnly and startedAfter', { activeOnly: true, startedAfter: '2026-10-01T00:00:00.000Z' }],
      ['a window', { startedAfter: '2026-09-20T00:00:00.000Z', startedBefore: '2026-10-10T00:00:00.000Z' }],
    ];
  };

  it('then the edge cases the rules must keep are in the sandbox', () => {
    const ending = sessionsOf(edgeJob('edge-last-session-ending').jobId);
    assert.equal(edgeJob('edge-last-session-ending').taskRunStatus, 'SUCCEEDED');
    assert.equal(edgeJob('edge-last-session-ending').endedAt, undefined);
    assert.ok(ending.some((s) => s.lifecycleStatus === 'STARTED' && s.targetLifecycleStatus === 'ENDED'));
    const quick = edgeJob('edge-quick-last-session');
    assert.ok(expected({ startedAfter: iso(Date.parse(quick.endedAt!) - 1000) }).some((k) => sessionsOf(quick.jobId).some((s) => k === `DEADLINE/${s.sessionId}`)));
    assert.ok(expected({ activeOnly: true }).some((k) => ending.some((s) => k === `DEADLINE/${s.sessionId}`)));
  });

  it('then no matching session is lost, in either order, and pruning saves calls', async () => {
    for (const [name, filter] of filters()) {
      const want = sorted(expected(filter));
      const pruned = await pageAll(big, { sources: { services: ALL }, filter, first: 60 });
      const all = await pageAll(unpruned, { sources: { services: ALL }, filter, first: 60 });
      assert.deepEqual(sorted(pruned.keys), want, `${name}, pruned`);
      assert.deepEqual(sorted(all.keys), want, `${name}, unpruned`);
      assert.ok(pruned.calls < all.calls, `${name}: ${pruned.calls} calls pruned, ${all.calls} not`);
      const newest = await pageAll(big, { sources: { services: ALL }, filter, order: 'STARTED_AT_DESC', first: 500 });
      assert.deepEqual(sorted(newest.keys), want, `${name}, newest first`);
    }
  });
});

describe('when the README measures pruning', () => {
  it('then its figures are what the sandbox estate gives', async () => {
    const variables = { sources: { services: ['DEADLINE'] }, filter: { activeOnly: true }, first: 50 };
    const figures = (p: Paged) => p.pages.map((r) => [r.data.sessions.edges.length, (r.extensions!.upstream as { calls: number }).calls]);
    assert.deepEqual(figures(await pageAll(big, variables)), [[45, 50]]);
    assert.deepEqual(figures(await pageAll(unpruned, variables)), [[45, 179]]);
    assert.deepEqual(figures(await pageAll(small, variables)), [[40, 40], [5, 13]]);
    const off = await pageAll(await pruningOff(), variables);
    assert.deepEqual([off.pages.length, off.calls, off.keys.length], [5, 191, 45]);
  });
});

describe('when the estate is larger than the limits', () => {
  it('then start-time order reports the scope that holds too many sources and answers the rest', async () => {
    const h = await startHarness({ ...BIG, limits: { ...BIG.limits, maxDiscoveredSources: 20 } });
    try {
      const res = await h.query(QUERY, { sources: { services: ['DEADLINE', 'WORKSPACES_WEB'] }, order: 'STARTED_AT_DESC', first: 500 });
      const c = res.data.sessions;
      assert.deepEqual(c.sourceErrors.map((e: { source: string; code: string }) => [e.source, e.code]), [['services[0]', 'SOURCE_TOO_LARGE']]);
      assert.match(c.sourceErrors[0].message, /more than 20 session sources \(GATEWAY_MAX_DISCOVERED_SOURCES\)/);
      assert.deepEqual(sorted(c.edges.map((e: { node: { service: string; sessionId: string } }) => `${e.node.service}/${e.node.sessionId}`)), sorted(expected({}, ['WORKSPACES_WEB'])));
      // SOURCE order reads the first sources of the scope, then reports it and goes on with the next.
      h.resetRequests();
      const stream = (await h.query(QUERY, { sources: { services: ['DEADLINE', 'WORKSPACES_WEB'] }, first: 1000 })).data.sessions;
      assert.deepEqual(stream.sourceErrors.map((e: { source: string; code: string }) => [e.source, e.code]), [['services[0]', 'SOURCE_TOO_LARGE']]);
      const jobsRead = new Set(h.sandbox.requests.filter((r) => r.operation === 'ListSessions' && r.service === 'deadline').map((r) => r.target.split('?')[0]));
      assert.equal(jobsRead.size, 20, 'the scope was read up to the limit');
      const services = stream.edges.map((e: { node: { service: string } }) => e.node.service);
      assert.equal(services.filter((x: string) => x === 'WORKSPACES_WEB').length, expected({}, ['WORKSPACES_WEB']).length);
    } finally {
      await h.close();
    }
  });

  it('then a start-time order that cannot discover within its allowance stops and says so', async () => {
    small.resetRequests();
    const res = await small.query(QUERY, { sources: { services: ALL }, order: 'STARTED_AT_DESC', first: 5 });
    const codes = [...(res.errors ?? []).map((e) => e.extensions?.code), ...res.data.sessions.sourceErrors.map((e: { code: string }) => e.code)];
    assert.ok(codes.includes('UPSTREAM_BUDGET_EXHAUSTED'), JSON.stringify(codes));
    assert.ok(small.upstreamRequests() <= 40);
  });

  it('then a failing parent listing is named and everything else is answered', async () => {
    big.sandbox.faults.set([{ kind: 'server-error', service: 'deadline', operation: 'ListQueues', status: 500 }]);
    try {
      const res = await big.query(QUERY, { sources: { services: ['DEADLINE', 'WORKSPACES_WEB'] }, first: 500 });
      const c = res.data.sessions;
      assert.deepEqual(c.sourceErrors.map((e: { source: string }) => e.source).sort(), data.estate.farms.map((f) => `services[0]: ListQueues of ${f.farmId}`).sort());
      assert.ok(c.sourceErrors.every((e: { kind: string; index: number }) => e.kind === 'services' && e.index === 0));
      assert.deepEqual(sorted(c.edges.map((e: { node: { service: string; sessionId: string } }) => `${e.node.service}/${e.node.sessionId}`)), sorted(expected({}, ['WORKSPACES_WEB'])));
    } finally {
      big.sandbox.faults.clear();
    }
  });
});

describe('when a scope is malformed', () => {
  it('then the request is refused naming the argument, before any call', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ deadlineFarms: [{ farmId: 'farm-nope' }] }, 'sources.deadlineFarms[0].farmId'],
      [{ deadlineQueues: [{ farmId: data.estate.farms[0]!.farmId, queueId: '../x' }] }, 'sources.deadlineQueues[0].queueId'],
      [{ deadlineFleets: [{ farmId: data.estate.farms[0]!.farmId, fleetId: 'fleet-1' }] }, 'sources.deadlineFleets[0].fleetId'],
      [{ novaActWorkflowDefinitions: [{ workflowDefinitionName: 'no spaces allowed' }] }, 'sources.novaActWorkflowDefinitions[0].workflowDefinitionName'],
      [{ codeCatalystProjects: [{ spaceName: 'ok-space', projectName: '' }] }, 'sources.codeCatalystProjects[0].projectName'],
      [{ services: [] }, 'sources'],
      [{ services: Array.from({ length: 21 }, () => 'DEADLINE') }, 'sources'],
    ];
    for (const [sources, argument] of cases) {
      small.resetRequests();
      const res = await small.query(QUERY, { sources, first: 5 });
      assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(res.errors));
      assert.equal(res.errors?.[0]?.extensions?.argument, argument);
      assert.equal(small.upstreamRequests(), 0);
    }
  });
});
