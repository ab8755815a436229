/**
 * Many regions and many accounts: a gateway that reaches the sandbox's two regions of its two accounts (the second by
 * assuming a role through the sandbox's STS) answers one query over all four places with exactly their data, pages
 * and resumes it, refetches a node where it was read, and refuses places it may not read before any upstream call.
 * IDs and cursors minted before places existed (a fixture) still resolve.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { RENDER_ACCOUNT, type SandboxWorld } from '../../src/sandbox/server.js';
import { ACCOUNT } from '../../src/sandbox/estate.js';
import { startHarness, type GraphQLResponse, type Harness } from '../helpers/harness.js';

const MINTED = JSON.parse(readFileSync(new URL('../fixtures/minted-before-places.json', import.meta.url), 'utf8'));
const ALIAS_OF: Record<string, string> = { [ACCOUNT]: 'default', [RENDER_ACCOUNT]: 'render' };
const BIG = { limits: { callsPerDiscovery: 5000, maxDiscoveredSources: 5000 }, gateway: { protection: { costBudget: 20_000 } } as never };

let h: Harness;
before(async () => {
  h = await startHarness({ ...BIG, places: true, cursorSecret: 'test-cursor-secret-0123456789' });
});
after(() => h.close());

const SELECT = 'edges { node { id service region account accountId sessionId startedAt } } pageInfo { hasNextPage endCursor } sourceErrors { source code message region account }';
const QUERY = `query($sources: SessionSourcesInput!, $order: SessionOrder, $first: Int, $after: String) {
  sessions(sources: $sources, orderBy: $order, first: $first, after: $after) { ${SELECT} } }`;

/** Pages `sessions` to its end, each page within its estimate. */
async function pageAll(variables: Record<string, unknown>): Promise<{ nodes: any[]; pages: number }> {
  const nodes: any[] = [];
  let cursor: string | null = null;
  for (let pages = 1; ; pages++) {
    assert.ok(pages < 200, 'paging ends');
    h.resetRequests();
    const res: GraphQLResponse = await h.query(QUERY, { ...variables, after: cursor });
    const c = res.data?.sessions;
    assert.ok(c, JSON.stringify(res.errors));
    assert.deepEqual(c.sourceErrors, []);
    assert.ok(res.extensions!.upstream.calls <= res.extensions!.upstream.estimatedCalls);
    nodes.push(...c.edges.map((e: any) => e.node));
    if (!c.pageInfo.hasNextPage) return { nodes, pages };
    cursor = c.pageInfo.endCursor;
  }
}

/** Every session of the services in every world, as `service/region/account/sessionId`; CodeCatalyst, global, once, in its space's region. */
function expected(worlds: readonly SandboxWorld[]): string[] {
  const out: string[] = [];
  for (const w of worlds) {
    const at = `${w.region}/${ALIAS_OF[w.accountId]}`;
    for (const s of w.data.deadline.sessions) out.push(`DEADLINE/${at}/${s.sessionId}`);
    for (const s of w.data.workSpacesWeb.sessions) out.push(`WORKSPACES_WEB/${at}/${s.sessionId}`);
    for (const s of w.data.novaAct.sessions) out.push(`NOVA_ACT/${at}/${s.sessionId}`);
  }
  const spaceRegion = new Map(worlds[0]!.data.estate.spaces.map((s) => [s.name, s.regionName]));
  for (const s of worlds[0]!.data.codeCatalyst.sessions) out.push(`CODECATALYST/${spaceRegion.get(s.spaceName)}/default/${s.id}`);
  return out.sort();
}

const keyOf = (n: any) => `${n.service}/${n.region}/${n.account}/${n.sessionId}`;
const EVERYWHERE = { services: ['DEADLINE', 'WORKSPACES_WEB', 'NOVA_ACT', 'CODECATALYST'], regions: ['us-west-2', 'eu-west-1'], accounts: ['default', 'render'] };

