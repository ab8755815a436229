/** CodeCatalyst (bearer-token auth, global endpoint), API version 2022-09-28. */
import type { OperationDescriptor, ServiceDescriptor } from '../operation.js';
import { pathLabel } from './patterns.js';

export const codeCatalyst: ServiceDescriptor = {
  id: 'codecatalyst', signingName: 'codecatalyst', endpointPrefix: 'codecatalyst', envSuffix: 'CODECATALYST', auth: 'bearer', global: true,
};

const name = (what: string) =>
  pathLabel('[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*', `3-63 letters or digits, single "-", "_" or "." between them (${what})`, { minLength: 3, maxLength: 63 });

export const codeCatalystListDevEnvironmentSessions: OperationDescriptor = {
  service: codeCatalyst,
  name: 'ListDevEnvironmentSessions',
  method: 'POST',
  path: '/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{devEnvironmentId}/sessions',
  members: {
    spaceName: name('a space name'),
    projectName: name('a project name'),
    devEnvironmentId: pathLabel('[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', 'a UUID'),
    // Body members in the order the official serializer writes them.
    maxResults: { location: 'body', type: 'integer', min: 1, max: 200 },
    nextToken: { location: 'body', type: 'string', minLength: 1, maxLength: 10000 },
  },
  output: { kind: 'list', itemsKey: 'items' },
  timestamps: { format: 'iso8601', fields: ['startedTime'] },
  paging: { minPageSize: 1, maxPageSize: 200 },
};
