/**
 * For the same input, our upstream request equals the official SDK client's: method, host (with prefix), path, query,
 * body and signing scope. Nova Act has no JavaScript SDK: its request is checked against the model's facts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeCatalystClient, ListDevEnvironmentSessionsCommand } from '@aws-sdk/client-codecatalyst';
import { DeadlineClient, GetSessionCommand as DeadlineGetSession, ListSessionsCommand as DeadlineListSessions, ListSessionsForWorkerCommand } from '@aws-sdk/client-deadline';
import { GetSessionCommand as WswGetSession, ListSessionsCommand as WswListSessions, WorkSpacesWebClient } from '@aws-sdk/client-workspaces-web';
import { staticCredentials, staticToken } from '../../src/upstream/credentials.js';
import { resolveEndpoint, type EndpointSettings } from '../../src/upstream/endpoints.js';
import type { OperationDescriptor, OperationInput } from '../../src/upstream/operation.js';
import * as ops from '../../src/upstream/operations/index.js';
import { serializeRequest } from '../../src/upstream/serialize.js';
import { createBearerSigner, createSigV4Signer } from '../../src/upstream/sign.js';
import { TEST_CREDENTIALS, recordingHandler, wireView } from './sdk-oracle.js';

const REGION = 'eu-central-1';
const hex = (c: string) => c.repeat(32);
const TRICKY_TOKEN = 'a b+/=&?#%é';

async function ours(op: OperationDescriptor, input: OperationInput, settings: EndpointSettings = { region: REGION }) {
  const request = serializeRequest(op, input, resolveEndpoint(op.service, settings));
  const signed = op.service.auth === 'bearer'
    ? await createBearerSigner(staticToken('tok-123'))(request)
    : await createSigV4Signer({ signingName: op.service.signingName, region: settings.region ?? 'us-east-1', credentials: staticCredentials(TEST_CREDENTIALS) })(request);
  return wireView(signed);
}

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
