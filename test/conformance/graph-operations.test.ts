/**
 * The resource graph's operations (farms, queues, jobs, fleets, workers, portals, spaces, projects, dev environments):
 * for the same input our request equals the official client's, as written on the wire and as signed at one instant,
 * and for the same response our parsed values equal its. Nova Act has no JavaScript SDK: its requests are checked
 * against the model's facts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import * as cc from '@aws-sdk/client-codecatalyst';
import * as dl from '@aws-sdk/client-deadline';
import * as wsw from '@aws-sdk/client-workspaces-web';
import type { AwsCredentialIdentity } from '@smithy/types';
import { staticCredentials, staticToken } from '../../src/upstream/credentials.js';
import { deserializeList, deserializeRecord } from '../../src/upstream/deserialize.js';
import { resolveEndpoint } from '../../src/upstream/endpoints.js';
import { requestTarget } from '../../src/upstream/http.js';
import type { OperationDescriptor, OperationInput } from '../../src/upstream/operation.js';
import * as ops from '../../src/upstream/operations/index.js';
import { serializeRequest } from '../../src/upstream/serialize.js';
import { createBearerSigner, createSigV4Signer } from '../../src/upstream/sign.js';
import { validateInput } from '../../src/upstream/validate.js';
import { TEMPORARY_CREDENTIALS, TEST_CREDENTIALS, normal, recordingHandler, sdkRequestTarget, wholeRequest, wireView, withoutSdkHeaders } from './sdk-oracle.js';

const REGION = 'eu-central-1';
const h = (c: string) => c.repeat(32);
const TRICKY_TOKEN = 'a b+/=&?#%é';
const farmId = `farm-${h('1')}`, queueId = `queue-${h('2')}`, jobId = `job-${h('3')}`, fleetId = `fleet-${h('4')}`, workerId = `worker-${h('5')}`;
const portalArn = 'arn:aws:workspaces-web:eu-central-1:123456789012:portal/0f0e0d0c-0b0a-4909-8807-060504030201';
const T1 = '2026-10-01T08:00:52.166Z', T2 = '2026-10-01T10:00:52.166789+02:00', T3 = '2026-10-02T08:00:52Z';

type Client = { send: (command: any) => Promise<unknown>; middlewareStack: unknown };
type Rec = ReturnType<typeof recordingHandler>;
const deadline = (rec: Rec, credentials: AwsCredentialIdentity = TEST_CREDENTIALS) =>
  new dl.DeadlineClient({ region: REGION, credentials, requestHandler: rec.handler, maxAttempts: 1 });
const workSpacesWeb = (rec: Rec, credentials: AwsCredentialIdentity = TEST_CREDENTIALS) =>
  new wsw.WorkSpacesWebClient({ region: REGION, credentials, requestHandler: rec.handler, maxAttempts: 1 });
const codeCatalyst = (rec: Rec) => new cc.CodeCatalystClient({ region: REGION, token: { token: 'tok-123' }, requestHandler: rec.handler, maxAttempts: 1 });

/** One operation: its descriptor, the SDK's command and client, inputs to compare, and a response to parse. */
interface Case {
  op: OperationDescriptor;
  command: new (input: any) => unknown;
  client: (rec: Rec, credentials?: AwsCredentialIdentity) => Client;
  inputs: OperationInput[];
  response: Record<string, unknown>;
}

