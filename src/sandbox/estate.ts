/**
 * The sandbox's resource graph: farms, queues, jobs, fleets and workers; portals; workflow definitions and runs;
 * spaces, projects and dev environments. It is built around the session data set (whose parents keep their IDs, so
 * the README's examples stay valid) from a PRNG of its own, and adds the sessions of the resources it adds.
 */
import { createRandom, type CodeCatalystRecord, type DeadlineRecord, type NovaActRecord, type SandboxSessions, type WorkSpacesWebRecord } from './data.js';

export interface FarmRecord { farmId: string; displayName: string; createdAt: string; createdBy: string; updatedAt?: string; updatedBy?: string; kmsKeyArn?: string }
export interface QueueRecord { farmId: string; queueId: string; displayName: string; status: string; defaultBudgetAction: string; blockedReason?: string; createdAt: string; createdBy: string }
export interface JobRecord {
  farmId: string; queueId: string; jobId: string; name: string; lifecycleStatus: string; lifecycleStatusMessage: string; priority: number;
  createdAt: string; createdBy: string; startedAt?: string; endedAt?: string; taskRunStatus: string; taskRunStatusCounts: Record<string, number>;
  maxRetriesPerTask: number;
}
export interface FleetRecord {
  farmId: string; fleetId: string; displayName: string; status: string; autoScalingStatus: string; workerCount: number; minWorkerCount: number; maxWorkerCount: number;
  createdAt: string; createdBy: string;
}
export interface WorkerRecord {
  farmId: string; fleetId: string; workerId: string; status: string; createdAt: string; createdBy: string;
  hostProperties: { hostName: string; ipAddresses: { ipV4Addresses: string[] }; ec2InstanceType?: string };
}
export interface PortalRecord { portalId: string; portalArn: string; displayName: string; portalStatus: string; creationDate: number; browserType: string; rendererType: string; portalEndpoint: string; authenticationType: string; maxConcurrentSessions: number }
export interface WorkflowDefinitionRecord { workflowDefinitionName: string; workflowDefinitionArn: string; createdAt: string; status: string; description?: string }
export interface WorkflowRunRecord { workflowDefinitionName: string; workflowRunId: string; workflowRunArn: string; status: string; startedAt: string; endedAt?: string; modelId: string }
export interface SpaceRecord { name: string; regionName: string; displayName: string; description?: string }
export interface ProjectRecord { spaceName: string; name: string; displayName: string; description?: string }
export interface DevEnvironmentRecord {
  spaceName: string; projectName: string; id: string; alias?: string; status: string; lastUpdatedTime: string; creatorId: string; instanceType: string;
  inactivityTimeoutMinutes: number; persistentStorage: { sizeInGiB: number }; repositories: { repositoryName: string; branchName?: string }[]; ides: { name: string; runtime: string }[];
}

/** Every resource above the sessions. */
export interface SandboxEstate {
  farms: FarmRecord[]; queues: QueueRecord[]; jobs: JobRecord[]; fleets: FleetRecord[]; workers: WorkerRecord[];
  portals: PortalRecord[];
  workflowDefinitions: WorkflowDefinitionRecord[]; workflowRuns: WorkflowRunRecord[];
  spaces: SpaceRecord[]; projects: ProjectRecord[]; devEnvironments: DevEnvironmentRecord[];
}

/** The sandbox's own account: the one its fixed credentials belong to. */
export const ACCOUNT = '123456789012';
const HOUR = 3600_000;
const ESTATE_BASE = Date.UTC(2026, 8, 1, 6, 0, 0); // 2026-09-01: jobs of the estate ran before the session data set's
const iso = (ms: number) => new Date(ms).toISOString();

