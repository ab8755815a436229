/** The five connection fields, their arguments against the sandbox data, and the sessions each must return. */
import type { SandboxData } from '../../src/sandbox/data.js';

/** One connection field as the tests drive it. */
export interface FieldCase {
  field: string;
  args: string;
  selection: string;
  /** Session IDs in the order the sandbox lists them. */
  expected: string[];
}

const q = (v: string) => JSON.stringify(v);

/** A case per field (and a few filtered/sorted variants), from the sandbox's data. */
export function fieldCases(d: SandboxData): FieldCase[] {
  const dl = d.deadline, wsw = d.workSpacesWeb, nova = d.novaAct, cc = d.codeCatalyst;
  const portal = wsw.portalIds[0]!;
  const portalSessions = wsw.sessions.filter((s) => s.portalId === portal);
  const byStart = [...portalSessions].sort((a, b) => a.startTime - b.startTime);
  const run = nova.workflowRunIds[0]!;
  const runSessions = nova.sessions.filter((s) => s.workflowRunId === run).map((s) => s.sessionId);
  return [
    {
      field: 'novaActSessions',
      args: `workflowDefinitionName: ${q(nova.workflowDefinitionName)}, workflowRunId: ${q(run)}`,
      selection: 'sessionId',
      expected: runSessions,
    },
    {
      field: 'novaActSessions',
      args: `workflowDefinitionName: ${q(nova.workflowDefinitionName)}, workflowRunId: ${q(run)}, sortOrder: DESCENDING`,
      selection: 'sessionId',
      expected: [...runSessions].reverse(),
    },
    {
      field: 'workSpacesWebSessions',
      args: `portalId: ${q(portal)}`,
      selection: 'sessionId',
      expected: portalSessions.map((s) => s.sessionId),
    },
    {
      field: 'workSpacesWebSessions',
      args: `portalId: ${q(portal)}, status: ACTIVE, sortBy: START_TIME_DESCENDING`,
      selection: 'sessionId',
      expected: byStart.filter((s) => s.status === 'Active').reverse().map((s) => s.sessionId),
    },
    {
      field: 'workSpacesWebSessions',
      args: `portalId: ${q(portal)}, status: TERMINATED, username: "user3@example.com", sortBy: START_TIME_ASCENDING`,
      selection: 'sessionId',
      expected: byStart.filter((s) => s.status === 'Terminated' && s.username === 'user3@example.com').map((s) => s.sessionId),
    },
    {
      field: 'deadlineSessions',
      args: `farmId: ${q(dl.farmId)}, queueId: ${q(dl.queueId)}, jobId: ${q(dl.jobIds[0]!)}`,
      selection: 'sessionId',
      expected: dl.sessions.filter((s) => s.jobId === dl.jobIds[0]).map((s) => s.sessionId),
    },
    {
      field: 'deadlineWorkerSessions',
      args: `farmId: ${q(dl.farmId)}, fleetId: ${q(dl.fleetId)}, workerId: ${q(dl.workerIds[0]!)}`,
      selection: 'sessionId',
      expected: dl.sessions.filter((s) => s.workerId === dl.workerIds[0]).map((s) => s.sessionId),
    },
    {
      field: 'codeCatalystDevEnvironmentSessions',
      args: `spaceName: ${q(cc.spaceName)}, projectName: ${q(cc.projectName)}, devEnvironmentId: ${q(cc.devEnvironmentIds[0]!)}`,
      selection: 'sessionId',
      expected: cc.sessions.filter((s) => s.devEnvironmentId === cc.devEnvironmentIds[0]).map((s) => s.id),
    },
  ];
}

/** A connection query for one page. */
export const pageQuery = (c: FieldCase) =>
  `query Page($first: Int, $after: String) { ${c.field}(${c.args}, first: $first, after: $after) { edges { cursor node { ${c.selection} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
