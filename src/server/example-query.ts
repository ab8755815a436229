/** The cross-service example query shown in GraphiQL and printed at start-up. */

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

/**
 * The query the start-up banner leads with: no IDs to paste, since the gateway discovers the sources itself. It pages
 * through every active session of every service within the default budget; each page continues from endCursor.
 */
export const DISCOVERY_QUERY = `# Every active session of every service, no IDs needed: the gateway discovers farms, queues, jobs,
# portals, workflow runs and dev environments itself. Pass pageInfo.endCursor as after: for the next page.
query ActiveSessionsEverywhere($after: String) {
  sessions(sources: { services: [DEADLINE, WORKSPACES_WEB, NOVA_ACT, CODECATALYST] }, filter: { activeOnly: true }, first: 20, after: $after) {
    edges { node { id service sessionId startedAt ... on DeadlineSession { farmId jobId lifecycleStatus } } }
    pageInfo { hasNextPage endCursor }
    sourceErrors { source code message }
  }
}
`;

/** The banner's and GraphiQL's document: the discovery query, then the five connections by ID. */
export const startQuery = (ids: ExampleIds): string => `${DISCOVERY_QUERY}
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
