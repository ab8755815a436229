/** WorkSpaces Web / Secure Browser (signing name `workspaces-web`), API version 2020-07-08. */
import type { OperationDescriptor, ServiceDescriptor } from '../operation.js';
import { pathLabel, queryMaxResults, queryNextToken } from './patterns.js';

export const workSpacesWeb: ServiceDescriptor = {
  id: 'workspaces-web', serviceId: 'WorkSpaces Web', signingName: 'workspaces-web', endpointPrefix: 'workspaces-web', envSuffix: 'WORKSPACES_WEB', auth: 'sigv4',
};

const id36 = (what: string) =>
  pathLabel('[a-zA-Z0-9\\-]+', `36 letters, digits or "-" (${what})`, { minLength: 36, maxLength: 36 });

/** Response timestamps are epoch seconds (JSON numbers, with fractions): the rest-json default. */
const timestamps = { format: 'epoch-seconds', fields: ['startTime', 'endTime', 'creationDate'] } as const;

/** WorkSpaces Web's page token, as every list of the model bounds it. */
const nextToken = { ...queryNextToken(2048), pattern: '\\S+', describe: 'no whitespace' };

export const workSpacesWebListSessions: OperationDescriptor = {
  service: workSpacesWeb,
  name: 'ListSessions',
  method: 'GET',
  path: '/portals/{portalId}/sessions',
  members: {
    portalId: id36('a portal ID'),
    username: { location: 'query', type: 'string', minLength: 0, maxLength: 256 },
    sessionId: { ...id36('a session ID'), location: 'query', required: false },
    sortBy: { location: 'query', type: 'string', enum: ['StartTimeAscending', 'StartTimeDescending'] },
    status: { location: 'query', type: 'string', enum: ['Active', 'Terminated'] },
    // The model sets no upper bound; we never ask for more than 100 at once.
    maxResults: queryMaxResults(100),
    nextToken,
  },
  output: { kind: 'list', itemsKey: 'sessions' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 100 },
};

export const workSpacesWebGetSession: OperationDescriptor = {
  service: workSpacesWeb,
  name: 'GetSession',
  method: 'GET',
  path: '/portals/{portalId}/sessions/{sessionId}',
  members: { portalId: id36('a portal ID'), sessionId: id36('a session ID') },
  output: { kind: 'record', recordKey: 'session' },
  timestamps,
};

/** A WorkSpaces Web ARN as the model writes it (PortalSummary.portalArn, GetPortal's label). */
const ARN = 'arn:[\\w+=\\/,.@-]+:[a-zA-Z0-9\\-]+:[a-zA-Z0-9\\-]*:[a-zA-Z0-9]{1,12}:[a-zA-Z]+(\\/[a-fA-F0-9\\-]{36})+';

/** ListPortals has no paginator in the model, but pages with nextToken/maxResults like the rest (no upper bound: we ask for 100 at most). */
export const workSpacesWebListPortals: OperationDescriptor = {
  service: workSpacesWeb,
  name: 'ListPortals',
  method: 'GET',
  path: '/portals',
  members: { maxResults: queryMaxResults(100), nextToken },
  output: { kind: 'list', itemsKey: 'portals' },
  timestamps,
  paging: { minPageSize: 1, maxPageSize: 100 },
};

/** GetPortal takes the portal's ARN as a greedy label: its `/` stay path separators, each segment is escaped. */
export const workSpacesWebGetPortal: OperationDescriptor = {
  service: workSpacesWeb,
  name: 'GetPortal',
  method: 'GET',
  path: '/portals/{portalArn+}',
  members: { portalArn: pathLabel(ARN, 'a WorkSpaces Web portal ARN', { minLength: 20, maxLength: 2048, greedy: true }) },
  output: { kind: 'record', recordKey: 'portal' },
  timestamps,
};