/** The parents the session data set already uses: they keep their IDs. */
export interface KnownParents {
  region: string;
  /** The 12-digit account the estate's ARNs name. */
  accountId: string;
  deadline: { farmId: string; queueId: string; fleetId: string; jobIds: string[]; workerIds: string[] };
  workSpacesWeb: { portalIds: string[] };
  novaAct: { workflowDefinitionName: string; workflowRunIds: string[] };
  codeCatalyst: { spaceName: string; projectName: string; devEnvironmentIds: string[] };
}

/** Builds the estate around `known`, adding to `sessions` the sessions of the resources it adds. */
export function createEstate(known: KnownParents, sessions: SandboxSessions, seed = 20261201): SandboxEstate {
  const rand = createRandom(seed);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const id = (kind: string) => `${kind}-${hex(32)}`;
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const account = known.accountId;
  const creator = `arn:aws:iam::${account}:user/render-admin`;

  const estate: SandboxEstate = { farms: [], queues: [], jobs: [], fleets: [], workers: [], portals: [], workflowDefinitions: [], workflowRuns: [], spaces: [], projects: [], devEnvironments: [] };
  const d = known.deadline;

  // Deadline: three farms, each with one fleet; the known farm keeps its queue, fleet, jobs and workers.
  const farmIds = [d.farmId, id('farm'), id('farm')];
  const queueCounts = [3, 2, 4];
  const workerCounts = [16, 14, 14];
  farmIds.forEach((farmId, f) => {
    estate.farms.push({
      farmId, displayName: `Render farm ${'ABC'[f]}`, createdAt: iso(ESTATE_BASE - (30 - f) * 24 * HOUR), createdBy: creator,
      ...(f === 1 ? { updatedAt: iso(ESTATE_BASE - 2 * HOUR), updatedBy: creator, kmsKeyArn: `arn:aws:kms:${known.region}:${account}:key/${uuid()}` } : {}),
    });
    const fleetId = f === 0 ? d.fleetId : id('fleet');
    const workers = Array.from({ length: workerCounts[f]! }, (_, w) => (f === 0 && w < d.workerIds.length ? d.workerIds[w]! : id('worker')));
    // The known workers' listings stay as the session data set made them.
    const newWorkers = f === 0 ? workers.slice(d.workerIds.length) : workers;
    estate.fleets.push({
      farmId, fleetId, displayName: `Fleet ${'ABC'[f]}`, status: f === 2 ? 'UPDATE_IN_PROGRESS' : 'ACTIVE', autoScalingStatus: pick(['GROWING', 'STEADY', 'SHRINKING']),
      workerCount: workers.length, minWorkerCount: 0, maxWorkerCount: 50, createdAt: iso(ESTATE_BASE - 20 * 24 * HOUR), createdBy: creator,
    });
    workers.forEach((workerId, w) => estate.workers.push({
      farmId, fleetId, workerId, status: w < 3 && f === 0 ? 'RUNNING' : pick(['RUNNING', 'IDLE', 'IDLE', 'STOPPED', 'NOT_RESPONDING']),
      createdAt: iso(ESTATE_BASE - (10 - w / 4) * 24 * HOUR), createdBy: 'arn:aws:sts::123456789012:assumed-role/Worker/fleet',
      hostProperties: { hostName: `render-${f}-${w}`, ipAddresses: { ipV4Addresses: [`10.${f}.${w >> 8}.${w & 255}`] }, ...(w % 2 ? { ec2InstanceType: 'c5.2xlarge' } : {}) },
    }));

    for (let q = 0; q < queueCounts[f]!; q++) {
      const queueId = f === 0 && q === 0 ? d.queueId : id('queue');
      const status = pick(['IDLE', 'SCHEDULING', 'SCHEDULING', 'SCHEDULING_BLOCKED']);
      estate.queues.push({
        farmId, queueId, displayName: `Queue ${f}-${q}`, status, defaultBudgetAction: pick(['NONE', 'STOP_SCHEDULING_AND_COMPLETE_TASKS']),
        ...(status === 'SCHEDULING_BLOCKED' ? { blockedReason: 'BUDGET_THRESHOLD_REACHED' } : {}), createdAt: iso(ESTATE_BASE - 15 * 24 * HOUR), createdBy: creator,
      });
      const known0 = f === 0 && q === 0 ? d.jobIds : [];
      const count = f === 0 && q === 0 ? 40 : 15;
      for (const jobId of known0) estate.jobs.push(jobFromSessions(account, farmId, queueId, jobId, sessions.deadline.filter((s) => s.jobId === jobId)));
      for (let j = 0; j < count; j++) {
        const jobId = id('job');
        const kind = j % 10 === 3 ? 'running' : j % 10 === 7 ? 'queued' : 'finished';
        const created = ESTATE_BASE + (f * 200 + q * 40 + j) * 2 * HOUR;
        const added: DeadlineRecord[] = [];
        if (kind !== 'queued') {
          for (let s = 0, n = between(1, 3); s < n; s++) {
            const started = created + HOUR + s * 20 * 60_000;
            const open = kind === 'running' && s === n - 1;
            added.push({
              farmId, queueId, jobId, sessionId: id('session'), fleetId, workerId: pick(newWorkers),
              startedAt: iso(started), ...(open ? {} : { endedAt: iso(started + between(5, 50) * 60_000) }),
              lifecycleStatus: open ? 'STARTED' : 'ENDED',
            });
          }
        }
        sessions.deadline.push(...added);
        const job = jobFromSessions(account, farmId, queueId, jobId, added, iso(created));
        estate.jobs.push({ ...job, name: `shot-${f}${q}-${String(j).padStart(3, '0')}`, priority: between(1, 99) });
      }
    }
  });

  // WorkSpaces Web: the two known portals, one more with a few sessions, and one with none yet.
  const portalIds = [...known.workSpacesWeb.portalIds, uuid(), uuid()];
  portalIds.forEach((portalId, p) => {
    estate.portals.push({
      portalId, portalArn: portalArn(known.region, account, portalId), displayName: ['Support desk', 'Contractors', 'Finance', 'Pilot'][p]!,
      portalStatus: p === 3 ? 'Pending' : 'Active', creationDate: (ESTATE_BASE + p * 24 * HOUR) / 1000 + 0.5, browserType: 'Chrome', rendererType: 'AppStream',
      portalEndpoint: `${hex(8)}.workspaces-web.com`, authenticationType: p === 1 ? 'IAM_Identity_Center' : 'Standard', maxConcurrentSessions: 25 * (p + 1),
    });
  });
  for (let i = 0; i < 12; i++) {
    const start = (ESTATE_BASE + i * 5 * HOUR) / 1000 + 0.25;
    const active = i >= 9;
    sessions.workSpacesWeb.push({
      portalId: portalIds[2]!, portalArn: portalArn(known.region, account, portalIds[2]!), sessionId: uuid(), username: `finance${i % 4}@example.com`,
      status: active ? 'Active' : 'Terminated', startTime: start, ...(active ? {} : { endTime: start + 1800 }), clientIpAddresses: [`198.51.100.${i + 1}`],
    } satisfies WorkSpacesWebRecord);
  }

  // Nova Act: the known definition (its two runs first) and four more, with runs in every state.
  const names = [known.novaAct.workflowDefinitionName, 'login-flow', 'search_v2', 'invoice-export', 'nightly-audit'];
  const runCounts = [5, 3, 6, 1, 0];
  names.forEach((workflowDefinitionName, w) => {
    const definitionArn = `arn:aws:nova-act:${known.region}:${account}:workflow-definition/${workflowDefinitionName}`;
    estate.workflowDefinitions.push({ workflowDefinitionName, workflowDefinitionArn: definitionArn, createdAt: iso(ESTATE_BASE + w * 3 * HOUR), status: w === 4 ? 'DELETING' : 'ACTIVE', ...(w % 2 ? {} : { description: `Workflow ${workflowDefinitionName}` }) });
    for (let r = 0; r < runCounts[w]!; r++) {
      const workflowRunId = w === 0 && r < known.novaAct.workflowRunIds.length ? known.novaAct.workflowRunIds[r]! : uuid();
      const status = w === 0 && r === 0 ? 'RUNNING' : pick(['SUCCEEDED', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'RUNNING']);
      const started = ESTATE_BASE + (w * 10 + r) * 4 * HOUR;
      estate.workflowRuns.push({
        workflowDefinitionName, workflowRunId, workflowRunArn: `${definitionArn}/workflow-run/${workflowRunId}`, status, startedAt: iso(started),
        ...(status === 'RUNNING' ? {} : { endedAt: iso(started + between(2, 90) * 60_000) }), modelId: 'nova-act-v1',
      });
      if (w === 0 && r < known.novaAct.workflowRunIds.length) continue;
      for (let s = 0, n = between(0, 8); s < n; s++) sessions.novaAct.push({ workflowDefinitionName, workflowRunId, sessionId: uuid() } satisfies NovaActRecord);
    }
  });

  // CodeCatalyst: the known space and project, and a second space in another region.
  const c = known.codeCatalyst;
  const layout: [string, string, string[]][] = [[c.spaceName, known.region, [c.projectName, 'web-portal']], ['studio-two', 'eu-west-1', ['pipeline', 'docs.site', 'ml_lab']]];
  for (const [spaceName, regionName, projects] of layout) {
    estate.spaces.push({ name: spaceName, regionName, displayName: spaceName === c.spaceName ? 'Sandbox space' : 'Studio two', ...(regionName === known.region ? { description: 'Where the sandbox renders' } : {}) });
    for (const projectName of projects) {
      estate.projects.push({ spaceName, name: projectName, displayName: projectName.replace(/[-_.]/g, ' '), ...(projectName === 'pipeline' ? { description: 'CI' } : {}) });
      const knownIds = spaceName === c.spaceName && projectName === c.projectName ? c.devEnvironmentIds : [];
      const extra = knownIds.length ? 1 : between(1, 3);
      [...knownIds, ...Array.from({ length: extra }, () => uuid())].forEach((envId, e) => {
        const known1 = e < knownIds.length;
        const status = known1 ? 'RUNNING' : pick(['RUNNING', 'STOPPED', 'STOPPED', 'PENDING']);
        estate.devEnvironments.push({
          spaceName, projectName, id: envId, ...(e % 2 ? { alias: `env-${e}` } : {}), status, lastUpdatedTime: iso(ESTATE_BASE + e * HOUR), creatorId: `user-${hex(6)}`,
          instanceType: pick(['dev.standard1.small', 'dev.standard1.medium']), inactivityTimeoutMinutes: 15, persistentStorage: { sizeInGiB: 16 },
          repositories: [{ repositoryName: projectName.replace(/\./g, '-'), branchName: 'main' }], ides: [{ name: 'VSCode', runtime: 'public.ecr.aws/jetbrains/py' }],
        });
        if (known1 || status !== 'RUNNING') return;
        for (let s = 0, n = between(1, 4); s < n; s++) {
          sessions.codeCatalyst.push({ spaceName, projectName, devEnvironmentId: envId, id: `${hex(8)}-${hex(24)}`, startedTime: iso(ESTATE_BASE + (e * 7 + s) * HOUR) } satisfies CodeCatalystRecord);
        }
      });
    }
  }
  addPruningEdgeCases(estate, sessions, hex, account);
  return estate;
}

