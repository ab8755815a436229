/** Nova Act (signing name `nova-act`), API version 2025-08-22. No JavaScript SDK exists; facts from the model. */
import type { OperationDescriptor, ServiceDescriptor } from '../operation.js';
import { pathLabel, queryMaxResults, queryNextToken } from './patterns.js';

export const novaAct: ServiceDescriptor = {
  id: 'nova-act', serviceId: 'Nova Act', signingName: 'nova-act', endpointPrefix: 'nova-act', envSuffix: 'NOVA_ACT', auth: 'sigv4',
};

const definition = { workflowDefinitionName: pathLabel('[a-zA-Z0-9_-]{1,40}', '1-40 letters, digits, "_" or "-"', { minLength: 1, maxLength: 40 }) };
const run = { ...definition, workflowRunId: pathLabel('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'a lowercase UUID') };
/** Nova Act's lists are POSTs: paging in the query string, the sort order in the JSON body. */
const sortedPaging = {
  maxResults: queryMaxResults(100),
  nextToken: { ...queryNextToken(2048), pattern: '\\S*', describe: 'no whitespace' },
  sortOrder: { location: 'body', type: 'string', enum: ['Ascending', 'Descending'] },
} as const;
const timestamps = { format: 'iso8601', fields: ['createdAt', 'startedAt', 'endedAt'] } as const;

export const novaActListWorkflowDefinitions: OperationDescriptor = {
  service: novaAct, name: 'ListWorkflowDefinitions', method: 'POST', path: '/workflow-definitions',
  members: sortedPaging,
  output: { kind: 'list', itemsKey: 'workflowDefinitionSummaries' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 100 },
};

export const novaActListWorkflowRuns: OperationDescriptor = {
  service: novaAct, name: 'ListWorkflowRuns', method: 'POST', path: '/workflow-definitions/{workflowDefinitionName}/workflow-runs',
  members: { ...definition, ...sortedPaging },
  output: { kind: 'list', itemsKey: 'workflowRunSummaries' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 100 },
};

export const novaActGetWorkflowDefinition: OperationDescriptor = {
  service: novaAct, name: 'GetWorkflowDefinition', method: 'GET', path: '/workflow-definitions/{workflowDefinitionName}',
  members: definition, output: { kind: 'record' }, timestamps,
};

export const novaActGetWorkflowRun: OperationDescriptor = {
  service: novaAct, name: 'GetWorkflowRun', method: 'GET', path: '/workflow-definitions/{workflowDefinitionName}/workflow-runs/{workflowRunId}',
  members: run, output: { kind: 'record' }, timestamps,
};

export const novaActListSessions: OperationDescriptor = {
  service: novaAct,
  name: 'ListSessions',
  method: 'POST',
  path: '/workflow-definitions/{workflowDefinitionName}/workflow-runs/{workflowRunId}',
  members: { ...run, ...sortedPaging },
  output: { kind: 'list', itemsKey: 'sessionSummaries' },
  timestamps: { format: 'iso8601', fields: [] },
  paging: { minPageSize: 1, maxPageSize: 100 },
};
