/** WorkSpaces Web (Secure Browser) sessions of a portal. */
import { workSpacesWebGetSession, workSpacesWebListSessions } from '../../upstream/operations/index.js';
import { builder } from '../builder.js';
import { guardNodeLoad } from '../shared/access.js';
import { loadEach } from '../shared/load-nodes.js';
import { resolveListConnection } from '../shared/list-connection.js';
import { nodeKey } from '../shared/node-keys.js';
import { pagingArgs } from '../shared/paging-args.js';
import { placeArgs } from '../shared/places.js';
import type { Place } from '../../upstream/place.js';
import { listingExtensions, nodeLoadExtensions } from '../shared/upstream-cost.js';
import { DateTime } from '../shared/scalars.js';
import { sessionSourceKind, withNodeKey } from '../shared/session-source.js';
import { Session, dateOf, stringOf, type SessionShape } from '../shared/session.js';
import { wireEnum } from '../shared/wire-enum.js';

/** A WorkSpaces Web session; `startedAt`/`endedAt` are its `startTime`/`endTime`. */
export interface WorkSpacesWebSessionShape extends SessionShape {
  service: 'WORKSPACES_WEB';
  portalId: string; portalArn: string | null; username: string | null;
  /** Read with sessionStatus: a wire value the schema knows, null, or the field's error. */
  status: ReturnType<typeof sessionStatus.read>;
  /** The portal's ARN, where the account ID is read from. */
  arn: string | null;
}

export const sessionStatus = wireEnum('WorkSpacesWebSessionStatus', { ACTIVE: 'Active', TERMINATED: 'Terminated' }, 'Whether a WorkSpaces Web session is active.');
export const sessionSortBy = wireEnum(
  'WorkSpacesWebSessionSortBy',
  { START_TIME_ASCENDING: 'StartTimeAscending', START_TIME_DESCENDING: 'StartTimeDescending' },
  'The order WorkSpaces Web lists sessions in.',
);

export function toWorkSpacesWebSession(item: Record<string, unknown>, portalId: string, place: Place): WorkSpacesWebSessionShape {
  return {
    service: 'WORKSPACES_WEB',
    place, region: place.region, account: place.account,
    arn: stringOf(item.portalArn),
    sessionId: String(item.sessionId),
    portalId,
    portalArn: stringOf(item.portalArn),
    username: stringOf(item.username),
    status: sessionStatus.read(item.status, 'status'),
    startedAt: dateOf(item.startTime),
    endedAt: dateOf(item.endTime),
  };
}

const keyOf = (s: WorkSpacesWebSessionShape) => nodeKey([s.portalId, s.sessionId], s.place);

type PortalSource = { portalId: string; username?: string | null; status?: string | null; sortBy?: string | null };

/**
 * `workSpacesWebPortals` sources of the unified connection. The service filters by status (so activeOnly is pushed
 * down as status Active) and sorts by start time (so start-time orders merge it lazily, overriding the source's sortBy).
 */
export const workSpacesWebPortalSource = sessionSourceKind<PortalSource, WorkSpacesWebSessionShape & { nodeKey: string }>({
  field: 'workSpacesWebPortals', service: 'WORKSPACES_WEB', op: workSpacesWebListSessions,
  input: ({ portalId, username, status, sortBy }: PortalSource, filter, order) => {
    if (filter.activeOnly && status === 'Terminated') return undefined;
    const sort = order === 'STARTED_AT_DESC' ? 'StartTimeDescending' : order === 'STARTED_AT_ASC' ? 'StartTimeAscending' : sortBy ?? undefined;
    return { portalId, username: username ?? undefined, status: filter.activeOnly ? 'Active' : status ?? undefined, sortBy: sort };
  },
  presorted: (order) => order !== 'SOURCE',
  toSession: withNodeKey((item, source: PortalSource, place) => toWorkSpacesWebSession(item, source.portalId, place), keyOf),
  isActive: (s) => s.status === 'Active',
});

export const WorkSpacesWebSession = builder.loadableNode('WorkSpacesWebSession', {
  extensions: nodeLoadExtensions({ by: 'get' }),
  description: 'A WorkSpaces Web (Amazon WorkSpaces Secure Browser) session.',
  interfaces: [Session],
  isTypeOf: (value) => (value as SessionShape).service === 'WORKSPACES_WEB',
  id: { resolve: keyOf },
  load: guardNodeLoad('WORKSPACES_WEB', (keys: string[], ctx) =>
    loadEach(ctx, 'WORKSPACES_WEB', keys, ['portalId', 'sessionId'] as const, async (ids, place) =>
      toWorkSpacesWebSession(await ctx.loaders.record(workSpacesWebGetSession, ids, place), ids.portalId, place))),
  fields: (t) => ({
    portalId: t.exposeString('portalId'),
    portalArn: t.exposeString('portalArn', { nullable: true }),
    username: t.exposeString('username', { nullable: true }),
    status: t.expose('status', { type: sessionStatus.ref, nullable: true }),
    startTime: t.expose('startedAt', { type: DateTime, nullable: true }),
    endTime: t.expose('endedAt', { type: DateTime, nullable: true }),
  }),
});

export const WorkSpacesWebSessionConnection = builder.connectionObject(
  { type: WorkSpacesWebSession, name: 'WorkSpacesWebSessionConnection' },
  { name: 'WorkSpacesWebSessionEdge' },
);

builder.queryField('workSpacesWebSessions', (t) =>
  t.field({
    type: WorkSpacesWebSessionConnection,
    nullable: true,
    extensions: listingExtensions(workSpacesWebListSessions, ['portalId', 'portalArn']),
    description: 'Sessions of a WorkSpaces Web portal (ListSessions), filtered and sorted by the service.',
    args: {
      portalId: t.arg.id({ required: true }),
      username: t.arg.string(),
      sessionId: t.arg.id(),
      status: t.arg({ type: sessionStatus.ref }),
      sortBy: t.arg({ type: sessionSortBy.ref }),
      ...placeArgs(t.arg),
      ...pagingArgs(t.arg),
    },
    resolve: (_root, { portalId, username, sessionId, status, sortBy, region, account, first, after }, ctx, info) =>
      resolveListConnection(ctx, info, {
        field: 'workSpacesWebSessions',
        op: workSpacesWebListSessions,
        input: { portalId, username: username ?? undefined, sessionId: sessionId ?? undefined, status: status ?? undefined, sortBy: sortBy ?? undefined },
        place: { args: { region, account } },
        args: { first, after },
        toNode: (item, place) => toWorkSpacesWebSession(item, portalId, place),
      }),
  }),
);