describe('when one query spans two regions of two accounts', () => {
  let nodes: any[] = [];
  before(async () => {
    ({ nodes } = await pageAll({ sources: EVERYWHERE, first: 150 }));
  });

  it('then its sessions are exactly the four places\' data, once each, paged and resumed', () => {
    const worlds = h.sandbox.worlds;
    assert.equal(worlds.length, 4);
    assert.deepEqual(nodes.map(keyOf).sort(), expected(worlds));
    assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, 'every node ID is distinct');
  });

  it('then each session names its account: the alias, and the 12-digit ID from the ARN or the assumed role', () => {
    const render = nodes.filter((n) => n.account === 'render');
    assert.ok(render.length > 0);
    for (const n of render) assert.equal(n.accountId, RENDER_ACCOUNT, keyOf(n));
    for (const n of nodes.filter((x) => x.account === 'default' && x.service === 'WORKSPACES_WEB')) assert.equal(n.accountId, ACCOUNT);
  });

  it('then the same in start-time order gives the same sessions, newest first across the places', async () => {
    const { nodes: ordered, pages } = await pageAll({ sources: { ...EVERYWHERE, services: ['WORKSPACES_WEB'] }, order: 'STARTED_AT_DESC', first: 150 });
    assert.ok(pages > 1, 'it pages');
    assert.deepEqual(ordered.map(keyOf).sort(), expected(h.sandbox.worlds).filter((k) => k.startsWith('WORKSPACES_WEB/')));
    const starts = ordered.map((n) => n.startedAt as string);
    assert.deepEqual(starts, [...starts].sort().reverse());
  });

  it('then node(id:) refetches a session of the second account and region there', async () => {
    const world = h.sandbox.worlds.find((w) => w.accountId === RENDER_ACCOUNT && w.region === 'eu-west-1')!;
    const wanted = world.data.workSpacesWeb.sessions.at(-1)!;
    const found = nodes.find((n) => n.service === 'WORKSPACES_WEB' && n.sessionId === wanted.sessionId)!;
    assert.ok(found, 'the paged result has it');
    h.resetRequests();
    const res = await h.query(`query($id: ID!) { node(id: $id) { id ... on WorkSpacesWebSession { sessionId username region account accountId } } }`, { id: found.id });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data.node, { id: found.id, sessionId: wanted.sessionId, username: wanted.username, region: 'eu-west-1', account: 'render', accountId: RENDER_ACCOUNT });
    const sent = h.sandbox.requests.filter((r) => r.service === 'workspaces-web');
    assert.ok(sent.length > 0);
    for (const r of sent) assert.deepEqual([r.signingRegion, r.accountId], ['eu-west-1', RENDER_ACCOUNT]);
  });

  it('then a root field reads the place its arguments name', async () => {
    const world = h.sandbox.worlds.find((w) => w.accountId === RENDER_ACCOUNT && w.region === 'us-west-2')!;
    const res = await h.query('{ deadlineFarms(region: "us-west-2", account: "render", first: 50) { edges { node { farmId region account accountId } } } }');
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const farms = res.data.deadlineFarms.edges.map((e: any) => e.node);
    assert.deepEqual(farms.map((f: any) => f.farmId).sort(), world.data.estate.farms.map((f) => f.farmId).sort());
    for (const f of farms) assert.deepEqual([f.region, f.account, f.accountId], ['us-west-2', 'render', RENDER_ACCOUNT]);
  });
});

describe('when CodeCatalyst, a global service, is read', () => {
  it('then everything in a space has the space\'s region, one GetSpace per space, within the estimate', async () => {
    h.resetRequests();
    const res = await h.query(`{ codeCatalystSpaces { edges { node { name regionName region
      projects(first: 5) { edges { node { name region devEnvironments(first: 2) { edges { node { region sessions(first: 2) { edges { node { region } } } } } } } } } } } } }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const spaces = res.data.codeCatalystSpaces.edges.map((e: any) => e.node);
    assert.deepEqual(spaces.map((s: any) => s.regionName).sort(), ['eu-west-1', 'us-west-2']);
    for (const space of spaces) {
      assert.equal(space.region, space.regionName);
      const regions = JSON.stringify(space.projects).match(/"region":"[^"]+"/g) ?? [];
      assert.ok(regions.length > 0);
      for (const r of regions) assert.equal(r, `"region":"${space.regionName}"`);
    }
    const gets = h.sandbox.requests.filter((r) => r.operation === 'GetSpace');
    assert.equal(gets.length, spaces.length, 'one GetSpace per space');
    assert.ok(res.extensions!.upstream.calls <= res.extensions!.upstream.estimatedCalls);
  });
});

describe('when a client names a place it may not read', () => {
  const refusals: [string, string, string][] = [
    ['a region outside GATEWAY_REGIONS', '{ deadlineFarms(region: "ap-south-1") { edges { node { farmId } } } }', 'region'],
    ['a name that is no region', '{ deadlineFarms(region: "mars-1") { edges { node { farmId } } } }', 'region'],
    ['a region of another partition', '{ deadlineFarms(region: "cn-north-1") { edges { node { farmId } } } }', 'region'],
    ['an unknown alias', '{ deadlineFarms(account: "prod") { edges { node { farmId } } } }', 'account'],
    ['an unknown alias in a source list', '{ sessions(sources: { services: [DEADLINE], accounts: ["render", "nope"] }) { edges { node { id } } } }', 'sources.accounts[1]'],
    ['an unknown region of one source', `{ sessions(sources: { workSpacesWebPortals: [{ portalId: "${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}", region: "eu-central-9" }] }) { edges { node { id } } } }`, 'sources.workSpacesWebPortals[0].region'],
  ];
  for (const [what, query, argument] of refusals) {
    it(`then ${what} is BAD_USER_INPUT naming ${argument}, with no upstream call`, async () => {
      const arrived = h.sandbox.arrivals();
      const res = await h.query(query);
      assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(res));
      assert.ok(res.errors![0]!.message.startsWith(`${argument}:`), res.errors![0]!.message);
      assert.equal(h.sandbox.arrivals(), arrived, 'no upstream call');
    });
  }
});

describe('when IDs and cursors were minted before regions and accounts existed', () => {
  it('then the old IDs still resolve, to the default place', async () => {
    const res = await h.query(`query($a: ID!, $b: ID!) {
      a: node(id: $a) { id ... on DeadlineSession { sessionId region account } }
      b: node(id: $b) { id ... on DeadlineFarm { farmId region account } } }`, { a: MINTED.sessionId.id, b: MINTED.farmId.id });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data.a, { id: MINTED.sessionId.id, sessionId: MINTED.sessionId.sessionId, region: 'us-west-2', account: 'default' });
    assert.deepEqual(res.data.b, { id: MINTED.farmId.id, farmId: MINTED.farmId.farmId, region: 'us-west-2', account: 'default' });
  });

  for (const field of ['deadlineSessions', 'sessions'] as const) {
    it(`then an old ${field} cursor resumes where it left off`, async () => {
      const res = await h.query(MINTED[field].query, { after: MINTED[field].after });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.data[field].edges.map((e: any) => e.node.sessionId), MINTED[field].next);
    });
  }
});
