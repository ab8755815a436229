/**
 * Sources for the unified connection, and the expected result computed from the sandbox's own records, independently
 * of the gateway: global IDs as Relay writes them, start times as the AWS SDK parses them, order and filters as the
 * README states them. A bug the unified and the per-service connections shared would not cancel out.
 */
import { parseEpochTimestamp, parseRfc3339DateTimeWithOffset } from '@smithy/core/serde';
import type { SandboxData } from '../../src/sandbox/data.js';
import { globalId } from './global-id.js';
import type { Harness } from './harness.js';

/** One source: its kind (SessionSourcesInput field), its GraphQL input literal, the per-service field that lists the same, and its sessions in the upstream's order. */
export interface SourceCase {
  kind: string;
  literal: string;
  field: string;
  args: string;
  sessions: Seen[];
}

const iso = (wire: string) => parseRfc3339DateTimeWithOffset(wire)!.toISOString();

const q = JSON.stringify;

/** All five kinds, two of some; `small` keeps the smaller parents only. */
export function mixedSources(d: SandboxData, small = false): SourceCase[] {
  const dl = d.deadline, cc = d.codeCatalyst;
  const pick = <T>(xs: T[]) => (small ? xs.slice(1) : xs);
  const out: SourceCase[] = [];
  const deadline = (sessions: SandboxData['deadline']['sessions']): Seen[] => sessions.map((s) => ({
    id: globalId('DeadlineSession', [s.farmId, s.queueId, s.jobId, s.sessionId]), service: 'DEADLINE', startedAt: iso(s.startedAt), active: s.lifecycleStatus !== 'ENDED',
  }));
  for (const run of pick(d.novaAct.workflowRunIds)) {
    const a = `workflowDefinitionName: ${q(d.novaAct.workflowDefinitionName)}, workflowRunId: ${q(run)}`;
    const sessions = d.novaAct.sessions.filter((s) => s.workflowRunId === run).map((s) => ({
      id: globalId('NovaActSession', [s.workflowDefinitionName, s.workflowRunId, s.sessionId]), service: 'NOVA_ACT', startedAt: null, active: null,
    }));
    out.push({ kind: 'novaActWorkflowRuns', literal: `{ ${a} }`, field: 'novaActSessions', args: a, sessions });
  }
  for (const portal of pick(d.workSpacesWeb.portalIds)) {
    const sessions = d.workSpacesWeb.sessions.filter((s) => s.portalId === portal).map((s) => ({
      id: globalId('WorkSpacesWebSession', [s.portalId, s.sessionId]), service: 'WORKSPACES_WEB', startedAt: parseEpochTimestamp(s.startTime)!.toISOString(), active: s.status === 'Active',
    }));
    out.push({ kind: 'workSpacesWebPortals', literal: `{ portalId: ${q(portal)} }`, field: 'workSpacesWebSessions', args: `portalId: ${q(portal)}`, sessions });
  }
  for (const job of pick(dl.jobIds)) {
    const a = `farmId: ${q(dl.farmId)}, queueId: ${q(dl.queueId)}, jobId: ${q(job)}`;
    out.push({ kind: 'deadlineJobs', literal: `{ ${a} }`, field: 'deadlineSessions', args: a, sessions: deadline(dl.sessions.filter((s) => s.jobId === job)) });
  }
  for (const worker of small ? [dl.workerIds[2]!] : [dl.workerIds[0]!]) {
    const a = `farmId: ${q(dl.farmId)}, fleetId: ${q(dl.fleetId)}, workerId: ${q(worker)}`;
    out.push({ kind: 'deadlineWorkers', literal: `{ ${a} }`, field: 'deadlineWorkerSessions', args: a, sessions: deadline(dl.sessions.filter((s) => s.workerId === worker)) });
  }
  for (const env of pick(cc.devEnvironmentIds)) {
    const a = `spaceName: ${q(cc.spaceName)}, projectName: ${q(cc.projectName)}, devEnvironmentId: ${q(env)}`;
    const sessions = cc.sessions.filter((s) => s.devEnvironmentId === env).map((s) => ({
      id: globalId('CodeCatalystDevEnvironmentSession', [s.spaceName, s.projectName, s.devEnvironmentId, s.id]), service: 'CODECATALYST', startedAt: iso(s.startedTime), active: true,
    }));
    out.push({ kind: 'codeCatalystDevEnvironments', literal: `{ ${a} }`, field: 'codeCatalystDevEnvironmentSessions', args: a, sessions });
  }
  return out;
}

