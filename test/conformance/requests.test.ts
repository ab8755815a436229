/**
 * For the same input, our upstream request equals the official SDK client's: method, host (with prefix), path, query,
 * body and signing scope; and, signed at the same instant with the same credentials (long-term or temporary), the
 * whole request: target as written on the wire, every header, and the SigV4 canonical request and signature.
 * Nova Act has no JavaScript SDK: its request is checked against the model's facts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { CodeCatalystClient, ListDevEnvironmentSessionsCommand } from '@aws-sdk/client-codecatalyst';
import { DeadlineClient, GetSessionCommand as DeadlineGetSession, ListSessionsCommand as DeadlineListSessions, ListSessionsForWorkerCommand } from '@aws-sdk/client-deadline';
import { GetSessionCommand as WswGetSession, ListSessionsCommand as WswListSessions, WorkSpacesWebClient } from '@aws-sdk/client-workspaces-web';
import { staticCredentials, staticToken } from '../../src/upstream/credentials.js';
import { resolveEndpoint, type EndpointSettings } from '../../src/upstream/endpoints.js';
import type { OperationDescriptor, OperationInput } from '../../src/upstream/operation.js';
import * as ops from '../../src/upstream/operations/index.js';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { HttpRequest } from '@smithy/protocol-http';
import { requestTarget } from '../../src/upstream/http.js';
import { serializeRequest } from '../../src/upstream/serialize.js';
import { createBearerSigner, createSigV4Signer } from '../../src/upstream/sign.js';
import { TEMPORARY_CREDENTIALS, TEST_CREDENTIALS, recordingHandler, sdkRequestTarget, wholeRequest, wireView, withoutSdkHeaders } from './sdk-oracle.js';

const REGION = 'eu-central-1';
const hex = (c: string) => c.repeat(32);
const TRICKY_TOKEN = 'a b+/=&?#%é';

async function oursSigned(op: OperationDescriptor, input: OperationInput, settings: EndpointSettings = { region: REGION }, credentials: AwsCredentialIdentity = TEST_CREDENTIALS) {
  const request = serializeRequest(op, input, resolveEndpoint(op.service, settings));
  return op.service.auth === 'bearer'
    ? createBearerSigner(staticToken('tok-123'))(request)
    : createSigV4Signer({ signingName: op.service.signingName, region: settings.region ?? 'us-east-1', credentials: staticCredentials(credentials) })(request);
}
const ours = async (op: OperationDescriptor, input: OperationInput, settings?: EndpointSettings) => wireView(await oursSigned(op, input, settings));

async function sdk(client: { send: (c: any) => Promise<unknown> }, command: unknown, rec: ReturnType<typeof recordingHandler>) {
  await client.send(command).catch(() => undefined);
  assert.equal(rec.requests.length, 1);
  return wireView(rec.requests[0]!);
}

const deadlineClient = (rec: ReturnType<typeof recordingHandler>, extra = {}) =>
  new DeadlineClient({ region: REGION, credentials: TEST_CREDENTIALS, requestHandler: rec.handler, maxAttempts: 1, ...extra });
const wswClient = (rec: ReturnType<typeof recordingHandler>, extra = {}) =>
  new WorkSpacesWebClient({ region: REGION, credentials: TEST_CREDENTIALS, requestHandler: rec.handler, maxAttempts: 1, ...extra });
const ccClient = (rec: ReturnType<typeof recordingHandler>, extra = {}) =>
  new CodeCatalystClient({ region: REGION, token: { token: 'tok-123' }, requestHandler: rec.handler, maxAttempts: 1, ...extra });

describe('when Deadline Cloud is called', () => {
  const job = { farmId: `farm-${hex('1')}`, queueId: `queue-${hex('2')}`, jobId: `job-${hex('3')}` };
  const worker = { farmId: `farm-${hex('1')}`, fleetId: `fleet-${hex('4')}`, workerId: `worker-${hex('5')}` };

  for (const input of [{ ...job }, { ...job, maxResults: 7 }, { ...job, maxResults: 100, nextToken: TRICKY_TOKEN }]) {
    it(`then ListSessions matches the SDK (${Object.keys(input).join(', ')})`, async () => {
      const rec = recordingHandler({ sessions: [] });
      assert.deepEqual(await ours(ops.deadlineListSessions, input), await sdk(deadlineClient(rec), new DeadlineListSessions(input), rec));
    });
  }

  it('then ListSessionsForWorker matches the SDK', async () => {
    const input = { ...worker, maxResults: 50, nextToken: TRICKY_TOKEN };
    const rec = recordingHandler({ sessions: [] });
    const mine = await ours(ops.deadlineListSessionsForWorker, input);
    assert.deepEqual(mine, await sdk(deadlineClient(rec), new ListSessionsForWorkerCommand(input), rec));
    assert.equal(mine.hostname, `management.deadline.${REGION}.amazonaws.com`);
  });

  it('then GetSession matches the SDK', async () => {
    const input = { ...job, sessionId: `session-${hex('6')}` };
    const rec = recordingHandler({});
    assert.deepEqual(await ours(ops.deadlineGetSession, input), await sdk(deadlineClient(rec), new DeadlineGetSession(input), rec));
  });

  it('then an endpoint override drops the host prefix, as the SDK with disableHostPrefix', async () => {
    const rec = recordingHandler({ sessions: [] });
    const theirs = await sdk(deadlineClient(rec, { endpoint: 'http://127.0.0.1:4566', disableHostPrefix: true }), new DeadlineListSessions(job), rec);
    const mine = await ours(ops.deadlineListSessions, job, { region: REGION, endpointUrl: 'http://127.0.0.1:4566' });
    assert.deepEqual(mine, theirs);
    assert.equal(mine.hostname, '127.0.0.1');
  });
});

describe('when WorkSpaces Web is called', () => {
  const portalId = '0f0e0d0c-0b0a-4909-8807-060504030201';
  const inputs = [
    { portalId },
    { portalId, maxResults: 100, status: 'Active', sortBy: 'StartTimeDescending' },
    { portalId, username: 'jane doe+ops/=x&y@example.com', sessionId: '11111111-2222-4333-8444-555555555555', maxResults: 3, nextToken: TRICKY_TOKEN, status: 'Terminated', sortBy: 'StartTimeAscending' },
  ];
  for (const input of inputs) {
    it(`then ListSessions matches the SDK (${Object.keys(input).join(', ')})`, async () => {
      const rec = recordingHandler({ sessions: [] });
      assert.deepEqual(await ours(ops.workSpacesWebListSessions, input), await sdk(wswClient(rec), new WswListSessions(input as any), rec));
    });
  }

  it('then GetSession matches the SDK', async () => {
    const input = { portalId, sessionId: '11111111-2222-4333-8444-555555555555' };
    const rec = recordingHandler({});
    assert.deepEqual(await ours(ops.workSpacesWebGetSession, input), await sdk(wswClient(rec), new WswGetSession(input), rec));
  });
});

describe('when CodeCatalyst is called', () => {
  const env = { spaceName: 'my-space', projectName: 'proj.one_two', devEnvironmentId: 'ABCDEF01-2345-6789-abcd-ef0123456789' };
  for (const input of [{ ...env }, { ...env, maxResults: 200 }, { ...env, maxResults: 5, nextToken: TRICKY_TOKEN }]) {
    it(`then ListDevEnvironmentSessions matches the SDK, with a bearer token (${Object.keys(input).join(', ')})`, async () => {
      const rec = recordingHandler({ items: [] });
      const mine = await ours(ops.codeCatalystListDevEnvironmentSessions, input, {});
      assert.deepEqual(mine, await sdk(ccClient(rec), new ListDevEnvironmentSessionsCommand(input), rec));
      assert.deepEqual(mine.auth, { kind: 'bearer', token: 'tok-123' });
      assert.equal(mine.hostname, 'codecatalyst.global.api.aws');
    });
  }
});

describe('when Nova Act is called (no JavaScript SDK: facts of the nova-act 2025-08-22 model)', () => {
  it('then the request is POST to the run, paging in the query, sortOrder in a JSON body, signed for nova-act', async () => {
    const input = { workflowDefinitionName: 'my_flow-1', workflowRunId: '0f0e0d0c-0b0a-4909-8807-060504030201', maxResults: 100, nextToken: TRICKY_TOKEN, sortOrder: 'Descending' };
    assert.deepEqual(await ours(ops.novaActListSessions, input), {
      method: 'POST',
      hostname: `nova-act.${REGION}.amazonaws.com`,
      path: '/workflow-definitions/my_flow-1/workflow-runs/0f0e0d0c-0b0a-4909-8807-060504030201',
      query: { maxResults: '100', nextToken: TRICKY_TOKEN },
      body: '{"sortOrder":"Descending"}',
      contentType: 'application/json',
      auth: { kind: 'sigv4', region: REGION, service: 'nova-act' },
    });
  });

  it('then without a sort order the body is an empty JSON object', async () => {
    const view = await ours(ops.novaActListSessions, { workflowDefinitionName: 'f', workflowRunId: '0f0e0d0c-0b0a-4909-8807-060504030201' });
    assert.equal(view.body, '{}');
    assert.deepEqual(view.query, {});
  });
});

describe('when FIPS, dual-stack or another partition is configured', () => {
  const variants = [
    { region: 'us-east-1', useFipsEndpoint: true },
    { region: 'us-east-1', useDualstackEndpoint: true },
    { region: 'us-gov-west-1', useFipsEndpoint: true, useDualstackEndpoint: true },
    { region: 'cn-north-1' },
  ];
  for (const v of variants) {
    it(`then the Deadline and WorkSpaces Web hosts match the SDK (${JSON.stringify(v)})`, async () => {
      const settings = { region: v.region, useFips: v.useFipsEndpoint ?? false, useDualStack: v.useDualstackEndpoint ?? false };
      const job = { farmId: `farm-${hex('1')}`, queueId: `queue-${hex('2')}`, jobId: `job-${hex('3')}` };
      const rec = recordingHandler({ sessions: [] });
      assert.equal((await ours(ops.deadlineListSessions, job, settings)).hostname, (await sdk(deadlineClient(rec, v), new DeadlineListSessions(job), rec)).hostname);
      const rec2 = recordingHandler({ sessions: [] });
      const portal = { portalId: '0f0e0d0c-0b0a-4909-8807-060504030201' };
      assert.equal((await ours(ops.workSpacesWebListSessions, portal, settings)).hostname, (await sdk(wswClient(rec2, v), new WswListSessions(portal), rec2)).hostname);
    });
  }

  it('then CodeCatalyst FIPS matches the SDK', async () => {
    const env = { spaceName: 'my-space', projectName: 'proj', devEnvironmentId: 'abcdef01-2345-6789-abcd-ef0123456789' };
    const rec = recordingHandler({ items: [] });
    const theirs = await sdk(ccClient(rec, { useFipsEndpoint: true }), new ListDevEnvironmentSessionsCommand(env), rec);
    assert.equal((await ours(ops.codeCatalystListDevEnvironmentSessions, env, { useFips: true })).hostname, theirs.hostname);
  });
});

describe('when ours and the SDK sign the same input at the same instant', () => {
  // Both signers read the clock for x-amz-date; a fixed clock makes their signatures comparable.
  before(() => mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 10, 30, 23, 59, 59, 999) }));
  after(() => mock.timers.reset());

  const job = { farmId: `farm-${hex('1')}`, queueId: `queue-${hex('2')}`, jobId: `job-${hex('3')}` };
  const portalId = '0f0e0d0c-0b0a-4909-8807-060504030201';
  const cases: { name: string; op: OperationDescriptor; input: OperationInput; client: (rec: ReturnType<typeof recordingHandler>, credentials: AwsCredentialIdentity) => { send: (c: any) => Promise<unknown> }; command: unknown }[] = [
    { name: 'Deadline ListSessions', op: ops.deadlineListSessions, input: { ...job, maxResults: 100, nextToken: TRICKY_TOKEN }, client: (rec, credentials) => deadlineClient(rec, { credentials }), command: new DeadlineListSessions({ ...job, maxResults: 100, nextToken: TRICKY_TOKEN }) },
    { name: 'Deadline ListSessionsForWorker', op: ops.deadlineListSessionsForWorker, input: { farmId: job.farmId, fleetId: `fleet-${hex('4')}`, workerId: `worker-${hex('5')}`, maxResults: 3 }, client: (rec, credentials) => deadlineClient(rec, { credentials }), command: new ListSessionsForWorkerCommand({ farmId: job.farmId, fleetId: `fleet-${hex('4')}`, workerId: `worker-${hex('5')}`, maxResults: 3 }) },
    { name: 'Deadline GetSession', op: ops.deadlineGetSession, input: { ...job, sessionId: `session-${hex('6')}` }, client: (rec, credentials) => deadlineClient(rec, { credentials }), command: new DeadlineGetSession({ ...job, sessionId: `session-${hex('6')}` }) },
    {
      name: 'WorkSpaces Web ListSessions', op: ops.workSpacesWebListSessions,
      input: { portalId, username: 'jane doe+ops/=x&y@example.com', sessionId: '11111111-2222-4333-8444-555555555555', maxResults: 3, nextToken: TRICKY_TOKEN, status: 'Terminated', sortBy: 'StartTimeAscending' },
      client: (rec, credentials) => wswClient(rec, { credentials }),
      command: new WswListSessions({ portalId, username: 'jane doe+ops/=x&y@example.com', sessionId: '11111111-2222-4333-8444-555555555555', maxResults: 3, nextToken: TRICKY_TOKEN, status: 'Terminated', sortBy: 'StartTimeAscending' }),
    },
    { name: 'WorkSpaces Web GetSession', op: ops.workSpacesWebGetSession, input: { portalId, sessionId: '11111111-2222-4333-8444-555555555555' }, client: (rec, credentials) => wswClient(rec, { credentials }), command: new WswGetSession({ portalId, sessionId: '11111111-2222-4333-8444-555555555555' }) },
  ];
  for (const c of cases) {
    for (const [kind, credentials] of [['long-term', TEST_CREDENTIALS], ['temporary', TEMPORARY_CREDENTIALS]] as const) {
      it(`then ${c.name} is the same request, header for header and signature for signature (${kind} credentials)`, async () => {
        const rec = recordingHandler({ sessions: [] });
        await withoutSdkHeaders(c.client(rec, credentials) as any).send(c.command).catch(() => undefined);
        assert.equal(rec.requests.length, 1);
        const theirs = wholeRequest(rec.requests[0]!, sdkRequestTarget(rec.requests[0]!));
        const mine = await oursSigned(c.op, c.input, { region: REGION }, credentials);
        assert.deepEqual(wholeRequest(mine, requestTarget(mine)), theirs);
        assert.equal(theirs.headers['x-amz-date'], '20261130T235959Z');
        assert.equal(theirs.headers['x-amz-security-token'], 'sessionToken' in credentials ? credentials.sessionToken : undefined);
        if ('sessionToken' in credentials) assert.match(theirs.headers['authorization']!, /SignedHeaders=[^,]*x-amz-security-token/);
      });
    }
  }

  it('then CodeCatalyst is the same request with its bearer token, and nothing of SigV4', async () => {
    const input = { spaceName: 'my-space', projectName: 'proj.one_two', devEnvironmentId: 'ABCDEF01-2345-6789-abcd-ef0123456789', maxResults: 5, nextToken: TRICKY_TOKEN };
    const rec = recordingHandler({ items: [] });
    await withoutSdkHeaders(ccClient(rec)).send(new ListDevEnvironmentSessionsCommand(input)).catch(() => undefined);
    const theirs = wholeRequest(rec.requests[0]!, sdkRequestTarget(rec.requests[0]!));
    const mine = await oursSigned(ops.codeCatalystListDevEnvironmentSessions, input, {});
    assert.deepEqual(wholeRequest(mine, requestTarget(mine)), theirs);
    assert.equal(theirs.headers['authorization'], 'Bearer tok-123');
    assert.equal(theirs.headers['x-amz-date'], undefined);
  });

  it('then Nova Act signs what the model lays out, with the session token among the signed headers', async () => {
    const signed: HttpRequest = await oursSigned(ops.novaActListSessions, { workflowDefinitionName: 'my_flow-1', workflowRunId: portalId, maxResults: 100, nextToken: TRICKY_TOKEN, sortOrder: 'Descending' }, { region: REGION }, TEMPORARY_CREDENTIALS);
    const whole = wholeRequest(signed, requestTarget(signed));
    assert.equal(whole.target, `/workflow-definitions/my_flow-1/workflow-runs/${portalId}?maxResults=100&nextToken=a%20b%2B%2F%3D%26%3F%23%25%C3%A9`);
    assert.match(whole.headers['authorization']!, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261130\/eu-central-1\/nova-act\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    assert.equal(whole.headers['x-amz-security-token'], TEMPORARY_CREDENTIALS.sessionToken);
    assert.equal(whole.headers['content-length'], String(Buffer.byteLength(whole.body!)));
  });
});

describe('when a service is named in traces', () => {
  it('then its rpc.service is the serviceId its official client carries', () => {
    const rec = recordingHandler();
    assert.equal(ops.deadline.serviceId, deadlineClient(rec).config.serviceId);
    assert.equal(ops.workSpacesWeb.serviceId, wswClient(rec).config.serviceId);
    assert.equal(ops.codeCatalyst.serviceId, ccClient(rec).config.serviceId);
  });
});
