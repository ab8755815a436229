/** Deadline Cloud (signing name `deadline`), API version 2023-10-12. Every operation here has the `management.` host prefix. */
import type { OperationDescriptor, ServiceDescriptor } from '../operation.js';
import { deadlineId, queryMaxResults, queryNextToken } from './patterns.js';

export const deadline: ServiceDescriptor = {
  id: 'deadline', serviceId: 'deadline', signingName: 'deadline', endpointPrefix: 'deadline', envSuffix: 'DEADLINE', auth: 'sigv4',
};

const common = {
  service: deadline,
  method: 'GET',
  hostPrefix: 'management.',
  timestamps: { format: 'iso8601', fields: ['startedAt', 'endedAt', 'updatedAt', 'createdAt'] },
} as const;

const paging = { maxResults: queryMaxResults(100), nextToken: queryNextToken(4096) };

export const deadlineListSessions: OperationDescriptor = {
  ...common,
  name: 'ListSessions',
  path: '/2023-10-12/farms/{farmId}/queues/{queueId}/jobs/{jobId}/sessions',
  members: { farmId: deadlineId('farm'), queueId: deadlineId('queue'), jobId: deadlineId('job'), ...paging },
  output: { kind: 'list', itemsKey: 'sessions' },
  paging: { minPageSize: 1, maxPageSize: 100 },
};

export const deadlineListSessionsForWorker: OperationDescriptor = {
  ...common,
  name: 'ListSessionsForWorker',
  path: '/2023-10-12/farms/{farmId}/fleets/{fleetId}/workers/{workerId}/sessions',
  members: { farmId: deadlineId('farm'), fleetId: deadlineId('fleet'), workerId: deadlineId('worker'), ...paging },
  output: { kind: 'list', itemsKey: 'sessions' },
  paging: { minPageSize: 1, maxPageSize: 100 },
};

const farm = { farmId: deadlineId('farm') };
const queue = { ...farm, queueId: deadlineId('queue') };
const fleet = { ...farm, fleetId: deadlineId('fleet') };
const page = { minPageSize: 1, maxPageSize: 100 };

export const deadlineListFarms: OperationDescriptor = {
  ...common, name: 'ListFarms', path: '/2023-10-12/farms', members: { ...paging },
  output: { kind: 'list', itemsKey: 'farms' }, paging: page,
};

export const deadlineListQueues: OperationDescriptor = {
  ...common, name: 'ListQueues', path: '/2023-10-12/farms/{farmId}/queues',
  members: { ...farm, ...paging, status: { location: 'query', type: 'string', enum: ['IDLE', 'SCHEDULING', 'SCHEDULING_BLOCKED'] } },
  output: { kind: 'list', itemsKey: 'queues' }, paging: page,
};

export const deadlineListJobs: OperationDescriptor = {
  ...common, name: 'ListJobs', path: '/2023-10-12/farms/{farmId}/queues/{queueId}/jobs', members: { ...queue, ...paging },
  output: { kind: 'list', itemsKey: 'jobs' }, paging: page,
};

export const deadlineListFleets: OperationDescriptor = {
  ...common, name: 'ListFleets', path: '/2023-10-12/farms/{farmId}/fleets',
  members: {
    ...farm, ...paging,
    status: { location: 'query', type: 'string', enum: ['ACTIVE', 'CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'CREATE_FAILED', 'UPDATE_FAILED', 'SUSPENDED'] },
  },
  output: { kind: 'list', itemsKey: 'fleets' }, paging: page,
};

export const deadlineListWorkers: OperationDescriptor = {
  ...common, name: 'ListWorkers', path: '/2023-10-12/farms/{farmId}/fleets/{fleetId}/workers', members: { ...fleet, ...paging },
  output: { kind: 'list', itemsKey: 'workers' }, paging: page,
};

export const deadlineGetFarm: OperationDescriptor = { ...common, name: 'GetFarm', path: '/2023-10-12/farms/{farmId}', members: farm, output: { kind: 'record' } };
export const deadlineGetQueue: OperationDescriptor = { ...common, name: 'GetQueue', path: '/2023-10-12/farms/{farmId}/queues/{queueId}', members: queue, output: { kind: 'record' } };
export const deadlineGetJob: OperationDescriptor = {
  ...common, name: 'GetJob', path: '/2023-10-12/farms/{farmId}/queues/{queueId}/jobs/{jobId}', members: { ...queue, jobId: deadlineId('job') }, output: { kind: 'record' },
};
export const deadlineGetFleet: OperationDescriptor = { ...common, name: 'GetFleet', path: '/2023-10-12/farms/{farmId}/fleets/{fleetId}', members: fleet, output: { kind: 'record' } };
export const deadlineGetWorker: OperationDescriptor = {
  ...common, name: 'GetWorker', path: '/2023-10-12/farms/{farmId}/fleets/{fleetId}/workers/{workerId}', members: { ...fleet, workerId: deadlineId('worker') }, output: { kind: 'record' },
};

export const deadlineGetSession: OperationDescriptor = {
  ...common,
  name: 'GetSession',
  path: '/2023-10-12/farms/{farmId}/queues/{queueId}/jobs/{jobId}/sessions/{sessionId}',
  members: { farmId: deadlineId('farm'), queueId: deadlineId('queue'), jobId: deadlineId('job'), sessionId: deadlineId('session') },
  output: { kind: 'record' },
};