/**
 * Jobs at the edges of the discovery pruning rules, in farm B's first queue: one whose last session lasted half a
 * second and ended with the job (a startedAfter bound a second before the job ended must still find it), and one whose
 * tasks have all succeeded while its last session is still ending (it has no endedAt yet, so activeOnly must read it).
 * They come last, so the IDs drawn before them stay as they were.
 */
function addPruningEdgeCases(estate: SandboxEstate, sessions: SandboxSessions, hex: (n: number) => string, account: string): void {
  const queue = estate.queues.find((q) => q.farmId === estate.farms[1]!.farmId)!;
  const fleet = estate.fleets.find((f) => f.farmId === queue.farmId)!;
  const worker = estate.workers.find((w) => w.fleetId === fleet.fleetId)!;
  const at = (ms: number) => iso(EDGE_CASES_AT + ms);
  const session = (jobId: string, startedAt: string, rest: Partial<DeadlineRecord>): DeadlineRecord =>
    ({ farmId: queue.farmId, queueId: queue.queueId, jobId, sessionId: `session-${hex(32)}`, fleetId: fleet.fleetId, workerId: worker.workerId, startedAt, lifecycleStatus: 'ENDED', ...rest });

  const quick = `job-${hex(32)}`;
  const quickSessions = [
    session(quick, at(0), { endedAt: at(40 * 60_000) }),
    session(quick, at(HOUR - 500), { endedAt: at(HOUR) }),
  ];
  const ending = `job-${hex(32)}`;
  const endingSessions = [
    session(ending, at(2 * HOUR), { endedAt: at(2 * HOUR + 30 * 60_000) }),
    session(ending, at(2 * HOUR + 31 * 60_000), { lifecycleStatus: 'STARTED', targetLifecycleStatus: 'ENDED', updatedAt: at(3 * HOUR) }),
  ];
  sessions.deadline.push(...quickSessions, ...endingSessions);
  estate.jobs.push({ ...jobFromSessions(account, queue.farmId, queue.queueId, quick, quickSessions), name: 'edge-quick-last-session' });
  estate.jobs.push({
    ...jobFromSessions(account, queue.farmId, queue.queueId, ending, endingSessions), name: 'edge-last-session-ending',
    taskRunStatus: 'SUCCEEDED', taskRunStatusCounts: { SUCCEEDED: 2 },
  });
}

