/** CodeCatalyst (bearer-token auth, global endpoint), API version 2022-09-28. */
import type { OperationDescriptor, ServiceDescriptor } from '../operation.js';
import { pathLabel } from './patterns.js';

export const codeCatalyst: ServiceDescriptor = {
  id: 'codecatalyst', serviceId: 'CodeCatalyst', signingName: 'codecatalyst', endpointPrefix: 'codecatalyst', envSuffix: 'CODECATALYST', auth: 'bearer', global: true,
};

const name = (what: string) =>
  pathLabel('[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*', `3-63 letters or digits, single "-", "_" or "." between them (${what})`, { minLength: 3, maxLength: 63 });

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const bodyNextToken = { location: 'body', type: 'string', minLength: 1, maxLength: 10000 } as const;
const bodyMaxResults = (max: number) => ({ location: 'body', type: 'integer', min: 1, max } as const);
const timestamps = { format: 'iso8601', fields: ['lastUpdatedTime', 'startedTime'] } as const;

/**
 * ListSpaces pages in the body and takes no maxResults: the service picks the page size. The gateway counts on
 * pages of at least 20 when it bounds its calls; shorter pages end a page early with hasNextPage true.
 */
export const codeCatalystListSpaces: OperationDescriptor = {
  service: codeCatalyst, name: 'ListSpaces', method: 'POST', path: '/v1/spaces',
  members: { nextToken: bodyNextToken },
  output: { kind: 'list', itemsKey: 'items' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 20, sized: false },
};

export const codeCatalystListProjects: OperationDescriptor = {
  service: codeCatalyst, name: 'ListProjects', method: 'POST', path: '/v1/spaces/{spaceName}/projects',
  // Body members in the order the official serializer writes them.
  members: { spaceName: name('a space name'), maxResults: bodyMaxResults(100), nextToken: bodyNextToken },
  output: { kind: 'list', itemsKey: 'items' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 100 },
};

/** ListDevEnvironments is per space; the project is a body member. */
export const codeCatalystListDevEnvironments: OperationDescriptor = {
  service: codeCatalyst, name: 'ListDevEnvironments', method: 'POST', path: '/v1/spaces/{spaceName}/devEnvironments',
  members: {
    spaceName: name('a space name'),
    maxResults: bodyMaxResults(50),
    nextToken: bodyNextToken,
    projectName: { ...name('a project name'), location: 'body' },
  },
  output: { kind: 'list', itemsKey: 'items' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 50 },
};

export const codeCatalystGetSpace: OperationDescriptor = {
  service: codeCatalyst, name: 'GetSpace', method: 'GET', path: '/v1/spaces/{name}',
  members: { name: name('a space name') }, output: { kind: 'record' }, timestamps,
};

export const codeCatalystGetProject: OperationDescriptor = {
  service: codeCatalyst, name: 'GetProject', method: 'GET', path: '/v1/spaces/{spaceName}/projects/{name}',
  members: { spaceName: name('a space name'), name: name('a project name') }, output: { kind: 'record' }, timestamps,
};

export const codeCatalystGetDevEnvironment: OperationDescriptor = {
  service: codeCatalyst, name: 'GetDevEnvironment', method: 'GET', path: '/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}',
  members: { spaceName: name('a space name'), projectName: name('a project name'), id: pathLabel(UUID, 'a UUID') },
  output: { kind: 'record' }, timestamps,
};

export const codeCatalystListDevEnvironmentSessions: OperationDescriptor = {
  service: codeCatalyst,
  name: 'ListDevEnvironmentSessions',
  method: 'POST',
  path: '/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{devEnvironmentId}/sessions',
  members: {
    spaceName: name('a space name'),
    projectName: name('a project name'),
    devEnvironmentId: pathLabel(UUID, 'a UUID'),
    // Body members in the order the official serializer writes them.
    maxResults: { location: 'body', type: 'integer', min: 1, max: 200 },
    nextToken: { location: 'body', type: 'string', minLength: 1, maxLength: 10000 },
  },
  output: { kind: 'list', itemsKey: 'items' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 200 },
};
