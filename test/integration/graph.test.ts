/**
 * The resource graph against the sandbox estate: every level paged to its end at several page sizes and compared
 * with the sandbox's records, resumed from edge cursors, refetched by node ID; back-references batched; the cost
 * estimate never below the calls made; bad nested arguments refused before any call.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxData } from '../../src/sandbox/data.js';
import { globalId } from '../helpers/global-id.js';
import { startHarness, type GraphQLResponse, type Harness } from '../helpers/harness.js';

let h: Harness;
let data: SandboxData;
before(async () => {
  h = await startHarness({ gateway: { protection: { costBudget: 5000 } } as never });
  data = h.sandbox.data;
});
after(() => h.close());

/** One level of the graph: the connection on its parent, the ID its items are compared by, and what the sandbox holds. */
interface Level {
  parentType: string;
  field: string;
  idField: string;
  /** The expected IDs under a parent, by its key parts. */
  expected: (parent: string[]) => string[];
}

const e = () => data.estate;
const LEVELS: Record<string, Level> = {
  farms: { parentType: 'Query', field: 'deadlineFarms', idField: 'farmId', expected: () => e().farms.map((f) => f.farmId) },
  queues: { parentType: 'DeadlineFarm', field: 'queues', idField: 'queueId', expected: ([farm]) => e().queues.filter((q) => q.farmId === farm).map((q) => q.queueId) },
  jobs: { parentType: 'DeadlineQueue', field: 'jobs', idField: 'jobId', expected: ([, queue]) => e().jobs.filter((j) => j.queueId === queue).map((j) => j.jobId) },
  jobSessions: { parentType: 'DeadlineJob', field: 'sessions', idField: 'sessionId', expected: ([, , job]) => data.deadline.sessions.filter((s) => s.jobId === job).map((s) => s.sessionId) },
  fleets: { parentType: 'DeadlineFarm', field: 'fleets', idField: 'fleetId', expected: ([farm]) => e().fleets.filter((f) => f.farmId === farm).map((f) => f.fleetId) },
  workers: { parentType: 'DeadlineFleet', field: 'workers', idField: 'workerId', expected: ([, fleet]) => e().workers.filter((w) => w.fleetId === fleet).map((w) => w.workerId) },
  workerSessions: { parentType: 'DeadlineWorker', field: 'sessions', idField: 'sessionId', expected: ([, , worker]) => data.deadline.sessions.filter((s) => s.workerId === worker).map((s) => s.sessionId) },
  portals: { parentType: 'Query', field: 'workSpacesWebPortals', idField: 'portalArn', expected: () => e().portals.map((p) => p.portalArn) },
  portalSessions: { parentType: 'WorkSpacesWebPortal', field: 'sessions', idField: 'sessionId', expected: ([arn]) => data.workSpacesWeb.sessions.filter((s) => s.portalArn === arn).map((s) => s.sessionId) },
  definitions: { parentType: 'Query', field: 'novaActWorkflowDefinitions', idField: 'workflowDefinitionName', expected: () => e().workflowDefinitions.map((w) => w.workflowDefinitionName) },
  runs: { parentType: 'NovaActWorkflowDefinition', field: 'runs', idField: 'workflowRunId', expected: ([name]) => e().workflowRuns.filter((r) => r.workflowDefinitionName === name).map((r) => r.workflowRunId) },
  runSessions: { parentType: 'NovaActWorkflowRun', field: 'sessions', idField: 'sessionId', expected: ([, run]) => data.novaAct.sessions.filter((s) => s.workflowRunId === run).map((s) => s.sessionId) },
  spaces: { parentType: 'Query', field: 'codeCatalystSpaces', idField: 'spaceName', expected: () => e().spaces.map((s) => s.name) },
  projects: { parentType: 'CodeCatalystSpace', field: 'projects', idField: 'projectName', expected: ([space]) => e().projects.filter((p) => p.spaceName === space).map((p) => p.name) },
  devEnvironments: { parentType: 'CodeCatalystProject', field: 'devEnvironments', idField: 'devEnvironmentId', expected: ([space, project]) => e().devEnvironments.filter((d) => d.spaceName === space && d.projectName === project).map((d) => d.id) },
  envSessions: { parentType: 'CodeCatalystDevEnvironment', field: 'sessions', idField: 'sessionId', expected: ([, , env]) => data.codeCatalyst.sessions.filter((s) => s.devEnvironmentId === env).map((s) => s.id) },
};

