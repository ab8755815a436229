/** Nova Act (signing name `nova-act`), API version 2025-08-22. No JavaScript SDK exists; facts from the model. */
import type { OperationDescriptor, ServiceDescriptor } from '../operation.js';
import { pathLabel, queryMaxResults, queryNextToken } from './patterns.js';

export const novaAct: ServiceDescriptor = {
  id: 'nova-act', signingName: 'nova-act', endpointPrefix: 'nova-act', envSuffix: 'NOVA_ACT', auth: 'sigv4',
};

export const novaActListSessions: OperationDescriptor = {
  service: novaAct,
  name: 'ListSessions',
  method: 'POST',
  path: '/workflow-definitions/{workflowDefinitionName}/workflow-runs/{workflowRunId}',
  members: {
    workflowDefinitionName: pathLabel('[a-zA-Z0-9_-]{1,40}', '1-40 letters, digits, "_" or "-"', { minLength: 1, maxLength: 40 }),
    workflowRunId: pathLabel('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'a lowercase UUID'),
    maxResults: queryMaxResults(100),
    nextToken: { ...queryNextToken(2048), pattern: '\\S*', describe: 'no whitespace' },
    sortOrder: { location: 'body', type: 'string', enum: ['Ascending', 'Descending'] },
  },
  output: { kind: 'list', itemsKey: 'sessionSummaries' },
  timestamps: { format: 'iso8601', fields: [] },
  paging: { minPageSize: 1, maxPageSize: 100 },
};
