/**
 * The generic signed caller against the real sandbox, one layer below the schema: what it sends, what it returns,
 * how each failure comes back (code, AWS error type, status, request ID, attempts), and what it never sends.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSandbox, SANDBOX_CREDENTIALS, SANDBOX_TOKEN, type Sandbox } from '../../src/sandbox/server.js';
import { sandboxUpstream } from '../../src/server/upstream-targets.js';
import { createUpstreamClient, type UpstreamCallEvent, type UpstreamClientOptions } from '../../src/upstream/call.js';
import { Cancellation } from '../../src/upstream/cancel.js';
import { InputError, UpstreamError } from '../../src/upstream/errors.js';
import * as ops from '../../src/upstream/operations/index.js';
import { waitUntil } from '../helpers/wait.js';

let sandbox: Sandbox;
before(async () => (sandbox = await startSandbox()));
after(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

function client(extra: Partial<UpstreamClientOptions> = {}, identity: { accessKeyId: string; secretAccessKey: string; token: string } = { ...SANDBOX_CREDENTIALS, token: SANDBOX_TOKEN }) {
  const events: UpstreamCallEvent[] = [];
  const c = createUpstreamClient({
    ...sandboxUpstream(sandbox.url, { ...identity, region: sandbox.data.region }),
    timeoutMs: 5000, maxAttempts: 3, maxConcurrency: 4, maxResponseBytes: 1 << 20,
    onCall: (e) => events.push(e), ...extra,
  });
  return { c, events };
}
const job = () => ({ farmId: sandbox.data.deadline.farmId, queueId: sandbox.data.deadline.queueId, jobId: sandbox.data.deadline.jobIds[0]! });
/** What a call throws (or undefined). */
const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as UpstreamError);

describe('when the caller lists and gets', () => {
  it('then every operation answers from the sandbox, with its items, token and record', async () => {
    const { c, events } = client();
    const d = sandbox.data;
    const cases = [
      [ops.deadlineListSessions, job(), d.deadline.sessions.filter((s) => s.jobId === job().jobId).map((s) => s.sessionId)],
      [ops.deadlineListSessionsForWorker, { farmId: d.deadline.farmId, fleetId: d.deadline.fleetId, workerId: d.deadline.workerIds[0]! }, d.deadline.sessions.filter((s) => s.workerId === d.deadline.workerIds[0]).map((s) => s.sessionId)],
      [ops.workSpacesWebListSessions, { portalId: d.workSpacesWeb.portalIds[0]! }, d.workSpacesWeb.sessions.filter((s) => s.portalId === d.workSpacesWeb.portalIds[0]).map((s) => s.sessionId)],
      [ops.novaActListSessions, { workflowDefinitionName: d.novaAct.workflowDefinitionName, workflowRunId: d.novaAct.workflowRunIds[0]! }, d.novaAct.sessions.filter((s) => s.workflowRunId === d.novaAct.workflowRunIds[0]).map((s) => s.sessionId)],
      [ops.codeCatalystListDevEnvironmentSessions, { spaceName: d.codeCatalyst.spaceName, projectName: d.codeCatalyst.projectName, devEnvironmentId: d.codeCatalyst.devEnvironmentIds[0]! }, d.codeCatalyst.sessions.filter((s) => s.devEnvironmentId === d.codeCatalyst.devEnvironmentIds[0]).map((s) => s.id)],
    ] as const;
    for (const [op, input, all] of cases) {
      const page = await c.list(op, { ...input, maxResults: 5 });
      const idKey = op === ops.codeCatalystListDevEnvironmentSessions ? 'id' : 'sessionId';
      assert.deepEqual(page.items.map((i) => i[idKey]), all.slice(0, page.items.length), op.name);
      assert.ok(page.items.length >= 1 && page.items.length <= 5, `${op.service.id} ${op.name}: ${page.items.length}`);
      assert.equal(typeof page.nextToken, 'string', 'more pages follow');
      const next = await c.list(op, { ...input, maxResults: 5, nextToken: page.nextToken! });
      assert.deepEqual(next.items.map((i) => i[idKey]), all.slice(page.items.length, page.items.length + next.items.length));
    }
    const session = d.deadline.sessions[0]!;
    const record = await c.get(ops.deadlineGetSession, { ...job(), sessionId: session.sessionId });
    assert.equal(record.sessionId, session.sessionId);
    assert.ok(record.startedAt instanceof Date && record.startedAt.getTime() > 0, 'timestamps are parsed');
    const wsw = d.workSpacesWeb.sessions[0]!;
    assert.equal((await c.get(ops.workSpacesWebGetSession, { portalId: wsw.portalId, sessionId: wsw.sessionId })).sessionId, wsw.sessionId);
    assert.equal(events.length, 12);
    for (const e of events) {
      assert.equal(e.httpStatus, 200);
      assert.equal(e.attempts, 1);
      assert.equal(e.errorCode, undefined);
      assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(e.latencyMs >= 0);
    }
    assert.deepEqual(events.map((e) => `${e.service} ${e.operation}`), [
      ...['deadline ListSessions', 'deadline ListSessionsForWorker', 'workspaces-web ListSessions', 'nova-act ListSessions', 'codecatalyst ListDevEnvironmentSessions'].flatMap((c) => [c, c]),
      'deadline GetSession', 'workspaces-web GetSession',
    ]);
    c.close();
  });

  it('then an invalid input is refused before anything is sent, naming the argument', async () => {
    const { c, events } = client();
    const before = sandbox.arrivals();
    const err = await failureOf(c.list(ops.deadlineListSessions, { ...job(), farmId: 'farm-XYZ' }));
    assert.ok(err instanceof InputError);
    assert.equal((err as unknown as InputError).argument, 'farmId');
    assert.equal(sandbox.arrivals(), before);
    assert.deepEqual(events, []);
    c.close();
  });
});