/** The children of `level` under one parent (by global ID; none for the root), each page `first` long, to the end. */
async function pageAll(level: Level, parentId: string | null, first: number) {
  const select = `pageInfo { hasNextPage endCursor } edges { cursor node { id ${level.idField} } }`;
  const query = parentId
    ? `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on ${level.parentType} { c: ${level.field}(first: $first, after: $after) { ${select} } } } }`
    : `query($first: Int, $after: String) { c: ${level.field}(first: $first, after: $after) { ${select} } }`;
  const items: { id: string; key: string; cursor: string }[] = [];
  let afterCursor: string | null = null;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 500, 'paging ends');
    const res: GraphQLResponse = await h.query(query, { id: parentId, first, after: afterCursor });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const conn = parentId ? res.data.node.c : res.data.c;
    for (const edge of conn.edges) items.push({ id: edge.node.id, key: edge.node[level.idField], cursor: edge.cursor });
    if (!conn.pageInfo.hasNextPage) break;
    assert.equal(conn.edges.length, first, 'a page that is not the last is full');
    afterCursor = conn.pageInfo.endCursor;
  }
  return items;
}

/** Walks `path` top-down: each level paged to its end under (up to `fanOut` of) its parents, compared with the sandbox. */
async function walk(path: string[], first: number, fanOut: number, keyOf: (level: string, key: string, parentKey: string[]) => string[]) {
  let parents: { id: string | null; key: string[] }[] = [{ id: null, key: [] }];
  for (const name of path) {
    const level = LEVELS[name]!;
    const next: { id: string; key: string[] }[] = [];
    for (const parent of parents.slice(0, fanOut)) {
      const items = await pageAll(level, parent.id, first);
      assert.deepEqual(items.map((i) => i.key), level.expected(parent.key), `${name} under ${parent.key.join('/') || 'the root'} with first: ${first}`);
      next.push(...items.map((i) => ({ id: i.id, key: keyOf(name, i.key, parent.key) })));
    }
    parents = next;
  }
}

const append = (_level: string, key: string, parentKey: string[]) => [...parentKey, key];

describe('when the resource graph is walked top-down', () => {
  for (const first of [1, 4, 30]) {
    it(`then Deadline farms → queues → jobs → sessions page to their ends with first: ${first}`, async () => {
      await walk(['farms', 'queues', 'jobs', 'jobSessions'], first, first === 30 ? 3 : 2, append);
    });
  }
  it('then Deadline farms → fleets → workers → sessions page to their ends', async () => {
    for (const first of [3, 100]) await walk(['farms', 'fleets', 'workers', 'workerSessions'], first, 3, append);
  });
  it('then WorkSpaces Web portals → sessions page to their ends', async () => {
    for (const first of [1, 7, 100]) await walk(['portals', 'portalSessions'], first, 4, append);
  });
  it('then Nova Act definitions → runs → sessions page to their ends', async () => {
    for (const first of [1, 5, 100]) await walk(['definitions', 'runs', 'runSessions'], first, 5, append);
  });
  it('then CodeCatalyst spaces → projects → dev environments → sessions page to their ends', async () => {
    for (const first of [1, 3, 50]) await walk(['spaces', 'projects', 'devEnvironments', 'envSessions'], first, 5, append);
  });
  it('then a job with 240 sessions pages past the upstream page limit', async () => {
    const [farmId, queueId, jobId] = [data.deadline.farmId, data.deadline.queueId, data.deadline.jobIds[0]!];
    const items = await pageAll(LEVELS.jobSessions!, globalId('DeadlineJob', [farmId, queueId, jobId]), 150);
    assert.equal(items.length, 240);
  });
});

