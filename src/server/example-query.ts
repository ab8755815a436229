/** The cross-service example query shown in GraphiQL and printed at start-up. */
import type { PlaceSettings } from '../upstream/place.js';

/** Parent IDs to put in the example. */
export interface ExampleIds {
  workflowDefinitionName: string; workflowRunId: string;
  portalId: string;
  farmId: string; queueId: string; jobId: string; fleetId: string; workerId: string;
  spaceName: string; projectName: string; devEnvironmentId: string;
}

/** Placeholders for real AWS, where we cannot know the user's resources. */
export const PLACEHOLDER_IDS: ExampleIds = {
  workflowDefinitionName: 'my-workflow', workflowRunId: '00000000-0000-0000-0000-000000000000',
  portalId: '00000000-0000-0000-0000-000000000000',
  farmId: `farm-${'0'.repeat(32)}`, queueId: `queue-${'0'.repeat(32)}`, jobId: `job-${'0'.repeat(32)}`,
  fleetId: `fleet-${'0'.repeat(32)}`, workerId: `worker-${'0'.repeat(32)}`,
  spaceName: 'my-space', projectName: 'my-project', devEnvironmentId: '00000000-0000-0000-0000-000000000000',
};

/** The sandbox data set's parent IDs (its fixtures) in example form: the first job, worker, portal, run and environment. */
export function idsFromSandboxFixtures(f: {
  novaAct: { workflowDefinitionName: string; workflowRunIds: string[] };
  workSpacesWeb: { portalIds: string[] };
  deadline: { farmId: string; queueId: string; fleetId: string; jobIds: string[]; workerIds: string[] };
  codeCatalyst: { spaceName: string; projectName: string; devEnvironmentIds: string[] };
}): ExampleIds {
  return {
    workflowDefinitionName: f.novaAct.workflowDefinitionName, workflowRunId: f.novaAct.workflowRunIds[0]!,
    portalId: f.workSpacesWeb.portalIds[0]!,
    farmId: f.deadline.farmId, queueId: f.deadline.queueId, jobId: f.deadline.jobIds[0]!, fleetId: f.deadline.fleetId, workerId: f.deadline.workerIds[0]!,
    spaceName: f.codeCatalyst.spaceName, projectName: f.codeCatalyst.projectName, devEnvironmentId: f.codeCatalyst.devEnvironmentIds[0]!,
  };
}

/** Where the discovery query reads: every region and account alias beyond the defaults the gateway may reach. */
export interface ExampleReach {
  regions: readonly string[];
  accounts: readonly string[];
}

/**
 * The query the start-up banner leads with: no IDs to paste, since the gateway discovers the sources itself, in every
 * region and account it may reach. It pages through every active session within the default budget; each page
 * continues from endCursor.
 */
export function discoveryQuery(reach: ExampleReach = { regions: [], accounts: [] }): string {
  const list = (name: string, values: readonly string[]) => (values.length ? `, ${name}: [${values.map((v) => JSON.stringify(v)).join(', ')}]` : '');
  const where = `${list('regions', reach.regions)}${list('accounts', reach.accounts)}`;
  return `# Every active session of every service, no IDs needed: the gateway discovers farms, queues, jobs,
# portals, workflow runs and dev environments itself${where ? ', in each region and account named' : ''}. Pass pageInfo.endCursor as after: for the next page.
query ActiveSessionsEverywhere($after: String) {
  sessions(sources: { services: [DEADLINE, WORKSPACES_WEB, NOVA_ACT, CODECATALYST]${where} }, filter: { activeOnly: true }, first: 20, after: $after) {
    edges { node { id service region account sessionId startedAt ... on DeadlineSession { farmId jobId lifecycleStatus } } }
    pageInfo { hasNextPage endCursor }
    sourceErrors { source code message }
  }
}
`;
}

/** The reach of a gateway's discovery query: nothing to name when it reads only its defaults, else every place. */
export function reachOf(places: PlaceSettings): ExampleReach {
  const home = [...new Set(Object.values(places.defaultRegions))];
  const regions = [...home, ...places.regions.filter((r) => !home.includes(r))];
  const accounts = Object.keys(places.accounts);
  if (regions.length === home.length && accounts.length === 0) return { regions: [], accounts: [] };
  return { regions, accounts: ['default', ...accounts] };
}

/** The discovery query of a gateway with no regions or accounts beyond its defaults. */
export const DISCOVERY_QUERY = discoveryQuery();

/** The banner's and GraphiQL's document: the discovery query, then the five connections by ID. */
export const startQuery = (ids: ExampleIds, reach?: ExampleReach): string => `${discoveryQuery(reach)}
${exampleQuery(ids)}`;

/** A query over all five connections. */
export function exampleQuery(ids: ExampleIds): string {
  return `# All five AWS session APIs in one request; each connection pages with first/after.
query AllSessions {
  novaActSessions(workflowDefinitionName: "${ids.workflowDefinitionName}", workflowRunId: "${ids.workflowRunId}", first: 3) {
    edges { cursor node { sessionId } }
    pageInfo { hasNextPage endCursor }
  }
  workSpacesWebSessions(portalId: "${ids.portalId}", status: ACTIVE, sortBy: START_TIME_DESCENDING, first: 3) {
    edges { node { sessionId username status startTime } }
    pageInfo { hasNextPage endCursor }
  }
  deadlineSessions(farmId: "${ids.farmId}", queueId: "${ids.queueId}", jobId: "${ids.jobId}", first: 3) {
    edges { node { id sessionId lifecycleStatus startedAt endedAt } }
    pageInfo { hasNextPage endCursor }
  }
  deadlineWorkerSessions(farmId: "${ids.farmId}", fleetId: "${ids.fleetId}", workerId: "${ids.workerId}", first: 3) {
    edges { node { sessionId jobId lifecycleStatus } }
    pageInfo { hasNextPage endCursor }
  }
  codeCatalystDevEnvironmentSessions(spaceName: "${ids.spaceName}", projectName: "${ids.projectName}", devEnvironmentId: "${ids.devEnvironmentId}", first: 3) {
    edges { node { sessionId startedTime } }
    pageInfo { hasNextPage endCursor }
  }
}
`;
}
