/**
 * The settings `npm run sandbox` prints work as printed with a real AWS client: boto3 (botocore knows all four
 * services) pages through every session operation with nothing but those variables, and sees the sandbox's data.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixtures, sandboxSettings, startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { ROOT } from '../helpers/process.js';
import { assertPresent, skipWhenMissing } from '../helpers/skips.js';

/** Why boto3 cannot run here, or undefined when it can. */
function boto3Missing(): string | undefined {
  try {
    const known = execFileSync('python3', ['-c', "import boto3, json; print(json.dumps(sorted(boto3.session.Session().get_available_services())))"], { encoding: 'utf8' });
    const missing = ['deadline', 'workspaces-web', 'nova-act', 'codecatalyst'].filter((s) => !JSON.parse(known).includes(s));
    return missing.length ? `this boto3 does not know ${missing.join(', ')}` : undefined;
  } catch {
    return 'python3 with boto3 is not installed';
  }
}

const missing = boto3Missing();

describe('when boto3 is given the settings npm run sandbox prints', () => {
  let sandbox: Sandbox;
  before(async () => (sandbox = await startSandbox()));
  after(() => sandbox.close());

  it('then it pages through all five session operations and sees every session', { skip: skipWhenMissing(missing) }, async () => {
    assertPresent(missing);
    const home = mkdtempSync(join(tmpdir(), 'boto3-home-')); // no ~/.aws of the machine's
    const env = { PATH: process.env.PATH!, HOME: home, ...Object.fromEntries(sandboxSettings(sandbox.url, sandbox.data.region)) };
    // Asynchronously: the sandbox answering boto3 runs in this process.
    const { stdout: out } = await promisify(execFile)('python3', [join(ROOT, 'test/clients/page-all.py'), JSON.stringify(fixtures(sandbox.data))], { env, encoding: 'utf8', timeout: 60_000 });
    const d = sandbox.data;
    assert.deepEqual(JSON.parse(out), {
      deadlineJob: d.deadline.sessions.filter((s) => s.jobId === d.deadline.jobIds[0]).length,
      deadlineWorker: d.deadline.sessions.filter((s) => s.workerId === d.deadline.workerIds[0]).length,
      workSpacesWeb: d.workSpacesWeb.sessions.filter((s) => s.portalId === d.workSpacesWeb.portalIds[0]).length,
      novaAct: d.novaAct.sessions.filter((s) => s.workflowRunId === d.novaAct.workflowRunIds[0]).length,
      codeCatalyst: d.codeCatalyst.sessions.filter((s) => s.devEnvironmentId === d.codeCatalyst.devEnvironmentIds[0]).length,
    });
    assert.ok(sandbox.requests.length > 5 * 3, 'several pages each');
  });

  it('then it pages through the resource graph, and GetPortal finds each portal by its ARN', { skip: skipWhenMissing(missing) }, async () => {
    assertPresent(missing);
    const home = mkdtempSync(join(tmpdir(), 'boto3-home-'));
    const env = { PATH: process.env.PATH!, HOME: home, ...Object.fromEntries(sandboxSettings(sandbox.url, sandbox.data.region)) };
    const { stdout: out } = await promisify(execFile)('python3', [join(ROOT, 'test/clients/page-graph.py'), JSON.stringify(fixtures(sandbox.data))], { env, encoding: 'utf8', timeout: 60_000 });
    const d = sandbox.data, e = d.estate;
    assert.deepEqual(JSON.parse(out), {
      farms: e.farms.length,
      queues: e.queues.filter((q) => q.farmId === d.deadline.farmId).length,
      jobs: e.jobs.filter((j) => j.queueId === d.deadline.queueId).length,
      fleets: e.fleets.filter((f) => f.farmId === d.deadline.farmId).length,
      workers: e.workers.filter((w) => w.fleetId === d.deadline.fleetId).length,
      portals: e.portals.length,
      portalNames: e.portals.map((p) => p.displayName),
      workflowDefinitions: e.workflowDefinitions.length,
      workflowRuns: e.workflowRuns.filter((r) => r.workflowDefinitionName === d.novaAct.workflowDefinitionName).length,
      spaces: e.spaces.length,
      projects: e.projects.filter((p) => p.spaceName === d.codeCatalyst.spaceName).length,
      devEnvironments: e.devEnvironments.filter((x) => x.spaceName === d.codeCatalyst.spaceName && x.projectName === d.codeCatalyst.projectName).length,
    });
  });
});
