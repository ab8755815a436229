/**
 * The resource graph's operations, answered from the estate: each list checks its labels and bounds as the service
 * does, pages with opaque tokens, and answers ResourceNotFoundException for a parent it does not hold.
 */
import type { SandboxData } from './data.js';
import type { HandlerInput, Route } from './handlers.js';
import { pageOf, pageSize, type PagingRules } from './listing.js';
import { notFound, validation } from './sandbox-error.js';
import { CC_NAME, DL, NOVA_NAME, UUID, UUID_LOWER, labels, must, oneOf } from './validation.js';

const PORTAL_ARN = /^(?=.{20,2048}$)arn:[\w+=/,.@-]+:[a-zA-Z0-9-]+:[a-zA-Z0-9-]*:[a-zA-Z0-9]{1,12}:[a-zA-Z]+(\/[a-fA-F0-9-]{36})+$/;

/** Where an operation reads its paging members: the query string (Deadline, WorkSpaces Web, Nova Act) or the body. */
type PagingIn = 'query' | 'body';

/** A list route: checked labels, the parent's items (or not found), and an optional reshaping of each item. */
function listRoute<T>(spec: {
  service: string; operation: string; method: 'GET' | 'POST'; pattern: RegExp; labels?: Record<string, RegExp>;
  paging: PagingRules & { in: PagingIn; sized?: false }; itemsKey: string;
  items: (data: SandboxData, ids: Record<string, string>, input: HandlerInput) => readonly T[] | undefined;
  show?: (item: T) => unknown;
}): Route {
  return {
    service: spec.service, operation: spec.operation, method: spec.method, pattern: spec.pattern,
    handle: (data, input) => {
      const ids = labels(input.params, spec.labels ?? {});
      const from = (name: string) => (spec.paging.in === 'query' ? input.query.get(name) : input.body[name]);
      if (spec.paging.sized === false && input.body.maxResults !== undefined) throw validation('maxResults is not a member of this operation');
      const size = spec.paging.sized === false ? spec.paging.defaultSize : pageSize(from('maxResults'), spec.paging);
      const all = spec.items(data, ids, input);
      if (!all) throw notFound(`${Object.values(ids).join('/') || 'resource'} not found`);
      // A token is bound to the listing: its parent and every member but the paging ones, wherever they travel.
      const filters = [...input.query, ...Object.entries(input.body)].filter(([k]) => k !== 'nextToken' && k !== 'maxResults').sort(([a], [b]) => (a < b ? -1 : 1));
      const binding = `${spec.service}|${spec.operation}|${JSON.stringify(ids)}|${JSON.stringify(filters)}`;
      const page = pageOf(all, binding, size, from('nextToken'));
      return { [spec.itemsKey]: page.items.map((item) => (spec.show ? spec.show(item) : item)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  };
}

/** A get route: checked labels and the one record, or not found. */
function getRoute(spec: {
  service: string; operation: string; pattern: RegExp; labels: Record<string, RegExp>;
  find: (data: SandboxData, ids: Record<string, string>) => unknown;
}): Route {
  return {
    service: spec.service, operation: spec.operation, method: 'GET', pattern: spec.pattern,
    handle: (data, input) => {
      const ids = labels(input.params, spec.labels);
      const found = spec.find(data, ids);
      if (found === undefined) throw notFound(`${Object.values(ids).join('/')} not found`);
      return found;
    },
  };
}

const byTime = <T>(get: (x: T) => string) => (a: T, b: T) => Date.parse(get(a)) - Date.parse(get(b));
const sorted = <T>(xs: readonly T[], order: string | undefined, get: (x: T) => string) => {
  if (!order) return xs;
  const out = [...xs].sort(byTime(get));
  return order === 'Descending' ? out.reverse() : out;
};
const without = <T extends object, K extends keyof T>(item: T, ...keys: K[]) => {
  const copy = { ...item };
  for (const k of keys) delete copy[k];
  return copy;
};

const DLQ = { defaultSize: 100, maxSize: 100, in: 'query' } as const;
const farm = { farmId: DL('farm') }, queue = { ...farm, queueId: DL('queue') }, fleet = { ...farm, fleetId: DL('fleet') };
const path = (re: string) => new RegExp(`^/2023-10-12/farms${re}$`);
const hasFarm = (data: SandboxData, id: string) => data.estate.farms.some((f) => f.farmId === id);

const deadlineRoutes: Route[] = [
  listRoute({
    service: 'deadline', operation: 'ListFarms', method: 'GET', pattern: path(''), paging: DLQ, itemsKey: 'farms', items: (data) => data.estate.farms,
  }),
  listRoute({
    service: 'deadline', operation: 'ListQueues', method: 'GET', pattern: path('/(?<farmId>[^/]+)/queues'), labels: farm, paging: DLQ, itemsKey: 'queues',
    items: (data, { farmId }, { query }) => {
      const status = oneOf(query.get('status'), ['IDLE', 'SCHEDULING', 'SCHEDULING_BLOCKED'], 'status');
      return hasFarm(data, farmId!) ? data.estate.queues.filter((q) => q.farmId === farmId && (!status || q.status === status)) : undefined;
    },
  }),
  listRoute({
    service: 'deadline', operation: 'ListJobs', method: 'GET', pattern: path('/(?<farmId>[^/]+)/queues/(?<queueId>[^/]+)/jobs'), labels: queue, paging: DLQ, itemsKey: 'jobs',
    items: (data, { farmId, queueId }) => (data.estate.queues.some((q) => q.farmId === farmId && q.queueId === queueId)
      ? data.estate.jobs.filter((j) => j.queueId === queueId) : undefined),
    show: (job) => without(job, 'farmId', 'queueId'),
  }),
  listRoute({
    service: 'deadline', operation: 'ListFleets', method: 'GET', pattern: path('/(?<farmId>[^/]+)/fleets'), labels: farm, paging: DLQ, itemsKey: 'fleets',
    items: (data, { farmId }, { query }) => {
      const status = oneOf(query.get('status'), ['ACTIVE', 'CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'CREATE_FAILED', 'UPDATE_FAILED', 'SUSPENDED'], 'status');
      return hasFarm(data, farmId!) ? data.estate.fleets.filter((f) => f.farmId === farmId && (!status || f.status === status)) : undefined;
    },
  }),
  listRoute({
    service: 'deadline', operation: 'ListWorkers', method: 'GET', pattern: path('/(?<farmId>[^/]+)/fleets/(?<fleetId>[^/]+)/workers'), labels: fleet, paging: DLQ, itemsKey: 'workers',
    items: (data, { farmId, fleetId }) => (data.estate.fleets.some((f) => f.farmId === farmId && f.fleetId === fleetId)
      ? data.estate.workers.filter((w) => w.fleetId === fleetId) : undefined),
  }),
  getRoute({ service: 'deadline', operation: 'GetFarm', pattern: path('/(?<farmId>[^/]+)'), labels: farm, find: (data, ids) => {
    const f = data.estate.farms.find((x) => x.farmId === ids.farmId);
    return f && { ...f, costScaleFactor: 1, description: `${f.displayName}, in the sandbox` };
  } }),
  getRoute({ service: 'deadline', operation: 'GetQueue', pattern: path('/(?<farmId>[^/]+)/queues/(?<queueId>[^/]+)'), labels: queue,
    find: (data, ids) => data.estate.queues.find((q) => q.farmId === ids.farmId && q.queueId === ids.queueId) }),
  getRoute({ service: 'deadline', operation: 'GetJob', pattern: path('/(?<farmId>[^/]+)/queues/(?<queueId>[^/]+)/jobs/(?<jobId>[^/]+)'), labels: { ...queue, jobId: DL('job') },
    find: (data, ids) => {
      const j = data.estate.jobs.find((x) => x.farmId === ids.farmId && x.queueId === ids.queueId && x.jobId === ids.jobId);
      return j && { ...without(j, 'farmId', 'queueId'), parameters: { frames: { string: '1-100' } } };
    } }),
  getRoute({ service: 'deadline', operation: 'GetFleet', pattern: path('/(?<farmId>[^/]+)/fleets/(?<fleetId>[^/]+)'), labels: fleet,
    find: (data, ids) => data.estate.fleets.find((f) => f.farmId === ids.farmId && f.fleetId === ids.fleetId) }),
  getRoute({ service: 'deadline', operation: 'GetWorker', pattern: path('/(?<farmId>[^/]+)/fleets/(?<fleetId>[^/]+)/workers/(?<workerId>[^/]+)'), labels: { ...fleet, workerId: DL('worker') },
    find: (data, ids) => data.estate.workers.find((w) => w.farmId === ids.farmId && w.fleetId === ids.fleetId && w.workerId === ids.workerId) }),
];

const workSpacesWebRoutes: Route[] = [
  listRoute({
    service: 'workspaces-web', operation: 'ListPortals', method: 'GET', pattern: /^\/portals$/, paging: { defaultSize: 20, in: 'query' }, itemsKey: 'portals',
    items: (data) => data.estate.portals,
    show: (p) => without(p, 'portalId'),
  }),
  // Matched after the session routes: an ARN never ends in /sessions.
  getRoute({ service: 'workspaces-web', operation: 'GetPortal', pattern: /^\/portals\/(?<portalArn>arn.+)$/, labels: { portalArn: PORTAL_ARN }, find: (data, { portalArn }) => {
    const p = data.estate.portals.find((x) => x.portalArn === portalArn);
    return p && { portal: { ...without(p, 'portalId'), ...(p.portalStatus === 'Pending' ? { statusReason: 'Waiting for its identity provider' } : {}) } };
  } }),
];

const NOVA = { defaultSize: 20, maxSize: 100, in: 'query' } as const;
const novaActRoutes: Route[] = [
  listRoute({
    service: 'nova-act', operation: 'ListWorkflowDefinitions', method: 'POST', pattern: /^\/workflow-definitions$/, paging: NOVA, itemsKey: 'workflowDefinitionSummaries',
    items: (data, _ids, { body }) => sorted(data.estate.workflowDefinitions, oneOf(body.sortOrder, ['Ascending', 'Descending'], 'sortOrder'), (w) => w.createdAt),
    show: (w) => without(w, 'description'),
  }),
  listRoute({
    service: 'nova-act', operation: 'ListWorkflowRuns', method: 'POST', pattern: /^\/workflow-definitions\/(?<workflowDefinitionName>[^/]+)\/workflow-runs$/,
    labels: { workflowDefinitionName: NOVA_NAME }, paging: NOVA, itemsKey: 'workflowRunSummaries',
    items: (data, { workflowDefinitionName }, { body }) => {
      const order = oneOf(body.sortOrder, ['Ascending', 'Descending'], 'sortOrder');
      if (!data.estate.workflowDefinitions.some((w) => w.workflowDefinitionName === workflowDefinitionName)) return undefined;
      return sorted(data.estate.workflowRuns.filter((r) => r.workflowDefinitionName === workflowDefinitionName), order, (r) => r.startedAt);
    },
    show: (r) => without(r, 'workflowDefinitionName', 'modelId'),
  }),
  getRoute({ service: 'nova-act', operation: 'GetWorkflowDefinition', pattern: /^\/workflow-definitions\/(?<workflowDefinitionName>[^/]+)$/, labels: { workflowDefinitionName: NOVA_NAME },
    find: (data, ids) => {
      const w = data.estate.workflowDefinitions.find((x) => x.workflowDefinitionName === ids.workflowDefinitionName);
      return w && { name: w.workflowDefinitionName, arn: w.workflowDefinitionArn, createdAt: w.createdAt, status: w.status, ...(w.description ? { description: w.description } : {}) };
    } }),
  getRoute({ service: 'nova-act', operation: 'GetWorkflowRun', pattern: /^\/workflow-definitions\/(?<workflowDefinitionName>[^/]+)\/workflow-runs\/(?<workflowRunId>[^/]+)$/,
    labels: { workflowDefinitionName: NOVA_NAME, workflowRunId: UUID_LOWER },
    find: (data, ids) => {
      const r = data.estate.workflowRuns.find((x) => x.workflowDefinitionName === ids.workflowDefinitionName && x.workflowRunId === ids.workflowRunId);
      return r && { ...without(r, 'workflowDefinitionName'), logGroupName: `/aws/nova-act/${r.workflowDefinitionName}` };
    } }),
];

const codeCatalystRoutes: Route[] = [
  // ListSpaces takes no page size: the sandbox picks one item per page, so that paging is always exercised.
  listRoute({
    service: 'codecatalyst', operation: 'ListSpaces', method: 'POST', pattern: /^\/v1\/spaces$/, paging: { defaultSize: 1, in: 'body', sized: false }, itemsKey: 'items',
    items: (data) => data.estate.spaces,
  }),
  listRoute({
    service: 'codecatalyst', operation: 'ListProjects', method: 'POST', pattern: /^\/v1\/spaces\/(?<spaceName>[^/]+)\/projects$/, labels: { spaceName: CC_NAME },
    paging: { defaultSize: 25, maxSize: 100, in: 'body' }, itemsKey: 'items',
    items: (data, { spaceName }) => (data.estate.spaces.some((s) => s.name === spaceName) ? data.estate.projects.filter((p) => p.spaceName === spaceName) : undefined),
    show: (p) => without(p, 'spaceName'),
  }),
  listRoute({
    service: 'codecatalyst', operation: 'ListDevEnvironments', method: 'POST', pattern: /^\/v1\/spaces\/(?<spaceName>[^/]+)\/devEnvironments$/, labels: { spaceName: CC_NAME },
    paging: { defaultSize: 25, maxSize: 50, in: 'body' }, itemsKey: 'items',
    items: (data, { spaceName }, { body }) => {
      const projectName = body.projectName;
      if (projectName !== undefined) must(typeof projectName === 'string' ? projectName : undefined, CC_NAME, 'projectName');
      if (!data.estate.spaces.some((s) => s.name === spaceName)) return undefined;
      return data.estate.devEnvironments.filter((e) => e.spaceName === spaceName && (projectName === undefined || e.projectName === projectName));
    },
  }),
  getRoute({ service: 'codecatalyst', operation: 'GetSpace', pattern: /^\/v1\/spaces\/(?<name>[^/]+)$/, labels: { name: CC_NAME },
    find: (data, ids) => data.estate.spaces.find((s) => s.name === ids.name) }),
  getRoute({ service: 'codecatalyst', operation: 'GetProject', pattern: /^\/v1\/spaces\/(?<spaceName>[^/]+)\/projects\/(?<name>[^/]+)$/, labels: { spaceName: CC_NAME, name: CC_NAME },
    find: (data, ids) => data.estate.projects.find((p) => p.spaceName === ids.spaceName && p.name === ids.name) }),
  getRoute({ service: 'codecatalyst', operation: 'GetDevEnvironment', pattern: /^\/v1\/spaces\/(?<spaceName>[^/]+)\/projects\/(?<projectName>[^/]+)\/devEnvironments\/(?<id>[^/]+)$/,
    labels: { spaceName: CC_NAME, projectName: CC_NAME, id: UUID },
    find: (data, ids) => data.estate.devEnvironments.find((e) => e.spaceName === ids.spaceName && e.projectName === ids.projectName && e.id.toLowerCase() === ids.id!.toLowerCase()) }),
];

/** Every graph route; the server tries them after the session routes. */
export const graphRoutes: Route[] = [...deadlineRoutes, ...workSpacesWebRoutes, ...novaActRoutes, ...codeCatalystRoutes];
