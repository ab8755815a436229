/**
 * Deadline Cloud's resource graph: farms hold queues and fleets, queues hold jobs, fleets hold workers, and jobs and
 * workers hold sessions. Each resource is refetched through its Get operation; each session points back to its job
 * and worker.
 */
import * as ops from '../../upstream/operations/index.js';
import { builder } from '../builder.js';
import { dateTime, enumOf, float, int, objectOf, str, strings, upstreamFields } from '../shared/fields.js';
import { listingField, parentField, resourceConnection, resourceNode, type ResourceValue } from '../shared/resource.js';
import { wireEnum } from '../shared/wire-enum.js';
import { DeadlineSession, DeadlineSessionConnection, toDeadlineSession, type DeadlineSessionShape } from './deadline.js';

const enums = {
  queueStatus: wireEnum('DeadlineQueueStatus', { IDLE: 'IDLE', SCHEDULING: 'SCHEDULING', SCHEDULING_BLOCKED: 'SCHEDULING_BLOCKED' }, 'Whether a Deadline Cloud queue is scheduling jobs.'),
  budgetAction: wireEnum('DeadlineQueueBudgetAction', { NONE: 'NONE', STOP_SCHEDULING_AND_COMPLETE_TASKS: 'STOP_SCHEDULING_AND_COMPLETE_TASKS', STOP_SCHEDULING_AND_CANCEL_TASKS: 'STOP_SCHEDULING_AND_CANCEL_TASKS' }, 'What a queue does when its budget runs out.'),
  blockedReason: wireEnum('DeadlineQueueBlockedReason', { NO_BUDGET_CONFIGURED: 'NO_BUDGET_CONFIGURED', BUDGET_THRESHOLD_REACHED: 'BUDGET_THRESHOLD_REACHED' }, 'Why a queue is not scheduling.'),
  jobLifecycle: wireEnum('DeadlineJobLifecycleStatus', Object.fromEntries(['CREATE_IN_PROGRESS', 'CREATE_FAILED', 'CREATE_COMPLETE', 'UPLOAD_IN_PROGRESS', 'UPLOAD_FAILED', 'UPDATE_IN_PROGRESS', 'UPDATE_FAILED', 'UPDATE_SUCCEEDED', 'ARCHIVED'].map((v) => [v, v])), 'The life-cycle status of a Deadline Cloud job.'),
  taskRun: wireEnum('DeadlineTaskRunStatus', Object.fromEntries(['PENDING', 'READY', 'ASSIGNED', 'STARTING', 'SCHEDULED', 'INTERRUPTING', 'RUNNING', 'SUSPENDED', 'CANCELED', 'FAILED', 'SUCCEEDED', 'NOT_COMPATIBLE'].map((v) => [v, v])), 'The run status of a job\'s tasks.'),
  targetTaskRun: wireEnum('DeadlineJobTargetTaskRunStatus', Object.fromEntries(['READY', 'FAILED', 'SUCCEEDED', 'CANCELED', 'SUSPENDED', 'PENDING'].map((v) => [v, v])), 'The run status a job\'s tasks are moving to.'),
  fleetStatus: wireEnum('DeadlineFleetStatus', Object.fromEntries(['ACTIVE', 'CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'CREATE_FAILED', 'UPDATE_FAILED', 'SUSPENDED'].map((v) => [v, v])), 'The status of a Deadline Cloud fleet.'),
  autoScaling: wireEnum('DeadlineAutoScalingStatus', { GROWING: 'GROWING', STEADY: 'STEADY', SHRINKING: 'SHRINKING' }, 'How a fleet is scaling.'),
  workerStatus: wireEnum('DeadlineWorkerStatus', Object.fromEntries(['CREATED', 'STARTED', 'STOPPING', 'STOPPED', 'NOT_RESPONDING', 'NOT_COMPATIBLE', 'RUNNING', 'IDLE'].map((v) => [v, v])), 'The status of a Deadline Cloud worker.'),
};

const audit = { createdAt: dateTime({ required: true }), createdBy: str({ required: true }), updatedAt: dateTime(), updatedBy: str() };

const TaskRunStatusCount = builder.objectRef<{ status: string; count: number }>('DeadlineTaskRunStatusCount').implement({
  description: 'How many of a job\'s tasks are in one run status.',
  fields: (t) => ({ status: t.exposeString('status'), count: t.exposeInt('count') }),
});

const IpAddresses = builder.objectRef<Record<string, unknown>>('DeadlineIpAddresses').implement({
  description: 'A worker host\'s IP addresses.',
  fields: (t) => upstreamFields<Record<string, unknown>>(t, { ipV4Addresses: strings(), ipV6Addresses: strings() }, (v) => v) as never,
});

const HostProperties = builder.objectRef<Record<string, unknown>>('DeadlineHostProperties').implement({
  description: 'What a worker\'s host reports about itself.',
  fields: (t) => upstreamFields<Record<string, unknown>>(t, { hostName: str(), ec2InstanceArn: str(), ec2InstanceType: str(), ipAddresses: objectOf(IpAddresses) }, (v) => v) as never,
});

export const Farm = resourceNode({
  name: 'DeadlineFarm', service: 'DEADLINE', description: 'A Deadline Cloud farm (ListFarms, GetFarm).', key: ['farmId'], get: ops.deadlineGetFarm,
  fields: { displayName: str({ required: true }), description: str({ description: 'From GetFarm only.' }), kmsKeyArn: str(), costScaleFactor: float({ description: 'From GetFarm only.' }), ...audit },
});

export const Queue = resourceNode({
  name: 'DeadlineQueue', service: 'DEADLINE', description: 'A queue of a Deadline Cloud farm (ListQueues, GetQueue).', key: ['farmId', 'queueId'], get: ops.deadlineGetQueue,
  fields: {
    displayName: str({ required: true }), description: str({ description: 'From GetQueue only.' }), status: enumOf(enums.queueStatus), defaultBudgetAction: enumOf(enums.budgetAction),
    blockedReason: enumOf(enums.blockedReason), roleArn: str({ description: 'From GetQueue only.' }), ...audit,
  },
});

export const Job = resourceNode({
  name: 'DeadlineJob', service: 'DEADLINE', description: 'A job of a Deadline Cloud queue (ListJobs, GetJob).', key: ['farmId', 'queueId', 'jobId'], get: ops.deadlineGetJob,
  fields: {
    name: str({ required: true }), description: str({ description: 'From GetJob only.' }), lifecycleStatus: enumOf(enums.jobLifecycle), lifecycleStatusMessage: str(), priority: int(),
    startedAt: dateTime(), endedAt: dateTime(), taskRunStatus: enumOf(enums.taskRun), targetTaskRunStatus: enumOf(enums.targetTaskRun),
    taskRunStatusCounts: objectOf(TaskRunStatusCount, {
      list: true, read: (map) => (map && typeof map === 'object' ? Object.entries(map).filter(([, n]) => typeof n === 'number').map(([status, count]) => ({ status, count })) : null),
    }),
    taskFailureRetryCount: int(), maxFailedTasksCount: int(), maxRetriesPerTask: int(), maxWorkerCount: int(), sourceJobId: str(), ...audit,
  },
});

export const Fleet = resourceNode({
  name: 'DeadlineFleet', service: 'DEADLINE', description: 'A fleet of a Deadline Cloud farm (ListFleets, GetFleet).', key: ['farmId', 'fleetId'], get: ops.deadlineGetFleet,
  fields: {
    displayName: str({ required: true }), description: str({ description: 'From GetFleet only.' }), status: enumOf(enums.fleetStatus), statusMessage: str(), autoScalingStatus: enumOf(enums.autoScaling),
    targetWorkerCount: int(), workerCount: int(), minWorkerCount: int(), maxWorkerCount: int(), roleArn: str({ description: 'From GetFleet only.' }), ...audit,
  },
});

export const Worker = resourceNode({
  name: 'DeadlineWorker', service: 'DEADLINE', description: 'A worker of a Deadline Cloud fleet (ListWorkers, GetWorker).', key: ['farmId', 'fleetId', 'workerId'], get: ops.deadlineGetWorker,
  fields: { status: enumOf(enums.workerStatus), hostProperties: objectOf(HostProperties), ...audit },
});

const FarmConnection = resourceConnection(Farm);
const QueueConnection = resourceConnection(Queue);
const JobConnection = resourceConnection(Job);
const FleetConnection = resourceConnection(Fleet);
const WorkerConnection = resourceConnection(Worker);

type Status = { status?: string | null };
const ids = (v: ResourceValue) => v.ids;

builder.queryField('deadlineFarms', (t) => listingField<undefined, object>(t, {
  field: 'deadlineFarms', op: ops.deadlineListFarms, connection: FarmConnection, fixes: [],
  description: 'The Deadline Cloud farms the gateway\'s credentials can list (ListFarms).',
  root: true, input: () => ({}), toNode: (item, _p, _a, place) => Farm.from(item, {}, place),
}));

builder.objectFields(Farm.ref, (t: any) => ({
  queues: listingField<ResourceValue, Status>(t, {
    field: 'DeadlineFarm.queues', op: ops.deadlineListQueues, connection: QueueConnection, fixes: ['farmId'],
    description: 'The farm\'s queues (ListQueues).',
    args: (a) => ({ status: a.arg({ type: enums.queueStatus.ref }) }),
    input: (farm, { status }) => ({ farmId: farm.ids.farmId, status: status ?? undefined }), toNode: (item, farm) => Queue.from(item, farm.ids, farm.place),
  }),
  fleets: listingField<ResourceValue, Status>(t, {
    field: 'DeadlineFarm.fleets', op: ops.deadlineListFleets, connection: FleetConnection, fixes: ['farmId'],
    description: 'The farm\'s fleets (ListFleets).',
    args: (a) => ({ status: a.arg({ type: enums.fleetStatus.ref }) }),
    input: (farm, { status }) => ({ farmId: farm.ids.farmId, status: status ?? undefined }), toNode: (item, farm) => Fleet.from(item, farm.ids, farm.place),
  }),
}));

builder.objectFields(Queue.ref, (t: any) => ({
  farm: parentField(t, Farm, (q: ResourceValue) => ({ farmId: q.ids.farmId! }), 'The farm of this queue (GetFarm).'),
  jobs: listingField<ResourceValue, object>(t, {
    field: 'DeadlineQueue.jobs', op: ops.deadlineListJobs, connection: JobConnection, fixes: ['farmId', 'queueId'],
    description: 'The queue\'s jobs (ListJobs).',
    input: (queue) => ({ farmId: queue.ids.farmId, queueId: queue.ids.queueId }), toNode: (item, queue) => Job.from(item, queue.ids, queue.place),
  }),
}));

builder.objectFields(Job.ref, (t: any) => ({
  queue: parentField(t, Queue, (j: ResourceValue) => ({ farmId: j.ids.farmId!, queueId: j.ids.queueId! }), 'The queue of this job (GetQueue).'),
  sessions: listingField<ResourceValue, object>(t, {
    field: 'DeadlineJob.sessions', op: ops.deadlineListSessions, connection: DeadlineSessionConnection, fixes: ['farmId', 'queueId', 'jobId'],
    description: 'The job\'s sessions (ListSessions).',
    input: (job) => ids(job), toNode: (item, job) => toDeadlineSession(item, job.ids as never, job.place),
  }),
}));

builder.objectFields(Fleet.ref, (t: any) => ({
  farm: parentField(t, Farm, (f: ResourceValue) => ({ farmId: f.ids.farmId! }), 'The farm of this fleet (GetFarm).'),
  workers: listingField<ResourceValue, object>(t, {
    field: 'DeadlineFleet.workers', op: ops.deadlineListWorkers, connection: WorkerConnection, fixes: ['farmId', 'fleetId'],
    description: 'The fleet\'s workers (ListWorkers).',
    input: (fleet) => ids(fleet), toNode: (item, fleet) => Worker.from(item, fleet.ids, fleet.place),
  }),
}));

builder.objectFields(Worker.ref, (t: any) => ({
  fleet: parentField(t, Fleet, (w: ResourceValue) => ({ farmId: w.ids.farmId!, fleetId: w.ids.fleetId! }), 'The fleet of this worker (GetFleet).'),
  sessions: listingField<ResourceValue, object>(t, {
    field: 'DeadlineWorker.sessions', op: ops.deadlineListSessionsForWorker, connection: DeadlineSessionConnection, fixes: ['farmId', 'fleetId', 'workerId'],
    description: 'The worker\'s sessions (ListSessionsForWorker).',
    input: (worker) => ids(worker), toNode: (item, worker) => toDeadlineSession(item, worker.ids as never, worker.place),
  }),
}));

builder.objectFields(DeadlineSession, (t: any) => ({
  job: parentField(t, Job, (s: DeadlineSessionShape) => ({ farmId: s.farmId, queueId: s.queueId, jobId: s.jobId }), 'The job this session ran for (GetJob; one call per job however many of its sessions ask).'),
  worker: parentField(t, Worker, (s: DeadlineSessionShape) => ({ farmId: s.farmId, fleetId: s.fleetId, workerId: s.workerId }), 'The worker this session ran on (GetWorker).'),
}));
