/**
 * Discovery scopes of the unified connection: parents above the session listings (a farm, a queue, a fleet, a
 * workflow definition, a CodeCatalyst project, or a whole service) whose session sources the gateway finds by
 * walking the resource graph, through the same operations and loaders as the graph's own fields.
 */
import * as ops from '../../upstream/operations/index.js';
import type { OperationDescriptor, OperationInput } from '../../upstream/operation.js';
import { codeCatalystEnvironmentSource } from '../services/codecatalyst.js';
import { deadlineJobSource, deadlineWorkerSource } from '../services/deadline.js';
import { novaActRunSource } from '../services/nova-act.js';
import { portalIdOf } from '../services/workspaces-web-graph.js';
import { workSpacesWebPortalSource } from '../services/workspaces-web.js';
import type { SessionFilterValue, SessionSourceKind } from '../shared/session-source.js';
import type { AwsServiceName } from '../shared/session.js';
import { jobMayMatch, runMatches } from './pruning.js';

/** The IDs known at a point of the walk: the scope's own, then one more per level. */
export type Ids = Record<string, string>;

/** One level of the walk: the listing of a parent's children, and the child each item stands for. */
export interface LevelSpec {
  op: OperationDescriptor;
  input(parent: Ids): OperationInput;
  /** The child's IDs, or undefined when nothing below the item can pass the filter (by its definition, or by pruning when on). */
  child(parent: Ids, item: Record<string, unknown>, filter: SessionFilterValue, prune: boolean): Ids | undefined;
}

/**
 * A level. `mayMatch` is a pruning rule (inferred from the parent's times and status, skipped when pruning is off);
 * `matches` is part of the filter's definition (a Nova Act session is active while its run is), applied always.
 */
const level = (
  op: OperationDescriptor, parentIds: readonly string[], childId: string, read: (item: Record<string, unknown>) => unknown,
  rules: { mayMatch?: (item: Record<string, unknown>, filter: SessionFilterValue) => boolean; matches?: (item: Record<string, unknown>, filter: SessionFilterValue) => boolean } = {},
): LevelSpec => ({
  op,
  input: (parent) => Object.fromEntries(parentIds.map((k) => [k, parent[k]])),
  child: (parent, item, filter, prune) => {
    if (rules.matches && !rules.matches(item, filter)) return undefined;
    if (prune && rules.mayMatch && !rules.mayMatch(item, filter)) return undefined;
    return { ...parent, [childId]: String(read(item)) };
  },
});

const farms = level(ops.deadlineListFarms, [], 'farmId', (f) => f.farmId);
const queues = level(ops.deadlineListQueues, ['farmId'], 'queueId', (q) => q.queueId);
const jobs = level(ops.deadlineListJobs, ['farmId', 'queueId'], 'jobId', (j) => j.jobId, { mayMatch: jobMayMatch });
const workers = level(ops.deadlineListWorkers, ['farmId', 'fleetId'], 'workerId', (w) => w.workerId);
const portals = level(ops.workSpacesWebListPortals, [], 'portalId', (p) => portalIdOf(String(p.portalArn)));
const definitions = level(ops.novaActListWorkflowDefinitions, [], 'workflowDefinitionName', (d) => d.workflowDefinitionName);
const runs = level(ops.novaActListWorkflowRuns, ['workflowDefinitionName'], 'workflowRunId', (r) => r.workflowRunId, { matches: runMatches });
const spaces = level(ops.codeCatalystListSpaces, [], 'spaceName', (s) => s.name);
const projects = level(ops.codeCatalystListProjects, ['spaceName'], 'projectName', (p) => p.name);
const devEnvironments = level(ops.codeCatalystListDevEnvironments, ['spaceName', 'projectName'], 'devEnvironmentId', (e) => e.id);

/** A kind of scope: the walk from its IDs down to session sources of `leaf`. */
export interface ScopeKind {
  /** The SessionSourcesInput field. */
  field: string;
  service: AwsServiceName;
  levels: readonly LevelSpec[];
  leaf: SessionSourceKind<any>;
}

/** The scope fields of SessionSourcesInput, in the order SOURCE streams them (after the session sources). */
export const SCOPE_KINDS: readonly ScopeKind[] = [
  { field: 'deadlineFarms', service: 'DEADLINE', levels: [queues, jobs], leaf: deadlineJobSource },
  { field: 'deadlineQueues', service: 'DEADLINE', levels: [jobs], leaf: deadlineJobSource },
  { field: 'deadlineFleets', service: 'DEADLINE', levels: [workers], leaf: deadlineWorkerSource },
  { field: 'novaActWorkflowDefinitions', service: 'NOVA_ACT', levels: [runs], leaf: novaActRunSource },
  { field: 'codeCatalystProjects', service: 'CODECATALYST', levels: [devEnvironments], leaf: codeCatalystEnvironmentSource },
];

/**
 * `services: [...]`: a whole service, from the top. Deadline is walked through its jobs only: a worker's sessions are
 * sessions of jobs, so walking fleets too would list them twice.
 */
export const SERVICE_SCOPES: Record<AwsServiceName, ScopeKind> = {
  DEADLINE: { field: 'services', service: 'DEADLINE', levels: [farms, queues, jobs], leaf: deadlineJobSource },
  WORKSPACES_WEB: { field: 'services', service: 'WORKSPACES_WEB', levels: [portals], leaf: workSpacesWebPortalSource },
  NOVA_ACT: { field: 'services', service: 'NOVA_ACT', levels: [definitions, runs], leaf: novaActRunSource },
  CODECATALYST: { field: 'services', service: 'CODECATALYST', levels: [spaces, projects, devEnvironments], leaf: codeCatalystEnvironmentSource },
};

/**
 * Where a source or scope sits in its service's tree: one that sits at or below another of the same request is
 * covered by it and not read on its own, so no listing is read twice. A farm covers its fleets and workers too (their
 * sessions are its jobs' sessions); a job and a worker may share sessions that no tree position shows.
 */
const POSITION: Record<string, (given: Record<string, unknown>) => unknown[]> = {
  services: (g) => [g.service],
  deadlineJobs: (g) => ['DEADLINE', g.farmId, 'queue', g.queueId, g.jobId],
  deadlineWorkers: (g) => ['DEADLINE', g.farmId, 'fleet', g.fleetId, g.workerId],
  deadlineFarms: (g) => ['DEADLINE', g.farmId],
  deadlineQueues: (g) => ['DEADLINE', g.farmId, 'queue', g.queueId],
  deadlineFleets: (g) => ['DEADLINE', g.farmId, 'fleet', g.fleetId],
  workSpacesWebPortals: (g) => ['WORKSPACES_WEB', g.portalId],
  novaActWorkflowRuns: (g) => ['NOVA_ACT', g.workflowDefinitionName, g.workflowRunId],
  novaActWorkflowDefinitions: (g) => ['NOVA_ACT', g.workflowDefinitionName],
  codeCatalystDevEnvironments: (g) => ['CODECATALYST', g.spaceName, g.projectName, g.devEnvironmentId],
  codeCatalystProjects: (g) => ['CODECATALYST', g.spaceName, g.projectName],
};

/** For each of `sources` (field and given, in stream order), whether another one covers it. */
export function coveredSources(sources: readonly { field: string; given: Record<string, unknown> }[]): boolean[] {
  const at = sources.map((s) => POSITION[s.field]!(s.given));
  const within = (inner: unknown[], outer: unknown[]) => outer.length <= inner.length && outer.every((v, i) => v === inner[i]);
  return at.map((mine, i) => at.some((other, j) => j !== i && within(mine, other) && (other.length < mine.length || j < i)));
}
