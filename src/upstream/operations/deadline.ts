/** Deadline Cloud (signing name `deadline`), API version 2023-10-12. Every operation here has the `management.` host prefix. */
import type { OperationDescriptor, ServiceDescriptor } from '../operation.js';
import { deadlineId, queryMaxResults, queryNextToken } from './patterns.js';

export const deadline: ServiceDescriptor = {
  id: 'deadline', signingName: 'deadline', endpointPrefix: 'deadline', envSuffix: 'DEADLINE', auth: 'sigv4',
};

const common = {
  service: deadline,
  method: 'GET',
  hostPrefix: 'management.',
  timestamps: { format: 'iso8601', fields: ['startedAt', 'endedAt', 'updatedAt'] },
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

export const deadlineGetSession: OperationDescriptor = {
  ...common,
  name: 'GetSession',
  path: '/2023-10-12/farms/{farmId}/queues/{queueId}/jobs/{jobId}/sessions/{sessionId}',
  members: { farmId: deadlineId('farm'), queueId: deadlineId('queue'), jobId: deadlineId('job'), sessionId: deadlineId('session') },
  output: { kind: 'record' },
};