const farm = { farmId, displayName: 'Farm one', kmsKeyArn: 'arn:aws:kms:eu-central-1:1:key/x', createdAt: T1, createdBy: 'arn:aws:iam::1:user/a', updatedAt: T2, updatedBy: 'b' };
const queue = { farmId, queueId, displayName: 'Q', status: 'SCHEDULING', defaultBudgetAction: 'NONE', blockedReason: 'NO_BUDGET_CONFIGURED', createdAt: T1, createdBy: 'a' };
const job = {
  jobId, name: 'render', lifecycleStatus: 'CREATE_COMPLETE', lifecycleStatusMessage: 'ok', priority: 50, createdAt: T1, createdBy: 'a',
  startedAt: T2, endedAt: T3, taskRunStatus: 'SUCCEEDED', taskRunStatusCounts: { SUCCEEDED: 4, FAILED: 0 }, maxRetriesPerTask: 3,
};
const fleet = {
  fleetId, farmId, displayName: 'F', status: 'ACTIVE', autoScalingStatus: 'STEADY', workerCount: 3, minWorkerCount: 0, maxWorkerCount: 10,
  configuration: { customerManaged: { mode: 'NO_SCALING', workerCapabilities: { vCpuCount: { min: 1 }, memoryMiB: { min: 1024 }, osFamily: 'LINUX', cpuArchitectureType: 'x86_64' } } },
  createdAt: T1, createdBy: 'a',
};
const worker = {
  farmId, fleetId, workerId, status: 'RUNNING', createdAt: T1, createdBy: 'a', updatedAt: T3,
  hostProperties: { hostName: 'render-1', ipAddresses: { ipV4Addresses: ['10.0.0.1'], ipV6Addresses: [] }, ec2InstanceType: 'c5.large' },
};
const portal = { portalArn, portalStatus: 'Active', displayName: 'Support', creationDate: 1759305652.125, browserType: 'Chrome', rendererType: 'AppStream', portalEndpoint: 'abc.workspaces-web.com', authenticationType: 'Standard', maxConcurrentSessions: 25 };
const devEnvironment = {
  spaceName: 'my-space', projectName: 'proj.one', id: 'ABCDEF01-2345-6789-abcd-ef0123456789', lastUpdatedTime: T2, creatorId: 'u-1', status: 'RUNNING',
  repositories: [{ repositoryName: 'tools', branchName: 'main' }], ides: [{ name: 'VSCode', runtime: 'public.ecr.aws/x' }], instanceType: 'dev.standard1.small',
  inactivityTimeoutMinutes: 15, persistentStorage: { sizeInGiB: 16 }, alias: 'mine',
};

const CASES: Case[] = [
  { op: ops.deadlineListFarms, command: dl.ListFarmsCommand, client: deadline, inputs: [{}, { maxResults: 100, nextToken: TRICKY_TOKEN }], response: { farms: [farm], nextToken: 'n+/=' } },
  { op: ops.deadlineListQueues, command: dl.ListQueuesCommand, client: deadline, inputs: [{ farmId }, { farmId, status: 'SCHEDULING_BLOCKED', maxResults: 5, nextToken: TRICKY_TOKEN }], response: { queues: [queue] } },
  { op: ops.deadlineListJobs, command: dl.ListJobsCommand, client: deadline, inputs: [{ farmId, queueId, maxResults: 1 }], response: { jobs: [job], nextToken: 'x' } },
  { op: ops.deadlineListFleets, command: dl.ListFleetsCommand, client: deadline, inputs: [{ farmId, status: 'ACTIVE', maxResults: 20 }], response: { fleets: [fleet] } },
  { op: ops.deadlineListWorkers, command: dl.ListWorkersCommand, client: deadline, inputs: [{ farmId, fleetId, maxResults: 100, nextToken: TRICKY_TOKEN }], response: { workers: [worker] } },
  { op: ops.deadlineGetFarm, command: dl.GetFarmCommand, client: deadline, inputs: [{ farmId }], response: { ...farm, costScaleFactor: 1.5, description: 'd' } },
  { op: ops.deadlineGetQueue, command: dl.GetQueueCommand, client: deadline, inputs: [{ farmId, queueId }], response: { ...queue, roleArn: 'arn:aws:iam::1:role/q', description: 'q' } },
  { op: ops.deadlineGetJob, command: dl.GetJobCommand, client: deadline, inputs: [{ farmId, queueId, jobId }], response: { ...job, description: 'j', parameters: { frames: { string: '1-10' } } } },
  { op: ops.deadlineGetFleet, command: dl.GetFleetCommand, client: deadline, inputs: [{ farmId, fleetId }], response: { ...fleet, roleArn: 'arn:aws:iam::1:role/f' } },
  { op: ops.deadlineGetWorker, command: dl.GetWorkerCommand, client: deadline, inputs: [{ farmId, fleetId, workerId }], response: { ...worker, log: { logDriver: 'awslogs' } } },
  { op: ops.workSpacesWebListPortals, command: wsw.ListPortalsCommand, client: workSpacesWeb, inputs: [{}, { maxResults: 100, nextToken: 'tok+/=' }], response: { portals: [portal], nextToken: 'p' } },
  { op: ops.workSpacesWebGetPortal, command: wsw.GetPortalCommand, client: workSpacesWeb, inputs: [{ portalArn }], response: { portal: { ...portal, statusReason: 'fine' } } },
  { op: ops.codeCatalystListSpaces, command: cc.ListSpacesCommand, client: codeCatalyst, inputs: [{}, { nextToken: TRICKY_TOKEN }], response: { items: [{ name: 'my-space', regionName: 'us-west-2', displayName: 'S' }], nextToken: 's' } },
  { op: ops.codeCatalystListProjects, command: cc.ListProjectsCommand, client: codeCatalyst, inputs: [{ spaceName: 'my-space' }, { spaceName: 'my-space', maxResults: 100, nextToken: TRICKY_TOKEN }], response: { items: [{ name: 'proj.one', displayName: 'P' }] } },
  {
    op: ops.codeCatalystListDevEnvironments, command: cc.ListDevEnvironmentsCommand, client: codeCatalyst,
    inputs: [{ spaceName: 'my-space', projectName: 'proj.one' }, { spaceName: 'my-space', projectName: 'proj_two', maxResults: 50, nextToken: TRICKY_TOKEN }],
    response: { items: [devEnvironment], nextToken: 'd' },
  },
  { op: ops.codeCatalystGetSpace, command: cc.GetSpaceCommand, client: codeCatalyst, inputs: [{ name: 'my-space' }], response: { name: 'my-space', regionName: 'us-west-2', description: 'x' } },
  { op: ops.codeCatalystGetProject, command: cc.GetProjectCommand, client: codeCatalyst, inputs: [{ spaceName: 'my-space', name: 'proj.one' }], response: { spaceName: 'my-space', name: 'proj.one', displayName: 'P' } },
  { op: ops.codeCatalystGetDevEnvironment, command: cc.GetDevEnvironmentCommand, client: codeCatalyst, inputs: [{ spaceName: 'my-space', projectName: 'proj.one', id: devEnvironment.id }], response: devEnvironment },
];