describe('when a level is resumed from an edge cursor', () => {
  it('then after: <any edge cursor> continues right after that edge, at every level', async () => {
    const cases: [Level, string | null][] = [
      [LEVELS.farms!, null],
      [LEVELS.queues!, globalId('DeadlineFarm', [e().farms[2]!.farmId])],
      [LEVELS.jobs!, globalId('DeadlineQueue', [data.deadline.farmId, data.deadline.queueId])],
      [LEVELS.jobSessions!, globalId('DeadlineJob', [data.deadline.farmId, data.deadline.queueId, data.deadline.jobIds[1]!])],
      [LEVELS.workers!, globalId('DeadlineFleet', [data.deadline.farmId, data.deadline.fleetId])],
      [LEVELS.portals!, null],
      [LEVELS.runs!, globalId('NovaActWorkflowDefinition', ['checkout-flow'])],
      [LEVELS.spaces!, null],
      [LEVELS.devEnvironments!, globalId('CodeCatalystProject', ['sandbox-space', 'render-tools'])],
    ];
    for (const [level, parentId] of cases) {
      const all = await pageAll(level, parentId, 100);
      assert.ok(all.length >= 2, `${level.field} has at least two items`);
      for (const k of [0, Math.floor(all.length / 2), all.length - 2]) {
        const rest = await h.query(parentId
          ? `query($id: ID!, $after: String) { node(id: $id) { ... on ${level.parentType} { c: ${level.field}(first: 3, after: $after) { edges { node { ${level.idField} } } } } } }`
          : `query($after: String) { c: ${level.field}(first: 3, after: $after) { edges { node { ${level.idField} } } } }`, { id: parentId, after: all[k]!.cursor });
        assert.equal(rest.errors, undefined, JSON.stringify(rest.errors));
        const conn = parentId ? rest.data.node.c : rest.data.c;
        assert.deepEqual(conn.edges.map((x: any) => x.node[level.idField]), all.slice(k + 1, k + 4).map((i) => i.key), `${level.field} after edge ${k}`);
      }
    }
  });

  it('then a cursor of one parent\'s listing is refused under another parent, before any call for it', async () => {
    const [a, b] = e().farms;
    const first = await h.query(`query($id: ID!) { node(id: $id) { ... on DeadlineFarm { queues(first: 1) { edges { cursor } } } } }`, { id: globalId('DeadlineFarm', [a!.farmId]) });
    const cursor = first.data.node.queues.edges[0].cursor;
    h.resetRequests();
    const res = await h.query(`query($id: ID!, $c: String) { node(id: $id) { ... on DeadlineFarm { queues(first: 1, after: $c) { edges { cursor } } } } }`, { id: globalId('DeadlineFarm', [b!.farmId]), c: cursor });
    assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(res.errors?.[0]?.extensions?.argument, 'after');
    assert.deepEqual(h.sandbox.requests.map((r) => r.operation), ['GetFarm']);
  });
});

describe('when a resource is refetched by its global ID', () => {
  it('then node(id:) answers every type through its Get operation, with the list\'s fields', async () => {
    const d = data.deadline;
    const cases: [string, string[], string, string][] = [
      ['DeadlineFarm', [d.farmId], 'displayName', e().farms[0]!.displayName],
      ['DeadlineQueue', [d.farmId, d.queueId], 'displayName', e().queues[0]!.displayName],
      ['DeadlineJob', [d.farmId, d.queueId, d.jobIds[0]!], 'name', e().jobs[0]!.name],
      ['DeadlineFleet', [d.farmId, d.fleetId], 'displayName', e().fleets[0]!.displayName],
      ['DeadlineWorker', [d.farmId, d.fleetId, d.workerIds[0]!], 'workerId', d.workerIds[0]!],
      ['WorkSpacesWebPortal', [e().portals[1]!.portalArn], 'displayName', e().portals[1]!.displayName],
      ['NovaActWorkflowDefinition', ['search_v2'], 'workflowDefinitionArn', e().workflowDefinitions[2]!.workflowDefinitionArn],
      ['NovaActWorkflowRun', ['checkout-flow', data.novaAct.workflowRunIds[1]!], 'workflowRunArn', e().workflowRuns[1]!.workflowRunArn],
      ['CodeCatalystSpace', ['studio-two'], 'regionName', 'eu-west-1'],
      ['CodeCatalystProject', ['studio-two', 'docs.site'], 'name', 'docs.site'],
      ['CodeCatalystDevEnvironment', ['sandbox-space', 'render-tools', data.codeCatalyst.devEnvironmentIds[0]!], 'status', 'RUNNING'],
    ];
    for (const [type, key, field, value] of cases) {
      const id = globalId(type, key);
      h.resetRequests();
      const res = await h.query(`query($id: ID!) { node(id: $id) { id __typename ... on ${type} { ${field} } } }`, { id });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.data.node, { id, __typename: type, [field]: value }, type);
      assert.equal(h.sandbox.requests.length, 1, `${type}: one Get`);
      assert.match(h.sandbox.requests[0]!.operation!, /^Get/);
    }
  });

  it('then an ID the sandbox does not hold is UPSTREAM_NOT_FOUND, and a malformed one BAD_USER_INPUT with no call', async () => {
    const missing = await h.query(`{ node(id: "${globalId('DeadlineFarm', [`farm-${'0'.repeat(32)}`])}") { id } }`);
    assert.equal(missing.errors?.[0]?.extensions?.code, 'UPSTREAM_NOT_FOUND');
    h.resetRequests();
    for (const [type, key] of [['DeadlineFarm', ['farm-XYZ']], ['WorkSpacesWebPortal', ['arn:aws:workspaces-web:us-west-2:123456789012:portal/../0f0e0d0c-0b0a-4909-8807-060504030201']], ['CodeCatalystSpace', ['a']], ['NovaActWorkflowRun', ['flow', 'NOT-A-UUID']]] as const) {
      const res = await h.query(`{ node(id: "${globalId(type, [...key])}") { id } }`);
      assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', `${type}: ${JSON.stringify(res.errors)}`);
      assert.equal(res.errors?.[0]?.extensions?.argument, 'id');
    }
    assert.equal(h.sandbox.requests.length, 0);
  });
});

