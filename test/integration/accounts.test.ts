/**
 * Reaching other accounts: the sandbox's STS answers `@aws-sdk/client-sts` as AWS does, and the gateway assumes its
 * roles with the same request; temporary credentials are renewed before they expire, under load, with no failed
 * request; a role that cannot be assumed fails only the fields and sources that use it; a principal's grants of
 * accounts and regions are enforced before any call.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DeadlineClient, ListFarmsCommand } from '@aws-sdk/client-deadline';
import { loadConfig } from '../../src/config.js';
import { RENDER_ACCOUNT, SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS, SANDBOX_REGIONS, sandboxSettings, startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { assumedRoleCredentials, staticCredentials } from '../../src/upstream/credentials.js';
import { globalId } from '../helpers/global-id.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startGatewayProcess } from '../helpers/process.js';

const ROLE = SANDBOX_ACCOUNTS.render;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('when a role is assumed through the sandbox\'s STS', () => {
  let sandbox: Sandbox;
  let sts: STSClient;
  before(async () => {
    sandbox = await startSandbox();
    sts = new STSClient({ region: 'us-west-2', endpoint: sandbox.url, credentials: { ...SANDBOX_CREDENTIALS }, logger: quiet, maxAttempts: 1 });
  });
  after(async () => {
    sts.destroy();
    await sandbox.close();
  });

  it('then @aws-sdk/client-sts gets credentials of the role\'s account, with their expiry', async () => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.roleArn, RoleSessionName: 'conformance', ExternalId: ROLE.externalId, DurationSeconds: 900 }));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA[0-9A-F]{16}$/);
    assert.ok(out.Credentials!.SecretAccessKey && out.Credentials!.SessionToken);
    const lifetime = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 800_000 && lifetime <= 900_000, `expires in ${lifetime} ms`);
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${RENDER_ACCOUNT}:assumed-role/SessionsReader/conformance`);
    // The credentials read the role's account's data.
    const deadline = new DeadlineClient({
      region: 'us-west-2', endpoint: sandbox.url, logger: quiet, disableHostPrefix: true,
      credentials: { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! },
    });
    const farms = await deadline.send(new ListFarmsCommand({}));
    const world = sandbox.worlds.find((w) => w.accountId === RENDER_ACCOUNT && w.region === 'us-west-2')!;
    assert.deepEqual(farms.farms!.map((f) => f.farmId).sort(), world.data.estate.farms.map((f) => f.farmId).sort());
    deadline.destroy();
  });

  it('then the gateway sends the request the SDK sends for the same input', async () => {
    sandbox.requests.length = 0;
    await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.roleArn, RoleSessionName: 'aws-sessions-gateway', ExternalId: ROLE.externalId }));
    const provider = assumedRoleCredentials({ ...ROLE, region: 'us-west-2', endpoint: sandbox.url, source: staticCredentials(SANDBOX_CREDENTIALS) });
    const credentials = await provider();
    assert.equal(sandbox.requests.length, 2);
    const [sdk, ours] = sandbox.requests;
    const wire = (r: typeof sdk) => ({ method: r!.method, target: r!.target, body: r!.body, signingRegion: r!.signingRegion, status: r!.status, operation: r!.operation });
    assert.deepEqual(wire(ours), wire(sdk));
    assert.equal(ours!.status, 200);
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.ok(credentials.sessionToken && credentials.expiration);
  });

  const refusals: [string, ConstructorParameters<typeof AssumeRoleCommand>[0]][] = [
    ['an unknown role', { RoleArn: `arn:aws:iam::${RENDER_ACCOUNT}:role/Nobody`, RoleSessionName: 's1', ExternalId: ROLE.externalId }],
    ['a missing external ID', { RoleArn: ROLE.roleArn, RoleSessionName: 's1' }],
    ['a wrong external ID', { RoleArn: ROLE.roleArn, RoleSessionName: 's1', ExternalId: 'guess' }],
  ];
  for (const [what, input] of refusals) {
    it(`then ${what} is AccessDenied (403), as the SDK reads it`, async () => {
      const err = await sts.send(new AssumeRoleCommand(input)).then(() => undefined, (e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } });
      assert.equal(err?.name, 'AccessDenied');
      assert.equal(err?.$metadata.httpStatusCode, 403);
    });
  }

  it('then a DurationSeconds outside 900-43200 is a ValidationError', async () => {
    const err = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.roleArn, RoleSessionName: 's1', ExternalId: ROLE.externalId, DurationSeconds: 60 })).then(() => undefined, (e: Error) => e);
    assert.equal(err?.name, 'ValidationError');
  });
});

describe('when the sandbox issues credentials that live a few seconds', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ stsCredentialSeconds: 1 });
  });
  after(() => sandbox.close());

  it('then a request signed with them after they expire is ExpiredTokenException', async () => {
    const sts = new STSClient({ region: 'us-west-2', endpoint: sandbox.url, credentials: { ...SANDBOX_CREDENTIALS }, logger: quiet, maxAttempts: 1 });
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE.roleArn, RoleSessionName: 'short', ExternalId: ROLE.externalId }));
    sts.destroy();
    const wait = out.Credentials!.Expiration!.getTime() - Date.now() + 20;
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    const deadline = new DeadlineClient({
      region: 'us-west-2', endpoint: sandbox.url, logger: quiet, disableHostPrefix: true, maxAttempts: 1,
      credentials: { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! },
    });
    const err = await deadline.send(new ListFarmsCommand({})).then(() => undefined, (e: Error) => e);
    deadline.destroy();
    assert.equal(err?.name, 'ExpiredTokenException');
  });
});

describe('when the role\'s credentials expire while clients keep querying', () => {
  let h: Harness;
  // Credentials that live 4 s are renewed halfway (2 s before expiry): a request would have to wait 2 s between
  // signing and arriving to be refused, which loopback never does.
  before(async () => {
    h = await startHarness({ places: true, sandbox: { stsCredentialSeconds: 4 } });
  });
  after(() => h.close());

  it('then they are renewed before expiry, once per lifetime, and no request fails', async () => {
    const query = '{ deadlineFarms(account: "render", first: 5) { edges { node { farmId accountId } } } }';
    const until = Date.now() + 9_000;
    let answered = 0;
    const client = async () => {
      while (Date.now() < until) {
        const res = await h.query(query);
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.ok(res.data.deadlineFarms.edges.length > 0);
        answered++;
      }
    };
    await Promise.all(Array.from({ length: 4 }, client));
    const assumed = h.sandbox.requests.filter((r) => r.operation === 'AssumeRole');
    assert.ok(answered > 40, `${answered} requests answered`);
    // 9 s of 4 s credentials renewed at half life: one AssumeRole to start, then about one per 2 s.
    assert.ok(assumed.length >= 3 && assumed.length <= 7, `${assumed.length} AssumeRole calls`);
    assert.deepEqual(h.sandbox.requests.filter((r) => r.status !== 200).map((r) => `${r.operation} ${r.status}`), []);
  });
});

describe('when one account\'s role cannot be assumed', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      places: { regions: ['eu-west-1'], accounts: { ...SANDBOX_ACCOUNTS, broken: { roleArn: `arn:aws:iam::${RENDER_ACCOUNT}:role/Nobody` } } },
    });
  });
  after(() => h.close());

  it('then its fields are UPSTREAM_ACCESS_DENIED and the other accounts answer', async () => {
    const res = await h.query(`{
      ok: deadlineFarms(account: "render") { edges { node { farmId } } }
      mine: deadlineFarms { edges { node { farmId } } }
      broken: deadlineFarms(account: "broken") { edges { node { farmId } } } }`);
    assert.ok(res.data.ok.edges.length > 0);
    assert.ok(res.data.mine.edges.length > 0);
    assert.equal(res.data.broken, null);
    assert.deepEqual(res.errors!.map((e) => [e.path?.[0], e.extensions?.code]), [['broken', 'UPSTREAM_ACCESS_DENIED']]);
    assert.ok(!/secret|Signature=|ASIA/.test(JSON.stringify(res)), 'no credential in the response');
  });

  it('then in sessions it is one source error, and the other account\'s sessions come back', async () => {
    const portalId = h.sandbox.data.workSpacesWeb.portalIds[1];
    const res = await h.query(`{ sessions(sources: { workSpacesWebPortals: [{ portalId: "${portalId}" }], accounts: ["default", "broken"] }, orderBy: STARTED_AT_DESC, first: 20) {
      edges { node { account } } sourceErrors { source code account region } } }`);
    assert.ok(res.data?.sessions.edges.length > 0, JSON.stringify(res.errors));
    assert.ok(res.data.sessions.edges.every((e: any) => e.node.account === 'default'));
    assert.deepEqual(res.data.sessions.sourceErrors.map((e: any) => [e.code, e.account, e.region]), [['UPSTREAM_ACCESS_DENIED', 'broken', 'us-west-2']]);
  });
});

describe('when a principal may query some accounts and regions only', () => {
  const KEY = 'gw_live_0c1b3d5f7a9c2e3f9a1c7e5b2d4a6f8e';
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  let h: Harness;
  before(async () => {
    const auth = loadConfig({
      GATEWAY_AUTH: 'api-key', GATEWAY_API_KEYS: `artist=${sha(KEY)}`,
      GATEWAY_PRINCIPAL_SERVICES: JSON.stringify({ artist: [{ services: ['DEADLINE'], accounts: ['render'] }, { services: ['WORKSPACES_WEB'], regions: ['eu-west-1'] }] }),
    }).auth;
    h = await startHarness({ places: true, gateway: { auth } });
  });
  after(() => h.close());
  const ask = (query: string) => h.query(query, undefined, { 'x-api-key': KEY });

  it('then a field in a granted place answers and one outside its grants is FORBIDDEN, before any call', async () => {
    const arrived = h.sandbox.arrivals();
    const res = await ask(`{
      denied: deadlineFarms { edges { node { farmId } } }
      deniedRegion: workSpacesWebPortals(region: "us-west-2") { edges { node { portalId } } } }`);
    assert.deepEqual(res.errors!.map((e) => [e.path?.[0], e.extensions?.code]).sort(), [['denied', 'FORBIDDEN'], ['deniedRegion', 'FORBIDDEN']]);
    assert.equal(h.sandbox.arrivals(), arrived, 'no upstream call');
    const ok = await ask(`{
      farms: deadlineFarms(account: "render") { edges { node { farmId account } } }
      portals: workSpacesWebPortals(region: "eu-west-1") { edges { node { portalId region } } } }`);
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    assert.ok(ok.data.farms.edges.length > 0 && ok.data.portals.edges.length > 0);
  });

  it('then a sessions source outside its grants is FORBIDDEN naming the source, before any call', async () => {
    const arrived = h.sandbox.arrivals();
    const res = await ask('{ sessions(sources: { services: [DEADLINE], accounts: ["render", "default"] }) { edges { node { id } } } }');
    assert.equal(res.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.match(res.errors![0]!.message, /account default/);
    assert.equal(h.sandbox.arrivals(), arrived, 'no upstream call');
  });

  it('then a node ID of a place outside its grants is FORBIDDEN, and one inside resolves', async () => {
    const mine = await ask('{ deadlineFarms(account: "render", region: "eu-west-1", first: 1) { edges { node { id } } } }');
    assert.equal(mine.errors, undefined, JSON.stringify(mine.errors));
    const home = globalId('DeadlineFarm', [h.sandbox.data.deadline.farmId]);
    const arrived = h.sandbox.arrivals();
    const res = await ask(`{ mine: node(id: ${JSON.stringify(mine.data.deadlineFarms.edges[0].node.id)}) { id } home: node(id: ${JSON.stringify(home)}) { id } }`);
    assert.deepEqual(res.errors!.map((e) => [e.path?.[0], e.extensions?.code]), [['home', 'FORBIDDEN']]);
    assert.equal(res.data.mine.id, mine.data.deadlineFarms.edges[0].node.id);
    assert.deepEqual(h.sandbox.requests.slice(-(h.sandbox.arrivals() - arrived)).map((r) => r.accountId), [RENDER_ACCOUNT]);
  });
});

describe('when the built gateway reaches AWS APIs with the settings npm run sandbox prints', () => {
  it('then it assumes the role at AWS_ENDPOINT_URL\'s STS and reads the other account\'s region, logging no secret', { timeout: 120_000 }, async () => {
    const sandbox = await startSandbox();
    const gw = await startGatewayProcess({
      ...Object.fromEntries(sandboxSettings(sandbox.url, sandbox.data.region)),
      GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', LOG_LEVEL: 'debug',
      GATEWAY_ACCOUNTS: JSON.stringify(SANDBOX_ACCOUNTS), GATEWAY_REGIONS: SANDBOX_REGIONS.join(','),
    });
    try {
      const res = await fetch(gw.url, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ deadlineFarms(account: "render", region: "eu-west-1") { edges { node { farmId accountId region } } } }' }),
      }).then((r) => r.json() as Promise<any>);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const world = sandbox.worlds.find((w) => w.accountId === RENDER_ACCOUNT && w.region === 'eu-west-1')!;
      assert.deepEqual(res.data.deadlineFarms.edges.map((e: any) => e.node.farmId).sort(), world.data.estate.farms.map((f) => f.farmId).sort());
      const assumed = sandbox.requests.filter((r) => r.operation === 'AssumeRole');
      assert.deepEqual(assumed.map((r) => [r.status, r.signingRegion]), [[200, 'us-west-2']]);
      assert.ok(!gw.output().includes(SANDBOX_CREDENTIALS.secretAccessKey), 'no secret in the log');
      assert.ok(!gw.output().includes(SANDBOX_ACCOUNTS.render.externalId), 'no external ID in the log');
    } finally {
      await gw.stop();
      await sandbox.close();
    }
  });
});
