/** Deadline Cloud sessions: `deadlineSessions` (by job) and `deadlineWorkerSessions` (by worker), one type for both. */
import { deadlineGetSession, deadlineListSessions, deadlineListSessionsForWorker } from '../../upstream/operations/index.js';
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

/** A Deadline session, with the IDs of its farm, queue, job, fleet and worker. */
export interface DeadlineSessionShape extends SessionShape {
  service: 'DEADLINE';
  farmId: string; queueId: string; jobId: string; fleetId: string; workerId: string;
  updatedAt: Date | null; updatedBy: string | null;
  /** Read with the enums below: a wire value the schema knows, null, or the field's error. */
  lifecycleStatus: ReturnType<typeof lifecycleStatus.read>; targetLifecycleStatus: ReturnType<typeof targetLifecycleStatus.read>;
}

const lifecycleStatus = wireEnum(
  'DeadlineSessionLifecycleStatus',
  { STARTED: 'STARTED', UPDATE_IN_PROGRESS: 'UPDATE_IN_PROGRESS', UPDATE_SUCCEEDED: 'UPDATE_SUCCEEDED', UPDATE_FAILED: 'UPDATE_FAILED', ENDED: 'ENDED' },
  'The life-cycle status of a Deadline Cloud session.',
);
const targetLifecycleStatus = wireEnum('DeadlineSessionLifecycleTargetStatus', { ENDED: 'ENDED' }, 'The status a Deadline Cloud session is moving to.');

/** Builds the shape from an upstream item plus the IDs the request already knew. */
export function toDeadlineSession(item: Record<string, unknown>, known: { farmId: string } & Partial<Record<'queueId' | 'jobId' | 'fleetId' | 'workerId', string>>, place: Place): DeadlineSessionShape {
  return {
    service: 'DEADLINE',
    place, region: place.region, account: place.account,
    sessionId: String(item.sessionId),
    farmId: known.farmId,
    queueId: known.queueId ?? String(item.queueId),
    jobId: known.jobId ?? String(item.jobId),
    fleetId: known.fleetId ?? String(item.fleetId),
    workerId: known.workerId ?? String(item.workerId),
    startedAt: dateOf(item.startedAt),
    endedAt: dateOf(item.endedAt),
    updatedAt: dateOf(item.updatedAt),
    updatedBy: stringOf(item.updatedBy),
    lifecycleStatus: lifecycleStatus.read(item.lifecycleStatus, 'lifecycleStatus'),
    targetLifecycleStatus: targetLifecycleStatus.read(item.targetLifecycleStatus, 'targetLifecycleStatus'),
  };
}

const KEY = ['farmId', 'queueId', 'jobId', 'sessionId'] as const;
const keyOf = (s: DeadlineSessionShape) => nodeKey([s.farmId, s.queueId, s.jobId, s.sessionId], s.place);
const isActive = (s: DeadlineSessionShape) => s.lifecycleStatus !== 'ENDED';

type JobSource = { farmId: string; queueId: string; jobId: string };
type WorkerSource = { farmId: string; fleetId: string; workerId: string };
type Sourced = DeadlineSessionShape & { nodeKey: string };

const toSourced = withNodeKey((item, source: JobSource | WorkerSource, place) => toDeadlineSession(item, source, place), keyOf);

/** `deadlineJobs` sources of the unified connection. Deadline cannot filter by status or time: the gateway does. */
export const deadlineJobSource = sessionSourceKind<JobSource, Sourced>({
  field: 'deadlineJobs', service: 'DEADLINE', op: deadlineListSessions,
  input: ({ farmId, queueId, jobId }: JobSource) => ({ farmId, queueId, jobId }),
  toSession: toSourced,
  isActive,
});

/** `deadlineWorkers` sources of the unified connection. */
export const deadlineWorkerSource = sessionSourceKind<WorkerSource, Sourced>({
  field: 'deadlineWorkers', service: 'DEADLINE', op: deadlineListSessionsForWorker,
  input: ({ farmId, fleetId, workerId }: WorkerSource) => ({ farmId, fleetId, workerId }),
  toSession: toSourced,
  isActive,
});

export const DeadlineSession = builder.loadableNode('DeadlineSession', {
  extensions: nodeLoadExtensions({ by: 'get' }),
  description: 'A Deadline Cloud session. Its ID is the same whichever of the two Deadline fields returned it.',
  interfaces: [Session],
  isTypeOf: (value) => (value as SessionShape).service === 'DEADLINE',
  id: { resolve: keyOf },
  load: guardNodeLoad('DEADLINE', (keys: string[], ctx) =>
    loadEach(ctx, 'DEADLINE', keys, KEY, async (ids, place) => toDeadlineSession(await ctx.loaders.record(deadlineGetSession, ids, place), ids, place))),
  fields: (t) => ({
    farmId: t.exposeString('farmId'),
    queueId: t.exposeString('queueId'),
    jobId: t.exposeString('jobId'),
    fleetId: t.exposeString('fleetId'),
    workerId: t.exposeString('workerId'),
    updatedAt: t.expose('updatedAt', { type: DateTime, nullable: true, description: 'Null in ListSessionsForWorker results.' }),
    updatedBy: t.exposeString('updatedBy', { nullable: true, description: 'Null in ListSessionsForWorker results.' }),
    lifecycleStatus: t.expose('lifecycleStatus', { type: lifecycleStatus.ref, nullable: true }),
    targetLifecycleStatus: t.expose('targetLifecycleStatus', { type: targetLifecycleStatus.ref, nullable: true }),
  }),
});

export const DeadlineSessionConnection = builder.connectionObject({ type: DeadlineSession, name: 'DeadlineSessionConnection' }, { name: 'DeadlineSessionEdge' });

builder.queryFields((t) => ({
  deadlineSessions: t.field({
    type: DeadlineSessionConnection,
    nullable: true,
    extensions: listingExtensions(deadlineListSessions),
    description: 'Sessions of a Deadline Cloud job (ListSessions).',
    args: {
      farmId: t.arg.id({ required: true }),
      queueId: t.arg.id({ required: true }),
      jobId: t.arg.id({ required: true }),
      ...placeArgs(t.arg),
      ...pagingArgs(t.arg),
    },
    resolve: (_root, { farmId, queueId, jobId, region, account, first, after }, ctx, info) =>
      resolveListConnection(ctx, info, {
        field: 'deadlineSessions',
        op: deadlineListSessions,
        input: { farmId, queueId, jobId },
        place: { args: { region, account } },
        args: { first, after },
        toNode: (item, place) => toDeadlineSession(item, { farmId, queueId, jobId }, place),
      }),
  }),
  deadlineWorkerSessions: t.field({
    type: DeadlineSessionConnection,
    nullable: true,
    extensions: listingExtensions(deadlineListSessionsForWorker),
    description: 'Sessions of a Deadline Cloud worker (ListSessionsForWorker).',
    args: {
      farmId: t.arg.id({ required: true }),
      fleetId: t.arg.id({ required: true }),
      workerId: t.arg.id({ required: true }),
      ...placeArgs(t.arg),
      ...pagingArgs(t.arg),
    },
    resolve: (_root, { farmId, fleetId, workerId, region, account, first, after }, ctx, info) =>
      resolveListConnection(ctx, info, {
        field: 'deadlineWorkerSessions',
        op: deadlineListSessionsForWorker,
        input: { farmId, fleetId, workerId },
        place: { args: { region, account } },
        args: { first, after },
        toNode: (item, place) => toDeadlineSession(item, { farmId, fleetId, workerId }, place),
      }),
  }),
}));