describe('when many children ask for the same parent', () => {
  const d = () => data.deadline;
  const count = (operation: string) => h.sandbox.requests.filter((r) => r.operation === operation).length;

  it('then 100 sessions of one job cost one GetJob, shared with a node lookup of that job', async () => {
    h.resetRequests();
    const res = await h.query(`query($id: ID!) { node(id: $id) { ... on DeadlineJob { name } } deadlineSessions(farmId: "${d().farmId}", queueId: "${d().queueId}", jobId: "${d().jobIds[0]}", first: 100) { edges { node { job { name queue { displayName farm { displayName } } } } } } }`,
      { id: globalId('DeadlineJob', [d().farmId, d().queueId, d().jobIds[0]!]) });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data.deadlineSessions.edges.length, 100);
    assert.ok(res.data.deadlineSessions.edges.every((x: any) => x.node.job.name === e().jobs[0]!.name && x.node.job.queue.farm.displayName === 'Render farm A'));
    assert.deepEqual([count('GetJob'), count('GetQueue'), count('GetFarm')], [1, 1, 1]);
  });

  it('then a worker\'s sessions cost one GetJob per distinct job, and one GetWorker', async () => {
    h.resetRequests();
    const res = await h.query(`{ deadlineWorkerSessions(farmId: "${d().farmId}", fleetId: "${d().fleetId}", workerId: "${d().workerIds[0]}", first: 60) { edges { node { jobId job { jobId } worker { status } } } } }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const jobs = new Set(res.data.deadlineWorkerSessions.edges.map((x: any) => x.node.jobId));
    assert.ok(res.data.deadlineWorkerSessions.edges.every((x: any) => x.node.job.jobId === x.node.jobId));
    assert.deepEqual([count('GetJob'), count('GetWorker')], [jobs.size, 1]);
  });

  it('then each parent\'s own parent is one call, and so are portals, runs and dev environments', async () => {
    h.resetRequests();
    const wsw = data.workSpacesWeb;
    const res = await h.query(`{
      workSpacesWebSessions(portalId: "${wsw.portalIds[0]}", first: 50) { edges { node { portal { displayName } } } }
      novaActSessions(workflowDefinitionName: "checkout-flow", workflowRunId: "${data.novaAct.workflowRunIds[0]}", first: 50) { edges { node { workflowRun { status workflowDefinition { status } } } } }
      codeCatalystDevEnvironmentSessions(spaceName: "sandbox-space", projectName: "render-tools", devEnvironmentId: "${data.codeCatalyst.devEnvironmentIds[0]}", first: 50) { edges { node { devEnvironment { status project { space { regionName } } } } } }
    }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(['GetPortal', 'GetWorkflowRun', 'GetWorkflowDefinition', 'GetDevEnvironment', 'GetProject', 'GetSpace'].map(count), [1, 1, 1, 1, 1, 1]);
  });
});

