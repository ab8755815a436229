/** Nova Act sessions of a workflow run. The list carries only session IDs, so there are no times. */
import { novaActListSessions } from '../../upstream/operations/index.js';
import { builder } from '../builder.js';
import { guardNodeLoad } from '../shared/access.js';
import { loadByListingScan } from '../shared/load-nodes.js';
import { resolveListConnection } from '../shared/list-connection.js';
import { nodeKey, nodeNotFound } from '../shared/node-keys.js';
import { pagingArgs } from '../shared/paging-args.js';
import { placeArgs } from '../shared/places.js';
import type { Place } from '../../upstream/place.js';
import { listingExtensions, nodeLoadExtensions } from '../shared/upstream-cost.js';
import { sessionSourceKind, withNodeKey } from '../shared/session-source.js';
import { Session, type SessionShape } from '../shared/session.js';
import { wireEnum } from '../shared/wire-enum.js';

/** A Nova Act session and the workflow run it belongs to. */
export interface NovaActSessionShape extends SessionShape {
  service: 'NOVA_ACT';
  workflowDefinitionName: string;
  workflowRunId: string;
}

export const sortOrder = wireEnum('SortOrder', { ASCENDING: 'Ascending', DESCENDING: 'Descending' }, 'Ascending or descending order.');

export const toNovaActSession = (item: Record<string, unknown>, run: { workflowDefinitionName: string; workflowRunId: string }, place: Place): NovaActSessionShape => ({
  service: 'NOVA_ACT',
  place, region: place.region, account: place.account,
  sessionId: String(item.sessionId),
  workflowDefinitionName: run.workflowDefinitionName,
  workflowRunId: run.workflowRunId,
  startedAt: null,
  endedAt: null,
});

const KEY = ['workflowDefinitionName', 'workflowRunId', 'sessionId'] as const;
const keyOf = (s: NovaActSessionShape) => nodeKey([s.workflowDefinitionName, s.workflowRunId, s.sessionId], s.place);

type RunSource = { workflowDefinitionName: string; workflowRunId: string; sortOrder?: string | null };

/**
 * `novaActWorkflowRuns` sources of the unified connection. Nova Act lists neither status nor times: activeOnly keeps
 * its sessions (the gateway cannot tell), and a startedAfter/startedBefore bound excludes them (no start time to match).
 */
export const novaActRunSource = sessionSourceKind({
  field: 'novaActWorkflowRuns', service: 'NOVA_ACT', op: novaActListSessions,
  input: ({ workflowDefinitionName, workflowRunId, sortOrder: order }: RunSource, filter) =>
    filter.startedAfter || filter.startedBefore ? undefined : { workflowDefinitionName, workflowRunId, sortOrder: order ?? undefined },
  toSession: withNodeKey((item, source: RunSource, place) => toNovaActSession(item, source, place), keyOf),
  isActive: () => undefined,
});

export const NovaActSession = builder.loadableNode('NovaActSession', {
  extensions: nodeLoadExtensions({ by: 'scan', key: KEY }),
  description: 'A Nova Act session of a workflow run. Nova Act lists no times, so startedAt and endedAt are null.',
  interfaces: [Session],
  isTypeOf: (value) => (value as SessionShape).service === 'NOVA_ACT',
  id: { resolve: keyOf },
  // Nova Act has no GetSession: the run's listing is scanned once for all IDs asked of it.
  load: guardNodeLoad('NOVA_ACT', (keys: string[], ctx) =>
    loadByListingScan(ctx, 'NOVA_ACT', keys, KEY, {
      op: novaActListSessions,
      parentOf: ({ workflowDefinitionName, workflowRunId }) => ({ workflowDefinitionName, workflowRunId }),
      idOf: (item) => item.sessionId,
      toNode: toNovaActSession,
      notFound: (ids) => nodeNotFound(`Nova Act session ${ids.sessionId}`),
    })),
  fields: (t) => ({
    workflowDefinitionName: t.exposeString('workflowDefinitionName'),
    workflowRunId: t.exposeString('workflowRunId'),
  }),
});

export const NovaActSessionConnection = builder.connectionObject({ type: NovaActSession, name: 'NovaActSessionConnection' }, { name: 'NovaActSessionEdge' });

builder.queryField('novaActSessions', (t) =>
  t.field({
    type: NovaActSessionConnection,
    nullable: true,
    extensions: listingExtensions(novaActListSessions),
    description: 'Sessions of a Nova Act workflow run (ListSessions).',
    args: {
      workflowDefinitionName: t.arg.string({ required: true }),
      workflowRunId: t.arg.id({ required: true }),
      sortOrder: t.arg({ type: sortOrder.ref }),
      ...placeArgs(t.arg),
      ...pagingArgs(t.arg),
    },
    resolve: (_root, { workflowDefinitionName, workflowRunId, sortOrder: order, region, account, first, after }, ctx, info) =>
      resolveListConnection(ctx, info, {
        field: 'novaActSessions',
        op: novaActListSessions,
        input: { workflowDefinitionName, workflowRunId, sortOrder: order ?? undefined },
        place: { args: { region, account } },
        args: { first, after },
        toNode: (item, place) => toNovaActSession(item, { workflowDefinitionName, workflowRunId }, place),
      }),
  }),
);
