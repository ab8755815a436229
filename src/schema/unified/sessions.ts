/** `sessions(sources:, filter:, orderBy:)`: one connection over sessions of many sources of every service. */
import { builder } from '../builder.js';
import { sessionSortBy, sessionStatus } from '../services/workspaces-web.js';
import { sortOrder } from '../services/nova-act.js';
import { pagingArgs } from '../shared/paging-args.js';

/** `region` and `account` of a source or scope: where to read it, instead of SessionSourcesInput's regions and accounts. */
const placeInputFields = (t: any) => ({
  region: t.string({ description: 'Read this one in this region (one of GATEWAY_REGIONS) instead of those of `regions`.' }),
  account: t.string({ description: 'Read this one in this account (an alias of GATEWAY_ACCOUNTS) instead of those of `accounts`.' }),
});
import { DateTime } from '../shared/scalars.js';
import { AwsService, Session } from '../shared/session.js';
import { resolveSessions, type SessionConnectionShape, type SourceErrorShape } from './resolve-sessions.js';

const NovaActWorkflowRunSource = builder.inputType('NovaActWorkflowRunSource', {
  description: 'A Nova Act workflow run whose sessions to include.',
  fields: (t) => ({
    workflowDefinitionName: t.string({ required: true }),
    workflowRunId: t.id({ required: true }),
    sortOrder: t.field({ type: sortOrder.ref, description: 'Used by orderBy: SOURCE.' }),
    ...placeInputFields(t),
  }),
});

const WorkSpacesWebPortalSource = builder.inputType('WorkSpacesWebPortalSource', {
  description: 'A WorkSpaces Web portal whose sessions to include.',
  fields: (t) => ({
    portalId: t.id({ required: true }),
    username: t.string(),
    status: t.field({ type: sessionStatus.ref }),
    sortBy: t.field({ type: sessionSortBy.ref, description: 'Used by orderBy: SOURCE; the start-time orders sort the portal themselves.' }),
    ...placeInputFields(t),
  }),
});

const DeadlineJobSource = builder.inputType('DeadlineJobSource', {
  description: 'A Deadline Cloud job whose sessions to include.',
  fields: (t) => ({ farmId: t.id({ required: true }), queueId: t.id({ required: true, ...placeInputFields(t) }), jobId: t.id({ required: true }) }),
});

const DeadlineWorkerSource = builder.inputType('DeadlineWorkerSource', {
  description: 'A Deadline Cloud worker whose sessions to include.',
  fields: (t) => ({ farmId: t.id({ required: true }), fleetId: t.id({ required: true, ...placeInputFields(t) }), workerId: t.id({ required: true }) }),
});

const CodeCatalystDevEnvironmentSource = builder.inputType('CodeCatalystDevEnvironmentSource', {
  description: 'A CodeCatalyst dev environment whose sessions to include.',
  fields: (t) => ({ spaceName: t.string({ required: true }), projectName: t.string({ required: true }), devEnvironmentId: t.id({ required: true }), ...placeInputFields(t) }),
});

const DeadlineFarmScope = builder.inputType('DeadlineFarmScope', {
  description: 'Every session of every job of every queue of a Deadline Cloud farm (its workers\' sessions are the same sessions).',
  fields: (t) => ({ farmId: t.id({ required: true }), ...placeInputFields(t) }),
});

const DeadlineQueueScope = builder.inputType('DeadlineQueueScope', {
  description: 'Every session of every job of a Deadline Cloud queue.',
  fields: (t) => ({ farmId: t.id({ required: true }), queueId: t.id({ required: true }), ...placeInputFields(t) }),
});

const DeadlineFleetScope = builder.inputType('DeadlineFleetScope', {
  description: 'Every session of every worker of a Deadline Cloud fleet.',
  fields: (t) => ({ farmId: t.id({ required: true }), fleetId: t.id({ required: true }), ...placeInputFields(t) }),
});

const NovaActWorkflowDefinitionScope = builder.inputType('NovaActWorkflowDefinitionScope', {
  description: 'Every session of every run of a Nova Act workflow definition.',
  fields: (t) => ({ workflowDefinitionName: t.string({ required: true }), ...placeInputFields(t) }),
});

const CodeCatalystProjectScope = builder.inputType('CodeCatalystProjectScope', {
  description: 'Every session of every dev environment of a CodeCatalyst project.',
  fields: (t) => ({ spaceName: t.string({ required: true }), projectName: t.string({ required: true }), ...placeInputFields(t) }),
});