describe('when nested queries are estimated and run', () => {
  const QUERIES = [
    `{ deadlineFarms(first: 3) { edges { node { queues(first: 3) { edges { node { jobs(first: 4) { edges { node { sessions(first: 2) { edges { node { sessionId worker { status } job { name } } } } } } } } } } } } } }`,
    `{ deadlineFarms(first: 3) { edges { node { fleets(first: 2) { edges { node { workers(first: 5) { edges { node { fleet { farm { displayName } } sessions(first: 3) { edges { node { job { queue { status } } } } } } } } } } } } } } }`,
    `{ a: workSpacesWebPortals(first: 2) { edges { node { sessions(first: 3) { edges { node { portal { portalId } } } } } } } b: workSpacesWebPortals(first: 4) { edges { node { sessions(first: 1, status: ACTIVE) { edges { node { sessionId } } } } } } }`,
    `{ novaActWorkflowDefinitions(first: 5) { edges { node { runs(first: 3) { edges { node { workflowDefinition { status } sessions(first: 2) { edges { node { workflowRun { status } } } } } } } } } } }`,
    `{ codeCatalystSpaces(first: 2) { edges { node { projects(first: 3) { edges { node { space { name } devEnvironments(first: 2) { edges { node { project { name } sessions(first: 5) { edges { node { devEnvironment { status } } } } } } } } } } } } } }`,
    `{ sessions(sources: { deadlineJobs: [{ farmId: "FARM", queueId: "QUEUE", jobId: "JOB" }] }, first: 30) { edges { node { ... on DeadlineSession { job { queue { farm { farmId } } } worker { fleet { fleetId } } } } } } }`,
  ];
  it('then the calls made never exceed the estimate, and identical calls are made once', async () => {
    for (const raw of QUERIES) {
      const query = raw.replace('FARM', data.deadline.farmId).replace('QUEUE', data.deadline.queueId).replace('JOB', data.deadline.jobIds[1]!);
      h.resetRequests();
      const res = await h.query(query);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const { estimatedCalls, calls } = res.extensions!.upstream;
      assert.ok(calls > 0 && calls <= estimatedCalls, `${calls} calls, estimated ${estimatedCalls}: ${raw.slice(0, 60)}`);
      assert.equal(h.sandbox.requests.length, calls);
      const keys = h.sandbox.requests.map((r) => `${r.method} ${r.target} ${r.body ?? ''}`);
      assert.equal(new Set(keys).size, keys.length, `no request made twice: ${keys.filter((k, i) => keys.indexOf(k) !== i).join(', ')}`);
    }
  });

  it('then the issue\'s deep walk is refused under the default budget, and runs with first: 2 at each level', async () => {
    const tight = await startHarness();
    try {
      const deep = (n: [number, number, number, number]) => `{ deadlineFarms(first: ${n[0]}) { edges { node { queues(first: ${n[1]}) { edges { node { jobs(first: ${n[2]}) { edges { node { sessions(first: ${n[3]}) { edges { node { sessionId startedAt } } } } } } } } } } } } }`;
      const refused = await tight.query(deep([5, 5, 10, 10]));
      assert.equal(refused.errors?.[0]?.extensions?.code, 'QUERY_TOO_EXPENSIVE');
      assert.equal(tight.sandbox.requests.length, 0);
      const runs = await tight.query(deep([2, 2, 2, 2]));
      assert.equal(runs.errors, undefined, JSON.stringify(runs.errors));
      assert.equal(runs.data.deadlineFarms.edges.length, 2);
      assert.ok(runs.extensions!.upstream.calls <= runs.extensions!.upstream.estimatedCalls);
    } finally {
      await tight.close();
    }
  });
});

describe('when a nested argument is out of bounds', () => {
  const cases = [
    [`{ deadlineFarms(first: 1) { edges { node { queues(first: -1) { edges { cursor } } } } } }`, 'DeadlineFarm.queues(first:)'],
    [`{ deadlineFarms(first: 1) { edges { node { fleets(first: 100000) { edges { cursor } } } } } }`, 'DeadlineFarm.fleets(first:)'],
    [`{ workSpacesWebPortals(first: 1) { edges { node { sessions(sessionId: "short") { edges { cursor } } } } } }`, 'WorkSpacesWebPortal.sessions(sessionId:)'],
    [`{ workSpacesWebPortals(first: 1) { edges { node { sessions(username: "${'u'.repeat(257)}") { edges { cursor } } } } } }`, 'WorkSpacesWebPortal.sessions(username:)'],
  ];
  for (const [query, argument] of cases) {
    it(`then ${argument} is BAD_USER_INPUT naming it, and nothing is called`, async () => {
      h.resetRequests();
      const res = await h.query(query!);
      assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(res));
      assert.equal(res.errors?.[0]?.extensions?.argument, argument);
      assert.equal(h.sandbox.requests.length, 0);
    });
  }
});
