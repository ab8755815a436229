import { ACCOUNT, createEstate, portalArn, type SandboxEstate } from './estate.js';

/**
 * The sandbox's deterministic data set: the same seed gives the same sessions, IDs and timestamps on every machine.
 * Sizes are chosen so that every connection needs several upstream pages.
 */

/** A seeded PRNG (mulberry32): small, fast and the same everywhere. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rand: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const uuid = (rand: () => number) => `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;

/** One Deadline session as the sandbox stores it (wire form: ISO-8601 strings). */
export interface DeadlineRecord {
  farmId: string; queueId: string; jobId: string; sessionId: string; fleetId: string; workerId: string;
  startedAt: string; endedAt?: string; updatedAt?: string; updatedBy?: string;
  lifecycleStatus: string; targetLifecycleStatus?: string;
}
/** One WorkSpaces Web session (wire form: epoch seconds as numbers). */
export interface WorkSpacesWebRecord {
  portalId: string; portalArn: string; sessionId: string; username: string; status: 'Active' | 'Terminated';
  startTime: number; endTime?: number; clientIpAddresses: string[];
}
/** One Nova Act session; its list carries only the ID. */
export interface NovaActRecord { workflowDefinitionName: string; workflowRunId: string; sessionId: string }
/** One CodeCatalyst dev environment session. */
export interface CodeCatalystRecord { spaceName: string; projectName: string; devEnvironmentId: string; id: string; startedTime: string }

/** The sessions of every service, as the sandbox stores them. */
export interface SandboxSessions {
  deadline: DeadlineRecord[]; workSpacesWeb: WorkSpacesWebRecord[]; novaAct: NovaActRecord[]; codeCatalyst: CodeCatalystRecord[];
}

/** The whole data set: the parent IDs the README's examples query by, their sessions, and the estate around them. */
export interface SandboxData {
  region: string;
  accountId: string;
  estate: SandboxEstate;
  deadline: { farmId: string; queueId: string; fleetId: string; jobIds: string[]; workerIds: string[]; sessions: DeadlineRecord[] };
  workSpacesWeb: { portalIds: string[]; sessions: WorkSpacesWebRecord[] };
  novaAct: { workflowDefinitionName: string; workflowRunIds: string[]; sessions: NovaActRecord[] };
  codeCatalyst: { spaceName: string; projectName: string; devEnvironmentIds: string[]; sessions: CodeCatalystRecord[] };
}

const BASE = Date.UTC(2026, 9, 1, 8, 0, 0); // 2026-10-01T08:00:00Z

/** ISO-8601 in the several shapes services really send: with milliseconds, microseconds, none, or an offset. */
function isoVariant(ms: number, i: number): string {
  const iso = new Date(ms).toISOString();
  switch (i % 4) {
    case 1: return `${iso.slice(0, 23)}${String(i % 1000).padStart(3, '0')}Z`; // microseconds
    case 2: return `${iso.slice(0, 19)}Z`;
    case 3: return `${new Date(ms + 2 * 3600_000).toISOString().slice(0, 23)}+02:00`;
    default: return iso;
  }
}

/** Where a data set lives and how large it is; the defaults are the sandbox's main data set. */
export interface WorldShape {
  seed?: number;
  /** The seed of the estate around the sessions. */
  estateSeed?: number;
  region?: string;
  accountId?: string;
  /** Sessions per parent, as a fraction of the main data set's (which still pages several times at 1). */
  scale?: number;
}

