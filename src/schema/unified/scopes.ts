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
import { DevEnvironment, Project, Space } from '../services/codecatalyst-graph.js';
import { Farm, Job, Queue, Worker } from '../services/deadline-graph.js';
import { WorkflowDefinition, WorkflowRun } from '../services/nova-act-graph.js';
import { Portal, portalIdOf } from '../services/workspaces-web-graph.js';
import { workSpacesWebPortalSource } from '../services/workspaces-web.js';
import type { Resource } from '../shared/resource.js';
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

type Rule = (item: Record<string, unknown>, filter: SessionFilterValue) => boolean;

/**
 * A level that lists `child` resources below the parent's IDs (the listing's input is the parent's key): each item's
 * IDs are read as the graph reads them (`child.from`), or mapped by `ids` where the session source names them
 * differently. `mayMatch` is a pruning rule (inferred from the item's times and status, skipped when pruning is off);
 * `matches` is part of the filter's definition (a Nova Act session is active while its run is), applied always.
 */
const level = (
  op: OperationDescriptor, child: Resource<string>,
  rules: { mayMatch?: Rule; matches?: Rule; ids?: (ids: Readonly<Ids>) => Ids } = {},
): LevelSpec => ({
  op,
  input: (parent) => ({ ...parent }),
  child: (parent, item, filter, prune) => {
    if (rules.matches && !rules.matches(item, filter)) return undefined;
    if (prune && rules.mayMatch && !rules.mayMatch(item, filter)) return undefined;
    const ids = child.idsOf(item, parent);
    return rules.ids ? rules.ids(ids) : { ...ids };
  },
});

const farms = level(ops.deadlineListFarms, Farm);
const queues = level(ops.deadlineListQueues, Queue);
const jobs = level(ops.deadlineListJobs, Job, { mayMatch: jobMayMatch });
const workers = level(ops.deadlineListWorkers, Worker);
const portals = level(ops.workSpacesWebListPortals, Portal, { ids: ({ portalArn }) => ({ portalId: portalIdOf(portalArn!) }) });
const definitions = level(ops.novaActListWorkflowDefinitions, WorkflowDefinition);
const runs = level(ops.novaActListWorkflowRuns, WorkflowRun, { matches: runMatches });
const spaces = level(ops.codeCatalystListSpaces, Space);
const projects = level(ops.codeCatalystListProjects, Project);
const devEnvironments = level(ops.codeCatalystListDevEnvironments, DevEnvironment);

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

/** For each of `sources` (field, given and place, in stream order), whether another one in the same place covers it. */
export function coveredSources(sources: readonly { field: string; given: Record<string, unknown>; at: string }[]): boolean[] {
  const at = sources.map((s) => [s.at, ...POSITION[s.field]!(s.given)]);
  const within = (inner: unknown[], outer: unknown[]) => outer.length <= inner.length && outer.every((v, i) => v === inner[i]);
  return at.map((mine, i) => at.some((other, j) => j !== i && within(mine, other) && (other.length < mine.length || j < i)));
}