const SessionSourcesInput = builder.inputType('SessionSourcesInput', {
  description: [
    'Where sessions come from: session sources of each kind, and scopes above them whose session sources are discovered through the resource graph.',
    'At least one in all; SOURCE order streams the kinds in the order listed here, each list in its own order, and discovers lazily (only the parents a page needs are listed).',
    'A source or scope inside another one of the request (a queue of a farm that is also given, anything of a service given in services) is read once, where the outer one reads it.',
  ].join(' '),
  fields: (t) => ({
    novaActWorkflowRuns: t.field({ type: [NovaActWorkflowRunSource] }),
    workSpacesWebPortals: t.field({ type: [WorkSpacesWebPortalSource] }),
    deadlineJobs: t.field({ type: [DeadlineJobSource] }),
    deadlineWorkers: t.field({ type: [DeadlineWorkerSource] }),
    codeCatalystDevEnvironments: t.field({ type: [CodeCatalystDevEnvironmentSource] }),
    deadlineFarms: t.field({ type: [DeadlineFarmScope] }),
    deadlineQueues: t.field({ type: [DeadlineQueueScope] }),
    deadlineFleets: t.field({ type: [DeadlineFleetScope] }),
    novaActWorkflowDefinitions: t.field({ type: [NovaActWorkflowDefinitionScope] }),
    codeCatalystProjects: t.field({ type: [CodeCatalystProjectScope] }),
    services: t.field({
      type: [AwsService],
      description: 'Every session of each service that the gateway\'s credentials can list, discovered from the top: farms (then queues and jobs), portals, workflow definitions (then runs), spaces (then projects and dev environments).',
    }),
    regions: t.stringList({
      description: 'Read every source and scope that names no region of its own in each of these regions (GATEWAY_REGIONS), in parallel where the order merges them; default: each service\'s configured region. CodeCatalyst is global: it is read once.',
    }),
    accounts: t.stringList({
      description: 'Read every source and scope that names no account of its own in each of these accounts (aliases of GATEWAY_ACCOUNTS); default: `default`. CodeCatalyst signs in with its token: it is read once.',
    }),
  }),
});

const SessionFilter = builder.inputType('SessionFilter', {
  description: 'Which sessions to keep. Pushed down to the upstream where it can filter, applied by the gateway otherwise.',
  fields: (t) => ({
    activeOnly: t.boolean({ description: 'Deadline: not ENDED; WorkSpaces Web: ACTIVE (the upstream filters); CodeCatalyst: all (it lists active sessions); Nova Act: all (it lists no status).' }),
    startedAfter: t.field({ type: DateTime, description: 'Sessions that started after this instant. Sessions with no start time (Nova Act) never match.' }),
    startedBefore: t.field({ type: DateTime, description: 'Sessions that started before this instant. Sessions with no start time (Nova Act) never match.' }),
  }),
});

const SessionOrder = builder.enumType('SessionOrder', {
  description: 'The order of the unified connection.',
  values: {
    SOURCE: { description: 'Sources in the order given, each in its upstream order, read lazily.' },
    STARTED_AT_DESC: { description: 'Newest first across all sources; sessions with no start time last, by service and ID.' },
    STARTED_AT_ASC: { description: 'Oldest first across all sources; sessions with no start time last, by service and ID.' },
  } as const,
});

const SessionSourceError = builder.objectRef<SourceErrorShape>('SessionSourceError').implement({
  description: 'A source that failed; the connection holds what the other sources gave.',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'The source, e.g. "deadlineJobs[1]".' }),
    kind: t.exposeString('kind', { description: 'The SessionSourcesInput field, e.g. "deadlineJobs".' }),
    index: t.exposeInt('index', { description: 'Its place in that list.' }),
    service: t.expose('service', { type: AwsService }),
    region: t.exposeString('region', { description: 'Where the source was read.' }),
    account: t.exposeString('account', { description: 'The account alias it was read with.' }),
    code: t.exposeString('code', { description: 'The same code as the GraphQL error, e.g. UPSTREAM_THROTTLED.' }),
    message: t.exposeString('message'),
  }),
});

const SessionConnection = builder.connectionObject(
  {
    type: Session,
    name: 'SessionConnection',
    description: 'Sessions of several sources. When a source fails, hasNextPage speaks for the sources that did not.',
    fields: (t) => ({
      sourceErrors: t.field({
        type: [SessionSourceError],
        description: 'Sources that failed for this page.',
        resolve: (connection) => (connection as unknown as SessionConnectionShape).sourceErrors,
      }),
    }),
  },
  { name: 'SessionEdge' },
);

builder.queryField('sessions', (t) =>
  t.field({
    type: SessionConnection,
    nullable: true,
    description: 'Sessions of many sources of every service in one connection, filtered and ordered by the gateway.',
    args: {
      sources: t.arg({ type: SessionSourcesInput, required: true }),
      filter: t.arg({ type: SessionFilter }),
      orderBy: t.arg({ type: SessionOrder, defaultValue: 'SOURCE' }),
      ...pagingArgs(t.arg),
    },
    resolve: (_root, args, ctx, info) => resolveSessions(ctx, args as never, info) as never,
  }),
);
