/** The five session list operations and two GetSession operations, answered from the data set. */
import type { SandboxData } from './data.js';
import { pageOf, pageSize } from './listing.js';
import { notFound } from './sandbox-error.js';
import { CC_NAME, DL, ID36, NOVA_NAME, UUID, UUID_LOWER, must, oneOf } from './validation.js';

/** What a handler receives: decoded path labels, decoded query values and the parsed JSON body. */
export interface HandlerInput {
  params: Record<string, string>;
  query: Map<string, string>;
  body: Record<string, unknown>;
}

/** A route: service (signing name), operation, method and a path pattern with named groups. */
export interface Route {
  service: string;
  operation: string;
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: (data: SandboxData, input: HandlerInput) => unknown;
}

const byTime = (get: (x: any) => number) => (a: unknown, b: unknown) => get(a) - get(b);

/** All routes, matched in order against the decoded path. */
export const routes: Route[] = [
  {
    service: 'nova-act', operation: 'ListSessions', method: 'POST',
    pattern: /^\/workflow-definitions\/(?<workflowDefinitionName>[^/]+)\/workflow-runs\/(?<workflowRunId>[^/]+)$/,
    handle: (data, { params, query, body }) => {
      const name = must(params.workflowDefinitionName, NOVA_NAME, 'workflowDefinitionName');
      const runId = must(params.workflowRunId, UUID_LOWER, 'workflowRunId');
      const sortOrder = oneOf(body.sortOrder, ['Ascending', 'Descending'], 'sortOrder');
      const size = pageSize(query.get('maxResults'), { defaultSize: 20, maxSize: 100 });
      if (!data.estate.workflowRuns.some((r) => r.workflowDefinitionName === name && r.workflowRunId === runId)) throw notFound(`Workflow run ${runId} not found`);
      let all = data.novaAct.sessions.filter((s) => s.workflowRunId === runId);
      if (sortOrder === 'Descending') all = [...all].reverse();
      const page = pageOf(all, `nova|${name}|${runId}|${sortOrder ?? ''}`, size, query.get('nextToken'));
      return { sessionSummaries: page.items.map((s) => ({ sessionId: s.sessionId })), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  },
  {
    service: 'workspaces-web', operation: 'ListSessions', method: 'GET',
    pattern: /^\/portals\/(?<portalId>[^/]+)\/sessions$/,
    handle: (data, { params, query }) => {
      const portalId = must(params.portalId, ID36, 'portalId');
      const status = oneOf(query.get('status'), ['Active', 'Terminated'], 'status');
      const sortBy = oneOf(query.get('sortBy'), ['StartTimeAscending', 'StartTimeDescending'], 'sortBy');
      const sessionId = query.has('sessionId') ? must(query.get('sessionId'), ID36, 'sessionId') : undefined;
      const username = query.get('username');
      const size = pageSize(query.get('maxResults'), { defaultSize: 20 });
      if (!data.estate.portals.some((p) => p.portalId === portalId)) throw notFound(`Portal ${portalId} not found`);
      let all = data.workSpacesWeb.sessions.filter((s) => s.portalId === portalId
        && (!status || s.status === status) && (!sessionId || s.sessionId === sessionId) && (username === undefined || s.username === username));
      if (sortBy) all = [...all].sort(byTime((s) => s.startTime));
      if (sortBy === 'StartTimeDescending') all.reverse();
      const page = pageOf(all, `wsw|${portalId}|${status ?? ''}|${sortBy ?? ''}|${sessionId ?? ''}|${username ?? ''}`, size, query.get('nextToken'));
      return {
        sessions: page.items.map(({ clientIpAddresses: _ips, portalId: _p, ...summary }) => summary),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
  },
  {
    service: 'workspaces-web', operation: 'GetSession', method: 'GET',
    pattern: /^\/portals\/(?<portalId>[^/]+)\/sessions\/(?<sessionId>[^/]+)$/,
    handle: (data, { params }) => {
      const portalId = must(params.portalId, ID36, 'portalId');
      const sessionId = must(params.sessionId, ID36, 'sessionId');
      const found = data.workSpacesWeb.sessions.find((s) => s.portalId === portalId && s.sessionId === sessionId);
      if (!found) throw notFound(`Session ${sessionId} not found`);
      const { portalId: _p, ...session } = found;
      return { session };
    },
  },
  {
    service: 'deadline', operation: 'ListSessions', method: 'GET',
    pattern: /^\/2023-10-12\/farms\/(?<farmId>[^/]+)\/queues\/(?<queueId>[^/]+)\/jobs\/(?<jobId>[^/]+)\/sessions$/,
    handle: (data, { params, query }) => {
      const farmId = must(params.farmId, DL('farm'), 'farmId');
      const queueId = must(params.queueId, DL('queue'), 'queueId');
      const jobId = must(params.jobId, DL('job'), 'jobId');
      const size = pageSize(query.get('maxResults'), { defaultSize: 100, maxSize: 100 });
      const d = data.deadline;
      if (!data.estate.jobs.some((j) => j.farmId === farmId && j.queueId === queueId && j.jobId === jobId)) throw notFound(`Job ${jobId} not found`);
      const all = d.sessions.filter((s) => s.jobId === jobId);
      const page = pageOf(all, `dl-job|${farmId}|${queueId}|${jobId}`, size, query.get('nextToken'));
      return {
        sessions: page.items.map(({ farmId: _f, queueId: _q, jobId: _j, ...summary }) => summary),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
  },
  {
    service: 'deadline', operation: 'GetSession', method: 'GET',
    pattern: /^\/2023-10-12\/farms\/(?<farmId>[^/]+)\/queues\/(?<queueId>[^/]+)\/jobs\/(?<jobId>[^/]+)\/sessions\/(?<sessionId>[^/]+)$/,
    handle: (data, { params }) => {
      must(params.farmId, DL('farm'), 'farmId');
      must(params.queueId, DL('queue'), 'queueId');
      must(params.jobId, DL('job'), 'jobId');
      must(params.sessionId, DL('session'), 'sessionId');
      const found = data.deadline.sessions.find((s) => s.farmId === params.farmId && s.queueId === params.queueId && s.jobId === params.jobId && s.sessionId === params.sessionId);
      if (!found) throw notFound(`Session ${params.sessionId} not found`);
      const { farmId: _f, queueId: _q, jobId: _j, ...session } = found;
      return { ...session, log: { logDriver: 'awslogs', options: { logGroupName: '/aws/deadline/sandbox' }, parameters: {} } };
    },
  },
  {
    service: 'deadline', operation: 'ListSessionsForWorker', method: 'GET',
    pattern: /^\/2023-10-12\/farms\/(?<farmId>[^/]+)\/fleets\/(?<fleetId>[^/]+)\/workers\/(?<workerId>[^/]+)\/sessions$/,
    handle: (data, { params, query }) => {
      const farmId = must(params.farmId, DL('farm'), 'farmId');
      const fleetId = must(params.fleetId, DL('fleet'), 'fleetId');
      const workerId = must(params.workerId, DL('worker'), 'workerId');
      const size = pageSize(query.get('maxResults'), { defaultSize: 100, maxSize: 100 });
      const d = data.deadline;
      if (!data.estate.workers.some((w) => w.farmId === farmId && w.fleetId === fleetId && w.workerId === workerId)) throw notFound(`Worker ${workerId} not found`);
      const all = d.sessions.filter((s) => s.workerId === workerId);
      const page = pageOf(all, `dl-worker|${farmId}|${fleetId}|${workerId}`, size, query.get('nextToken'));
      return {
        sessions: page.items.map((s) => ({
          sessionId: s.sessionId, queueId: s.queueId, jobId: s.jobId, startedAt: s.startedAt, lifecycleStatus: s.lifecycleStatus,
          ...(s.endedAt ? { endedAt: s.endedAt } : {}), ...(s.targetLifecycleStatus ? { targetLifecycleStatus: s.targetLifecycleStatus } : {}),
        })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
  },
  {
    service: 'codecatalyst', operation: 'ListDevEnvironmentSessions', method: 'POST',
    pattern: /^\/v1\/spaces\/(?<spaceName>[^/]+)\/projects\/(?<projectName>[^/]+)\/devEnvironments\/(?<devEnvironmentId>[^/]+)\/sessions$/,
    handle: (data, { params, body }) => {
      const spaceName = must(params.spaceName, CC_NAME, 'spaceName');
      const projectName = must(params.projectName, CC_NAME, 'projectName');
      const devEnvironmentId = must(params.devEnvironmentId, UUID, 'devEnvironmentId');
      const size = pageSize(body.maxResults, { defaultSize: 25, maxSize: 200 });
      const c = data.codeCatalyst;
      if (!data.estate.devEnvironments.some((e) => e.spaceName === spaceName && e.projectName === projectName && e.id === devEnvironmentId)) throw notFound(`Dev environment ${devEnvironmentId} not found`);
      const all = c.sessions.filter((s) => s.devEnvironmentId === devEnvironmentId);
      const page = pageOf(all, `cc|${spaceName}|${projectName}|${devEnvironmentId}`, size, body.nextToken);
      return { items: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  },
];
