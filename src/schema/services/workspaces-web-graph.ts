/** WorkSpaces Web's resource graph: portals hold sessions; each session points back to its portal. */
import * as ops from '../../upstream/operations/index.js';
import { builder } from '../builder.js';
import { dateTime, enumOf, int, str } from '../shared/fields.js';
import { listingField, parentField, resourceConnection, resourceNode, type ResourceValue } from '../shared/resource.js';
import { wireEnum } from '../shared/wire-enum.js';
import { WorkSpacesWebSession, WorkSpacesWebSessionConnection, sessionSortBy, sessionStatus, toWorkSpacesWebSession, type WorkSpacesWebSessionShape } from './workspaces-web.js';

const portalStatus = wireEnum('WorkSpacesWebPortalStatus', { INCOMPLETE: 'Incomplete', PENDING: 'Pending', ACTIVE: 'Active' }, 'The status of a WorkSpaces Web portal.');
const authenticationType = wireEnum('WorkSpacesWebAuthenticationType', { STANDARD: 'Standard', IAM_IDENTITY_CENTER: 'IAM_Identity_Center' }, 'How a portal\'s users sign in.');
const instanceType = wireEnum('WorkSpacesWebInstanceType', { STANDARD_REGULAR: 'standard.regular', STANDARD_LARGE: 'standard.large', STANDARD_XLARGE: 'standard.xlarge' }, 'The instance type of a portal\'s streaming instances.');

/** The portal ID is the ARN's last segment. */
export const portalIdOf = (portalArn: string) => portalArn.slice(portalArn.lastIndexOf('/') + 1);

export const Portal = resourceNode({
  name: 'WorkSpacesWebPortal', service: 'WORKSPACES_WEB', description: 'A WorkSpaces Web (Secure Browser) portal (ListPortals, GetPortal).',
  key: ['portalArn'], get: ops.workSpacesWebGetPortal, arn: 'portalArn',
  fields: {
    displayName: str(), portalStatus: enumOf(portalStatus), statusReason: str({ description: 'From GetPortal only.' }), portalEndpoint: str(), portalCustomDomain: str(),
    creationDate: dateTime(), browserType: str(), rendererType: str(), authenticationType: enumOf(authenticationType), instanceType: enumOf(instanceType),
    maxConcurrentSessions: int(), browserSettingsArn: str(), networkSettingsArn: str(), userSettingsArn: str(), trustStoreArn: str(),
  },
});

builder.objectField(Portal.ref, 'portalId', (t: any) => t.field({ type: 'ID', resolve: (p: ResourceValue) => portalIdOf(p.ids.portalArn!) }));

const PortalConnection = resourceConnection(Portal);

builder.queryField('workSpacesWebPortals', (t) => listingField<undefined, object>(t, {
  field: 'workSpacesWebPortals', op: ops.workSpacesWebListPortals, connection: PortalConnection, fixes: [],
  description: 'The WorkSpaces Web portals the gateway\'s credentials can list (ListPortals).',
  root: true, input: () => ({}), toNode: (item, _r, _a, place) => Portal.from(item, {}, place),
}));

type SessionArgs = { username?: string | null; sessionId?: string | null; status?: string | null; sortBy?: string | null };

builder.objectFields(Portal.ref, (t: any) => ({
  sessions: listingField<ResourceValue, SessionArgs>(t, {
    field: 'WorkSpacesWebPortal.sessions', op: ops.workSpacesWebListSessions, connection: WorkSpacesWebSessionConnection, fixes: ['portalArn', 'portalId'],
    description: 'The portal\'s sessions (ListSessions), filtered and sorted by the service.',
    args: (a) => ({ username: a.arg.string(), sessionId: a.arg.id(), status: a.arg({ type: sessionStatus.ref }), sortBy: a.arg({ type: sessionSortBy.ref }) }),
    input: (p, a) => ({
      portalId: portalIdOf(p.ids.portalArn!), username: a.username ?? undefined, sessionId: a.sessionId ?? undefined, status: a.status ?? undefined, sortBy: a.sortBy ?? undefined,
    }),
    toNode: (item, p) => toWorkSpacesWebSession(item, portalIdOf(p.ids.portalArn!), p.place),
  }),
}));

builder.objectFields(WorkSpacesWebSession, (t: any) => ({
  portal: parentField(t, Portal, (s: WorkSpacesWebSessionShape) => (s.portalArn ? { portalArn: s.portalArn } : null), 'The portal of this session (GetPortal; one call per portal).'),
}));