async function oursSigned(op: OperationDescriptor, input: OperationInput, credentials: AwsCredentialIdentity = TEST_CREDENTIALS) {
  validateInput(op, input);
  const request = serializeRequest(op, input, resolveEndpoint(op.service, { region: REGION }));
  return op.service.auth === 'bearer'
    ? createBearerSigner(staticToken('tok-123'))(request)
    : createSigV4Signer({ signingName: op.service.signingName, region: REGION, credentials: staticCredentials(credentials) })(request);
}

async function theirs(c: Case, input: OperationInput, rec: Rec, credentials?: AwsCredentialIdentity) {
  await withoutSdkHeaders(c.client(rec, credentials) as never as { middlewareStack: any; send: Client['send'] }).send(new c.command(input)).catch(() => undefined);
  assert.equal(rec.requests.length, 1);
  return rec.requests[0]!;
}


describe('when an operation of the resource graph is called', () => {
  for (const c of CASES) {
    for (const input of c.inputs) {
      it(`then ${c.op.service.id} ${c.op.name} is the SDK's request (${Object.keys(input).join(', ') || 'no input'})`, async () => {
        const rec = recordingHandler(c.response);
        assert.deepEqual(wireView(await oursSigned(c.op, input)), wireView(await theirs(c, input, rec)));
      });
    }

    it(`then ${c.op.service.id} ${c.op.name} parses a response to the SDK's values`, async () => {
      const rec = recordingHandler(c.response);
      const sdk = (await c.client(rec).send(new c.command(c.inputs[0]!))) as Record<string, unknown>;
      if (c.op.output.kind === 'list') {
        const page = deserializeList(c.op, { statusCode: 200, headers: {}, body: Buffer.from(JSON.stringify(c.response)) });
        assert.deepEqual(normal({ [c.op.output.itemsKey]: page.items, nextToken: page.nextToken }), normal(sdk));
      } else {
        const record = deserializeRecord(c.op, { statusCode: 200, headers: {}, body: Buffer.from(JSON.stringify(c.response)) });
        const key = c.op.output.recordKey;
        assert.deepEqual(normal(key ? { [key]: record } : record), normal(sdk));
      }
    });
  }

  it('then GetPortal keeps the ARN\'s "/" as a separator and escapes every other reserved character as the SDK does', async () => {
    const rec = recordingHandler({ portal });
    const mine = wireView(await oursSigned(ops.workSpacesWebGetPortal, { portalArn }));
    assert.equal(mine.path, '/portals/arn%3Aaws%3Aworkspaces-web%3Aeu-central-1%3A123456789012%3Aportal/0f0e0d0c-0b0a-4909-8807-060504030201');
    assert.deepEqual(mine, wireView(await theirs(CASES.find((c) => c.op === ops.workSpacesWebGetPortal)!, { portalArn }, rec)));
  });

  it('then a portal ARN with a "." or ".." segment is refused before anything is built', () => {
    for (const bad of ['arn:aws:workspaces-web:eu-central-1:123456789012:portal/../0f0e0d0c-0b0a-4909-8807-060504030201', 'arn:a/./b:x:y:1:portal/0f0e0d0c-0b0a-4909-8807-060504030201']) {
      assert.throws(() => validateInput(ops.workSpacesWebGetPortal, { portalArn: bad }), /portalArn/);
    }
  });

  it('then ListSpaces sends no page size, and ListDevEnvironments names its project in the body', async () => {
    assert.equal(wireView(await oursSigned(ops.codeCatalystListSpaces, {})).body, '{}');
    const view = wireView(await oursSigned(ops.codeCatalystListDevEnvironments, { spaceName: 'my-space', projectName: 'p-1', maxResults: 7 }));
    assert.equal(view.path, '/v1/spaces/my-space/devEnvironments');
    assert.equal(view.body, '{"maxResults":7,"projectName":"p-1"}');
  });
});