/** Builds the data set from a seed (the main one), or a smaller one elsewhere. */
export function createSandboxData(shape: WorldShape | number = {}): SandboxData {
  const { seed = 20261122, estateSeed = 20261201, region = 'us-west-2', accountId = ACCOUNT, scale = 1 } = typeof shape === 'number' ? { seed: shape } : shape;
  const sized = (counts: number[]) => counts.map((c) => Math.max(1, Math.round(c * scale)));
  const rand = createRandom(seed);
  const id = (kind: string) => `${kind}-${hex(rand, 32)}`;

  const farmId = id('farm'), queueId = id('queue'), fleetId = id('fleet');
  const jobIds = [id('job'), id('job')];
  const workerIds = [id('worker'), id('worker'), id('worker')];
  const deadlineSessions: DeadlineRecord[] = [];
  sized([240, 45]).forEach((count, j) => {
    for (let i = 0; i < count; i++) {
      const n = deadlineSessions.length;
      const started = BASE + n * 7 * 60_000 + Math.floor(rand() * 60_000);
      const ended = i < count - 12;
      const lifecycle = ended ? 'ENDED' : ['STARTED', 'UPDATE_IN_PROGRESS', 'UPDATE_SUCCEEDED', 'UPDATE_FAILED'][i % 4]!;
      deadlineSessions.push({
        farmId, queueId, jobId: jobIds[j]!, sessionId: id('session'), fleetId,
        // Worker 0 takes every other session of both jobs (about 140); the rest share the others.
        workerId: n % 2 === 0 ? workerIds[0]! : workerIds[1 + (n % 4 === 1 ? 0 : 1)]!,
        startedAt: isoVariant(started, n),
        ...(ended ? { endedAt: isoVariant(started + 30 * 60_000 + Math.floor(rand() * 600_000), n + 1) } : {}),
        ...(i % 5 === 0 ? { updatedAt: isoVariant(started + 60_000, n + 2), updatedBy: `arn:aws:sts::${accountId}:assumed-role/Render/worker-${n}` } : {}),
        lifecycleStatus: lifecycle,
        ...(lifecycle === 'STARTED' && i % 8 === 0 ? { targetLifecycleStatus: 'ENDED' } : {}),
      });
    }
  });

  const portalIds = [uuid(rand), uuid(rand)];
  const wswSessions: WorkSpacesWebRecord[] = [];
  sized([260, 30]).forEach((count, p) => {
    for (let i = 0; i < count; i++) {
      // Fractional epoch seconds, as the service sends them.
      const start = (BASE + (i * 11 + p * 3) * 60_000 + Math.floor(rand() * 59_999)) / 1000 + (i % 3) * 0.125;
      const active = i % 4 === 0 || i >= count - 15;
      wswSessions.push({
        portalId: portalIds[p]!,
        portalArn: portalArn(region, accountId, portalIds[p]!),
        sessionId: uuid(rand),
        username: `user${i % 23}@example.com`,
        status: active ? 'Active' : 'Terminated',
        startTime: start,
        ...(active ? {} : { endTime: start + 1800 + Math.floor(rand() * 3600) + 0.5 }),
        clientIpAddresses: [`203.0.113.${1 + (i % 250)}`],
      });
    }
  });

  const workflowDefinitionName = 'checkout-flow';
  const workflowRunIds = [uuid(rand), uuid(rand)];
  const novaSessions: NovaActRecord[] = [];
  sized([120, 15]).forEach((count, r) => {
    for (let i = 0; i < count; i++) novaSessions.push({ workflowDefinitionName, workflowRunId: workflowRunIds[r]!, sessionId: uuid(rand) });
  });

  const spaceName = 'sandbox-space', projectName = 'render-tools';
  const devEnvironmentIds = [uuid(rand), uuid(rand)];
  const ccSessions: CodeCatalystRecord[] = [];
  sized([60, 8]).forEach((count, d) => {
    for (let i = 0; i < count; i++) {
      ccSessions.push({
        spaceName, projectName, devEnvironmentId: devEnvironmentIds[d]!,
        id: `${hex(rand, 8)}-${hex(rand, 24)}`,
        startedTime: isoVariant(BASE + (i * 13 + d) * 60_000 + Math.floor(rand() * 60_000), i),
      });
    }
  });

  const known = {
    region,
    accountId,
    deadline: { farmId, queueId, fleetId, jobIds, workerIds, sessions: deadlineSessions },
    workSpacesWeb: { portalIds, sessions: wswSessions },
    novaAct: { workflowDefinitionName, workflowRunIds, sessions: novaSessions },
    codeCatalyst: { spaceName, projectName, devEnvironmentIds, sessions: ccSessions },
  };
  // The estate adds its own resources' sessions after the known ones, so the known listings are unchanged.
  const estate = createEstate(known, { deadline: deadlineSessions, workSpacesWeb: wswSessions, novaAct: novaSessions, codeCatalyst: ccSessions }, estateSeed);
  return { ...known, estate };
}