/** The `sources:` literal, kinds grouped in SessionSourcesInput's order. */
export function sourcesLiteral(sources: SourceCase[]): string {
  const kinds = ['novaActWorkflowRuns', 'workSpacesWebPortals', 'deadlineJobs', 'deadlineWorkers', 'codeCatalystDevEnvironments'];
  return `{ ${kinds.filter((k) => sources.some((s) => s.kind === k)).map((k) => `${k}: [${sources.filter((s) => s.kind === k).map((s) => s.literal).join(', ')}]`).join(', ')} }`;
}

/** A session as the tests compare them. */
export interface Seen {
  id: string;
  service: string;
  startedAt: string | null;
  active: boolean | null;
}

const SELECTION = `id service startedAt ... on Session { ... on DeadlineSession { lifecycleStatus } ... on WorkSpacesWebSession { status } }`;
const toSeen = (n: any): Seen => ({
  id: n.id, service: n.service, startedAt: n.startedAt,
  active: n.lifecycleStatus !== undefined ? n.lifecycleStatus !== 'ENDED' : n.status !== undefined ? n.status === 'ACTIVE' : n.service === 'CODECATALYST' ? true : null,
});
export const unifiedSelection = `edges { cursor node { ${SELECTION} } } pageInfo { hasNextPage endCursor } sourceErrors { source code }`;
export const seenOf = (edges: any[]) => edges.map((e) => toSeen(e.node));

/** Every session of each source, read through its own per-service connection (to check those against the sandbox). */
export async function perSource(h: Harness, sources: SourceCase[]): Promise<Seen[][]> {
  return Promise.all(sources.map(async (s) => {
    const res = await h.query(`{ c: ${s.field}(${s.args}, first: 1000) { edges { node { ${SELECTION} } } pageInfo { hasNextPage } } }`);
    if (res.errors || res.data.c.pageInfo.hasNextPage) throw new Error(`could not read ${s.field}: ${JSON.stringify(res.errors)}`);
    return seenOf(res.data.c.edges);
  }));
}

/** The key inside a global ID. */
const keyOf = (id: string) => {
  const raw = Buffer.from(id, 'base64').toString('utf8');
  return raw.slice(raw.indexOf(':') + 1);
};

/** What a filter keeps, per the documented semantics. */
export function keep(s: Seen, filter: { activeOnly?: boolean; after?: string; before?: string }): boolean {
  if (filter.activeOnly && s.active === false) return false;
  const t = s.startedAt ? Date.parse(s.startedAt) : undefined;
  if (filter.after && !(t !== undefined && t > Date.parse(filter.after))) return false;
  if (filter.before && !(t !== undefined && t < Date.parse(filter.before))) return false;
  return true;
}

/** The expected order: sources one after another, or a merge by start time (no start time last), duplicates once. */
export function expected(lists: Seen[][], order: 'SOURCE' | 'STARTED_AT_DESC' | 'STARTED_AT_ASC', filter = {}): string[] {
  const all = lists.flat().filter((s) => keep(s, filter));
  if (order === 'SOURCE') return all.map((s) => s.id);
  const dir = order === 'STARTED_AT_ASC' ? 1 : -1;
  const sorted = [...all].sort((a, b) => {
    if (a.startedAt !== b.startedAt) {
      if (a.startedAt === null) return 1;
      if (b.startedAt === null) return -1;
      return dir * (Date.parse(a.startedAt) - Date.parse(b.startedAt));
    }
    if (a.service !== b.service) return a.service < b.service ? -1 : 1;
    return keyOf(a.id) < keyOf(b.id) ? -1 : keyOf(a.id) > keyOf(b.id) ? 1 : 0;
  });
  return sorted.map((s) => s.id).filter((id, i, ids) => i === 0 || ids[i - 1] !== id);
}
