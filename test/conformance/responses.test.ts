/** For the same recorded response, our parsed values (timestamps included) equal the official SDK client's. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { CodeCatalystClient, ListDevEnvironmentSessionsCommand } from '@aws-sdk/client-codecatalyst';
import { DeadlineClient, GetSessionCommand, ListSessionsCommand as DeadlineListSessions, ListSessionsForWorkerCommand } from '@aws-sdk/client-deadline';
import { ListSessionsCommand as WswListSessions, WorkSpacesWebClient } from '@aws-sdk/client-workspaces-web';
import { deserializeError, deserializeList, deserializeRecord, type RawResponse } from '../../src/upstream/deserialize.js';
import * as ops from '../../src/upstream/operations/index.js';
import { TEST_CREDENTIALS, normal, recordingHandler } from './sdk-oracle.js';

const raw = (body: unknown, statusCode = 200, headers: Record<string, string> = {}): RawResponse => ({
  statusCode, headers: { 'x-amzn-requestid': 'req-1', ...headers }, body: Buffer.from(JSON.stringify(body)),
});
const h = (c: string) => c.repeat(32);


const ISO = ['2026-10-01T08:00:52.166Z', '2026-10-01T08:00:52.166789Z', '2026-10-01T08:00:52Z', '2026-10-01T10:00:52.166+02:00', '2024-02-29T23:59:59.999-05:30'];

describe('when Deadline Cloud answers', () => {
  const sessions = ISO.map((t, i) => ({
    sessionId: `session-${h(String(i))}`, fleetId: `fleet-${h('a')}`, workerId: `worker-${h('b')}`,
    startedAt: t, endedAt: ISO[(i + 1) % ISO.length], updatedAt: ISO[(i + 2) % ISO.length], updatedBy: 'arn:aws:sts::1:assumed-role/x',
    lifecycleStatus: i % 2 ? 'ENDED' : 'STARTED', ...(i === 0 ? { targetLifecycleStatus: 'ENDED' } : {}),
  }));
  const body = { sessions, nextToken: 'tok+/=' };

  it('then ListSessions parses to the SDK values', async () => {
    const rec = recordingHandler(body);
    const sdk = await new DeadlineClient({ region: 'us-west-2', credentials: TEST_CREDENTIALS, requestHandler: rec.handler })
      .send(new DeadlineListSessions({ farmId: `farm-${h('1')}`, queueId: `queue-${h('2')}`, jobId: `job-${h('3')}` }));
    const mine = deserializeList(ops.deadlineListSessions, raw(body));
    assert.deepEqual(normal({ sessions: mine.items, nextToken: mine.nextToken }), normal(sdk));
  });

  it('then ListSessionsForWorker parses to the SDK values', async () => {
    const workerBody = { sessions: sessions.map(({ fleetId: _f, workerId: _w, updatedAt: _u, updatedBy: _b, ...s }) => ({ ...s, queueId: `queue-${h('2')}`, jobId: `job-${h('3')}` })) };
    const rec = recordingHandler(workerBody);
    const sdk = await new DeadlineClient({ region: 'us-west-2', credentials: TEST_CREDENTIALS, requestHandler: rec.handler })
      .send(new ListSessionsForWorkerCommand({ farmId: `farm-${h('1')}`, fleetId: `fleet-${h('2')}`, workerId: `worker-${h('3')}` }));
    assert.deepEqual(normal({ sessions: deserializeList(ops.deadlineListSessionsForWorker, raw(workerBody)).items }), normal(sdk));
  });

  it('then GetSession parses to the SDK values', async () => {
    const { targetLifecycleStatus: _t, ...one } = sessions[1]!;
    const record = { ...one, log: { logDriver: 'awslogs' } };
    const rec = recordingHandler(record);
    const sdk = await new DeadlineClient({ region: 'us-west-2', credentials: TEST_CREDENTIALS, requestHandler: rec.handler })
      .send(new GetSessionCommand({ farmId: `farm-${h('1')}`, queueId: `queue-${h('2')}`, jobId: `job-${h('3')}`, sessionId: `session-${h('4')}` }));
    assert.deepEqual(normal(deserializeRecord(ops.deadlineGetSession, raw(record))), normal(sdk));
  });
});

describe('when WorkSpaces Web answers with epoch seconds', () => {
  it('then fractions and whole numbers parse to the SDK values', async () => {
    const body = {
      sessions: [1795348298.123, 1795348298, 1795348298.9999, 1795348298.5].map((t, i) => ({
        portalArn: 'arn:aws:workspaces-web:us-west-2:123456789012:portal/0f0e0d0c-0b0a-4909-8807-060504030201',
        sessionId: `0f0e0d0c-0b0a-4909-8807-06050403020${i}`, username: 'jane', status: i ? 'Terminated' : 'Active',
        startTime: t, ...(i ? { endTime: t + 60.25 } : {}),
      })),
    };
    const rec = recordingHandler(body);
    const sdk = await new WorkSpacesWebClient({ region: 'us-west-2', credentials: TEST_CREDENTIALS, requestHandler: rec.handler })
      .send(new WswListSessions({ portalId: '0f0e0d0c-0b0a-4909-8807-060504030201' }));
    assert.deepEqual(normal({ sessions: deserializeList(ops.workSpacesWebListSessions, raw(body)).items }), normal(sdk));
  });
});

describe('when CodeCatalyst answers', () => {
  it('then startedTime parses to the SDK value', async () => {
    const body = { items: ISO.map((t, i) => ({ spaceName: 's', projectName: 'p', devEnvironmentId: 'abcdef01-2345-6789-abcd-ef0123456789', id: `id-${i}`, startedTime: t })), nextToken: 'n' };
    const rec = recordingHandler(body);
    const sdk = await new CodeCatalystClient({ region: 'us-west-2', token: { token: 't' }, requestHandler: rec.handler })
      .send(new ListDevEnvironmentSessionsCommand({ spaceName: 'sss', projectName: 'ppp', devEnvironmentId: 'abcdef01-2345-6789-abcd-ef0123456789' }));
    const mine = deserializeList(ops.codeCatalystListDevEnvironmentSessions, raw(body));
    assert.deepEqual(normal({ items: mine.items, nextToken: mine.nextToken }), normal(sdk));
  });
});

describe('when an AWS error comes back', () => {
  const cases: [string, RawResponse, string, string][] = [
    ['the x-amzn-ErrorType header', raw({ message: 'slow down' }, 429, { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/' }), 'ThrottlingException', 'UPSTREAM_THROTTLED'],
    ['the body code', raw({ code: 'AccessDeniedException', Message: 'no' }, 403), 'AccessDeniedException', 'UPSTREAM_ACCESS_DENIED'],
    ['the body __type with a namespace', raw({ __type: 'com.amazonaws.deadline#ResourceNotFoundException', message: 'gone' }, 404), 'ResourceNotFoundException', 'UPSTREAM_NOT_FOUND'],
    ['a validation error', raw({ message: 'bad' }, 400, { 'x-amzn-errortype': 'ValidationException' }), 'ValidationException', 'UPSTREAM_VALIDATION'],
  ];
  for (const [what, response, type, code] of cases) {
    it(`then the type is read from ${what}, as the SDK reads it`, async () => {
      const err = deserializeError(ops.deadlineListSessions, response);
      assert.equal(err.details.awsErrorType, type);
      assert.equal(err.code, code);
      assert.equal(err.details.requestId, 'req-1');
      const rec = recordingHandler(JSON.parse(response.body.toString()), response.statusCode);
      const headers = response.headers as Record<string, string>;
      rec.handler.handle = async (request) => {
        rec.requests.push(request);
        const { HttpResponse } = await import('@smithy/protocol-http');
        const { Readable } = await import('node:stream');
        return { response: new HttpResponse({ statusCode: response.statusCode, headers: { 'content-type': 'application/json', ...headers }, body: Readable.from([response.body]) }) };
      };
      const sdkErr = await new DeadlineClient({ region: 'us-west-2', credentials: TEST_CREDENTIALS, requestHandler: rec.handler, maxAttempts: 1 })
        .send(new DeadlineListSessions({ farmId: `farm-${h('1')}`, queueId: `queue-${h('2')}`, jobId: `job-${h('3')}` }))
        .then(() => undefined, (e: Error) => e);
      assert.equal(sdkErr?.name, type);
      assert.equal((sdkErr as any)?.$metadata?.requestId, 'req-1');
    });
  }
});

describe('when timestamps are parsed', () => {
  it('then every RFC 3339 and epoch form gives the SDK parser\'s instant, and what it refuses we refuse', async () => {
    const { parseEpochTimestamp, parseRfc3339DateTimeWithOffset } = await import('@smithy/core/serde');
    const { parseTimestamp } = await import('../../src/upstream/deserialize.js');
    const outcome = (fn: () => Date | undefined) => {
      try {
        const d = fn();
        return d instanceof Date && !Number.isNaN(d.getTime()) ? d.getTime() : 'refused';
      } catch {
        return 'refused';
      }
    };
    const iso = ['2026-10-01T08:00:52Z', '2026-10-01T08:00:52.1Z', '2026-10-01T08:00:52.123456789Z', '2026-10-01t08:00:52.5z',
      '2024-02-29T23:59:59.999-05:30', '2026-12-31T23:59:59.9999+14:00', '1970-01-01T00:00:00Z',
      '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2024-02-29T12:00:00+01:00', '2026-10-01T08:00:60Z', '2026-12-31T23:59:60.5-01:00',
      '2026-13-01T00:00:00Z', '2026-10-01 08:00:52Z', '2026-10-01T08:00:52', '2026-10-01T24:00:00Z', 'yesterday', ''];
    for (const s of iso) assert.equal(outcome(() => parseTimestamp('iso8601', s)), outcome(() => parseRfc3339DateTimeWithOffset(s)), s);
    // Every field in and out of range, every fraction length and zone form: we read what the SDK reads.
    // Years before 100 are left out: the SDK reads 0050 as 1950 (Date.UTC's two-digit years); we keep 0050.
    const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => String(v).padStart(2, '0'));
    const fraction = fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,9}$/), fc.constantFrom('.', '.x'));
    const zone = fc.oneof(fc.constantFrom('Z', 'z', '', 'Zz', '+0200'), fc.tuple(fc.constantFrom('+', '-'), two(0, 99), two(0, 99)).map(([sign, h, m]) => `${sign}${h}:${m}`));
    const canonical = fc.tuple(fc.integer({ min: 100, max: 9999 }).map((v) => String(v).padStart(4, '0')), two(0, 13), two(0, 32), fc.constantFrom('T', 't', ' '), two(0, 24), two(0, 60), two(0, 61), fraction, zone)
      .map(([y, mo, d, t, h, mi, s, frac, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac}${z}`);
    fc.assert(fc.property(canonical, (s) => assert.equal(outcome(() => parseTimestamp('iso8601', s)), outcome(() => parseRfc3339DateTimeWithOffset(s)), s)), { numRuns: 20_000 });
    // The same with one character anywhere replaced, dropped or added: separators, digits, zones out of place.
    const spoiled = fc.tuple(canonical, fc.nat(), fc.constantFrom('0', '9', '-', ':', 'T', 'Z', '.', '+', 'x', ' ', ''), fc.constantFrom('replace', 'insert'))
      .map(([c, i, ch, how]) => (how === 'replace' ? c.slice(0, i % c.length) + ch + c.slice((i % c.length) + 1) : c.slice(0, i % (c.length + 1)) + ch + c.slice(i % (c.length + 1))))
      .filter((s) => !/^00\d\d/.test(s)); // years before 100: see below
    fc.assert(fc.property(spoiled, (s) => assert.equal(outcome(() => parseTimestamp('iso8601', s)), outcome(() => parseRfc3339DateTimeWithOffset(s)), s)), { numRuns: 20_000 });
    // Years 0-99 are those years (the SDK's Date.UTC would make 0050 into 1950).
    const year50 = new Date(0);
    year50.setUTCFullYear(50, 5, 15);
    year50.setUTCHours(12, 30, 15, 250);
    assert.equal(outcome(() => parseTimestamp('iso8601', '0050-06-15T12:30:15.250Z')), year50.getTime());
    assert.equal(outcome(() => parseTimestamp('iso8601', '0000-02-29T00:00:00Z')), Date.UTC(2000, 1, 29) - 146_097 * 5 * 86_400_000, 'year 0 is a leap year');
    assert.equal(outcome(() => parseTimestamp('iso8601', 1795348298)), 'refused', 'a number is not an RFC 3339 string');
    for (const n of [0, 1795348298, 1795348298.1234, 1795348298.9995, -1.5, '1795348298.25', '12', ' 12 ', '01', '1e3', '-0.5', '.5', '5.', '0x10', 'Infinity', '', ' ', 'abc', true, null, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(outcome(() => parseTimestamp('epoch-seconds', n)), outcome(() => parseEpochTimestamp(n)), String(n));
    }
  });
});