describe('when ours and the SDK sign a graph operation at the same instant', () => {
  before(() => mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 10, 30, 23, 59, 59, 999) }));
  after(() => mock.timers.reset());
  for (const c of CASES) {
    const input = c.inputs[c.inputs.length - 1]!;
    const credentials = c.op.service.auth === 'bearer' ? undefined : TEMPORARY_CREDENTIALS;
    it(`then ${c.op.service.id} ${c.op.name} is the same request, header for header and signature for signature`, async () => {
      const rec = recordingHandler(c.response);
      const sdkRequest = await theirs(c, input, rec, credentials);
      const mine = await oursSigned(c.op, input, credentials);
      assert.deepEqual(wholeRequest(mine, requestTarget(mine)), wholeRequest(sdkRequest, sdkRequestTarget(sdkRequest)));
    });
  }
});

describe('when Nova Act\'s graph operations are called (facts of the nova-act 2025-08-22 model)', () => {
  const view = async (op: OperationDescriptor, input: OperationInput) => wireView(await oursSigned(op, input));
  const auth = { kind: 'sigv4', region: REGION, service: 'nova-act' };
  const hostname = `nova-act.${REGION}.amazonaws.com`;
  const runId = '0f0e0d0c-0b0a-4909-8807-060504030201';

  it('then ListWorkflowDefinitions is a POST with paging in the query and sortOrder in the body', async () => {
    assert.deepEqual(await view(ops.novaActListWorkflowDefinitions, { maxResults: 10, nextToken: 'tok+/=&?#%é', sortOrder: 'Ascending' }), {
      method: 'POST', hostname, path: '/workflow-definitions', query: { maxResults: '10', nextToken: 'tok+/=&?#%é' }, body: '{"sortOrder":"Ascending"}', contentType: 'application/json', auth,
    });
  });

  it('then ListWorkflowRuns is a POST under its definition', async () => {
    assert.deepEqual(await view(ops.novaActListWorkflowRuns, { workflowDefinitionName: 'my_flow-1', maxResults: 100 }), {
      method: 'POST', hostname, path: '/workflow-definitions/my_flow-1/workflow-runs', query: { maxResults: '100' }, body: '{}', contentType: 'application/json', auth,
    });
  });

  it('then GetWorkflowDefinition and GetWorkflowRun are GETs with no body', async () => {
    assert.deepEqual(await view(ops.novaActGetWorkflowDefinition, { workflowDefinitionName: 'my_flow-1' }), {
      method: 'GET', hostname, path: '/workflow-definitions/my_flow-1', query: {}, body: undefined, contentType: undefined, auth,
    });
    assert.deepEqual(await view(ops.novaActGetWorkflowRun, { workflowDefinitionName: 'my_flow-1', workflowRunId: runId }), {
      method: 'GET', hostname, path: `/workflow-definitions/my_flow-1/workflow-runs/${runId}`, query: {}, body: undefined, contentType: undefined, auth,
    });
  });

  it('then their timestamps (iso8601 in the model) parse to Dates', () => {
    const page = deserializeList(ops.novaActListWorkflowRuns, {
      statusCode: 200, headers: {},
      body: Buffer.from(JSON.stringify({ workflowRunSummaries: [{ workflowRunArn: 'a', workflowRunId: runId, status: 'RUNNING', startedAt: T2, endedAt: T3 }] })),
    });
    assert.equal((page.items[0]!.startedAt as Date).toISOString(), '2026-10-01T08:00:52.166Z');
    assert.equal((page.items[0]!.endedAt as Date).toISOString(), '2026-10-02T08:00:52.000Z');
  });
});