/** When the edge-case jobs ran: after every other job of the estate. */
const EDGE_CASES_AT = Date.UTC(2026, 10, 20, 8, 0, 0);

export const portalArn = (region: string, account: string, portalId: string) => `arn:aws:workspaces-web:${region}:${account}:portal/${portalId}`;

/** A job as its sessions say it ran: started with the first, ended with the last (when every one has ended). */
function jobFromSessions(account: string, farmId: string, queueId: string, jobId: string, sessions: DeadlineRecord[], createdAt?: string): JobRecord {
  const starts = sessions.map((s) => Date.parse(s.startedAt));
  const ends = sessions.map((s) => (s.endedAt ? Date.parse(s.endedAt) : NaN));
  // A session that is still ending keeps its job from ending: endedAt comes with the last session's end.
  const running = sessions.some((s) => !s.endedAt);
  const finished = sessions.length > 0 && !running;
  const tasks = Math.max(1, sessions.length);
  return {
    farmId, queueId, jobId, name: `job-${jobId.slice(4, 10)}`, lifecycleStatus: 'CREATE_COMPLETE', lifecycleStatusMessage: 'Job created', priority: 50,
    createdAt: createdAt ?? iso(Math.min(...starts) - HOUR), createdBy: `arn:aws:iam::${account}:user/artist`,
    ...(starts.length ? { startedAt: iso(Math.min(...starts)) } : {}),
    ...(finished ? { endedAt: iso(Math.max(...ends)) } : {}),
    taskRunStatus: finished ? 'SUCCEEDED' : running ? 'RUNNING' : 'READY',
    taskRunStatusCounts: finished ? { SUCCEEDED: tasks } : running ? { RUNNING: 1, SUCCEEDED: tasks - 1 } : { READY: tasks },
    maxRetriesPerTask: 3,
  };
}