describe('when a call fails', () => {
  it('then a 404 comes back at once as UPSTREAM_NOT_FOUND with the AWS error type, status and request ID', async () => {
    const { c, events } = client();
    const before = sandbox.arrivals();
    const err = await failureOf(c.list(ops.deadlineListSessions, { ...job(), jobId: `job-${'0'.repeat(32)}` }));
    assert.ok(err instanceof UpstreamError);
    assert.equal(err.code, 'UPSTREAM_NOT_FOUND');
    assert.deepEqual([err.details.service, err.details.operation, err.details.awsErrorType, err.details.httpStatus, err.details.attempts], ['deadline', 'ListSessions', 'ResourceNotFoundException', 404, 1]);
    assert.match(err.details.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(err.message, /^deadline ListSessions failed: ResourceNotFoundException: /);
    assert.equal(sandbox.arrivals() - before, 1, 'not retried');
    assert.deepEqual([events[0]!.errorCode, events[0]!.httpStatus, events[0]!.requestId], ['UPSTREAM_NOT_FOUND', 404, err.details.requestId]);
    c.close();
  });

  it('then refused credentials are UPSTREAM_ACCESS_DENIED, not retried', async () => {
    const { c } = client({}, { accessKeyId: SANDBOX_CREDENTIALS.accessKeyId, secretAccessKey: 'wrong', token: 'wrong' });
    const before = sandbox.arrivals();
    const sigv4 = await failureOf(c.list(ops.deadlineListSessions, job()));
    assert.deepEqual([sigv4?.code, sigv4?.details.awsErrorType, sigv4?.details.httpStatus], ['UPSTREAM_ACCESS_DENIED', 'InvalidSignatureException', 403]);
    const d = sandbox.data.codeCatalyst;
    const bearer = await failureOf(c.list(ops.codeCatalystListDevEnvironmentSessions, { spaceName: d.spaceName, projectName: d.projectName, devEnvironmentId: d.devEnvironmentIds[0]! }));
    assert.deepEqual([bearer?.code, bearer?.details.httpStatus], ['UPSTREAM_ACCESS_DENIED', 401]);
    assert.equal(sandbox.arrivals() - before, 2);
    c.close();
  });

  it('then throttling is retried up to the attempts, and reports them and the retry-after', async () => {
    const { c, events } = client({ maxAttempts: 3 });
    sandbox.faults.set([{ kind: 'throttle', service: 'deadline', retryAfterSeconds: 0 }]);
    const before = sandbox.arrivals();
    const err = await failureOf(c.list(ops.deadlineListSessions, job()));
    assert.deepEqual([err?.code, err?.details.attempts, err?.details.retryAfterSeconds, err?.details.httpStatus], ['UPSTREAM_THROTTLED', 3, 0, 429]);
    assert.equal(sandbox.arrivals() - before, 3);
    assert.deepEqual([events.at(-1)!.attempts, events.at(-1)!.errorCode], [3, 'UPSTREAM_THROTTLED']);
    c.close();
  });

  it('then one throttled attempt and a success is one call of two attempts, admitted once', async () => {
    let admitted = 0;
    const { c, events } = client({ maxAttempts: 3 });
    sandbox.faults.set([{ kind: 'throttle', service: 'deadline', times: 1 }]);
    const page = await c.list(ops.deadlineListSessions, job(), { admit: () => void admitted++ });
    assert.ok(page.items.length > 0);
    assert.equal(admitted, 1);
    assert.deepEqual([events.length, events[0]!.attempts, events[0]!.httpStatus, events[0]!.errorCode], [1, 2, 200, undefined]);
    c.close();
  });

  it('then a 5xx with Retry-After keeps its hint; one that is not 500/502/503/504 is not retried', async () => {
    const { c } = client({ maxAttempts: 1 });
    sandbox.faults.set([{ kind: 'server-error', status: 503, retryAfterSeconds: 7, service: 'deadline' }]);
    const hinted = await failureOf(c.list(ops.deadlineListSessions, job()));
    assert.deepEqual([hinted?.code, hinted?.details.retryAfterSeconds, hinted?.details.httpStatus], ['UPSTREAM_UNAVAILABLE', 7, 503]);
    c.close();
    const retrying = client({ maxAttempts: 3 }).c;
    sandbox.faults.set([{ kind: 'server-error', status: 501, service: 'deadline' }]);
    const before = sandbox.arrivals();
    const notRetried = await failureOf(retrying.list(ops.deadlineListSessions, job()));
    assert.deepEqual([notRetried?.details.httpStatus, notRetried?.details.attempts, notRetried?.details.retryAfterSeconds], [501, 1, undefined]);
    assert.equal(sandbox.arrivals() - before, 1);
    retrying.close();
  });

  it('then a silent upstream times out per attempt, and a body over the bound is UPSTREAM_BAD_RESPONSE', async () => {
    const { c } = client({ timeoutMs: 200, maxAttempts: 2, maxResponseBytes: 64 << 10 });
    sandbox.faults.set([{ kind: 'hang', service: 'deadline' }, { kind: 'huge', service: 'workspaces-web', sizeBytes: 1 << 20 }]);
    const silent = await failureOf(c.list(ops.deadlineListSessions, job()));
    assert.deepEqual([silent?.code, silent?.details.attempts], ['UPSTREAM_UNAVAILABLE', 2]);
    assert.match(silent?.message ?? '', /no complete response within 200 ms/);
    const huge = await failureOf(c.list(ops.workSpacesWebListSessions, { portalId: sandbox.data.workSpacesWeb.portalIds[0]! }));
    assert.equal(huge?.code, 'UPSTREAM_BAD_RESPONSE');
    c.close();
  });

  it('then bodies that are not JSON, or of the wrong shape, are UPSTREAM_BAD_RESPONSE saying which', async () => {
    const { c } = client({ maxAttempts: 1 });
    for (const [kind, why] of [['malformed-json', /response is not JSON/], ['wrong-shape', /response has no list "sessions"/]] as const) {
      sandbox.faults.set([{ kind, service: 'deadline' }]);
      const err = await failureOf(c.list(ops.deadlineListSessions, job()));
      assert.equal(err?.code, 'UPSTREAM_BAD_RESPONSE', kind);
      assert.match(err?.message ?? '', /^deadline ListSessions returned an unexpected response: /);
      assert.match(err?.message ?? '', why);
      assert.equal(err?.details.httpStatus, 200);
    }
    // WorkSpaces Web's record sits under "session"; the wrong shape has a string there.
    sandbox.faults.set([{ kind: 'wrong-shape', service: 'workspaces-web' }]);
    const wsw = sandbox.data.workSpacesWeb.sessions[0]!;
    const record = await failureOf(c.get(ops.workSpacesWebGetSession, { portalId: wsw.portalId, sessionId: wsw.sessionId }));
    assert.equal(record?.code, 'UPSTREAM_BAD_RESPONSE');
    assert.match(record?.message ?? '', /response has no record "session"/);
    c.close();
  });

  it('then a call its request cancelled is not sent, or stops at once, marked aborted and not retried', async () => {
    const { c } = client({ timeoutMs: 60_000, maxAttempts: 3 });
    const before = sandbox.arrivals();
    const early = new Cancellation();
    early.abort();
    const unsent = await failureOf(c.list(ops.deadlineListSessions, job(), { signal: early }));
    assert.deepEqual([unsent?.code, unsent?.details.aborted], ['UPSTREAM_UNAVAILABLE', true]);
    assert.equal(sandbox.arrivals(), before, 'nothing sent');
    sandbox.faults.set([{ kind: 'hang', service: 'deadline' }]);
    const late = new Cancellation();
    const pending = failureOf(c.list(ops.deadlineListSessions, job(), { signal: late }));
    await waitUntil(() => sandbox.arrivals() > before, 'the call reached the sandbox');
    late.abort();
    const stopped = await pending;
    assert.deepEqual([stopped?.details.aborted, stopped?.details.attempts], [true, 1]);
    assert.equal(sandbox.arrivals() - before, 1);
    c.close();
  });

  it('then a missing identity is UPSTREAM_AUTH_MISSING naming where to put it, and nothing is sent', async () => {
    const { c } = client({ tokens: {}, credentials: async () => { throw new Error('no credentials in the chain'); } });
    const before = sandbox.arrivals();
    const d = sandbox.data.codeCatalyst;
    const bearer = await failureOf(c.list(ops.codeCatalystListDevEnvironmentSessions, { spaceName: d.spaceName, projectName: d.projectName, devEnvironmentId: d.devEnvironmentIds[0]! }));
    assert.equal(bearer?.code, 'UPSTREAM_AUTH_MISSING');
    assert.match(bearer?.message ?? '', /^codecatalyst ListDevEnvironmentSessions: could not find a bearer token \(set AWS_BEARER_TOKEN_CODECATALYST or sign in with aws sso login\)/);
    const sigv4 = await failureOf(c.list(ops.novaActListSessions, { workflowDefinitionName: 'f', workflowRunId: sandbox.data.novaAct.workflowRunIds[0]! }));
    assert.equal(sigv4?.message, 'nova-act ListSessions: could not find AWS credentials: no credentials in the chain');
    assert.equal(sandbox.arrivals(), before);
    c.close();
  });

  it('then what admit throws refuses the call unsent', async () => {
    const { c, events } = client();
    const before = sandbox.arrivals();
    const refusal = new Error('over the allowance');
    const err = await c.list(ops.deadlineListSessions, job(), { admit: () => { throw refusal; } }).catch((e: unknown) => e);
    assert.equal(err, refusal);
    assert.equal(sandbox.arrivals(), before);
    assert.deepEqual(events, []);
    c.close();
  });
});
