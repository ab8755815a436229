/** Responses into pages, records and errors, every branch with its exact outcome. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deserializeError, deserializeList, deserializeRecord, type RawResponse } from '../../src/upstream/deserialize.js';
import type { UpstreamError } from '../../src/upstream/errors.js';
import * as ops from '../../src/upstream/operations/index.js';

const res = (body: unknown, statusCode = 200, headers: Record<string, string | string[]> = {}): RawResponse => ({
  statusCode, headers: { 'x-amzn-requestid': 'req-7', ...headers }, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as UpstreamError;
  }
  assert.fail('expected an error');
};

describe('when a list response is read', () => {
  it('then items, token and request ID come through, timestamps as Dates, null timestamps left alone', () => {
    const page = deserializeList(ops.deadlineListSessions, res({ sessions: [{ sessionId: 's1', startedAt: '2026-10-01T08:00:00Z', endedAt: null }], nextToken: 'n1' }));
    assert.deepEqual(page, { items: [{ sessionId: 's1', startedAt: new Date(Date.UTC(2026, 9, 1, 8)), endedAt: null }], nextToken: 'n1', requestId: 'req-7' });
    const last = deserializeList(ops.deadlineListSessions, res({ sessions: [], nextToken: null }, 200, {}));
    assert.deepEqual(last, { items: [], requestId: 'req-7' });
    const noId = deserializeList(ops.deadlineListSessions, { statusCode: 200, headers: {}, body: Buffer.from('{"sessions":[],"nextToken":""}') });
    assert.deepEqual(noId, { items: [] }, 'an empty token is the end');
    const epoch = deserializeList(ops.workSpacesWebListSessions, res({ sessions: [{ sessionId: 'w', startTime: 1795348298.25 }] }));
    assert.equal((epoch.items[0]!.startTime as Date).getTime(), 1795348298250);
  });

  it('then a body of the wrong shape is UPSTREAM_BAD_RESPONSE saying what is wrong, with the status and request ID', () => {
    const cases: [string, string][] = [
      ['', 'response is not JSON'],
      ['not json', 'response is not JSON'],
      ['[1]', 'response is not a JSON object'],
      ['{"sessions": [1]}', 'response has no list "sessions"'],
      ['{"sessions": {}}', 'response has no list "sessions"'],
      ['{"sessions": [], "nextToken": 5}', 'response nextToken is not a string'],
      ['{"sessions": [{"startedAt": "yesterday"}]}', 'response field startedAt is not a valid timestamp'],
    ];
    for (const [body, why] of cases) {
      const err = thrown(() => deserializeList(ops.deadlineListSessions, res(body)));
      assert.equal(err.message, `deadline ListSessions returned an unexpected response: ${why}`, body);
      assert.deepEqual([err.code, err.details.service, err.details.operation, err.details.httpStatus, err.details.requestId], ['UPSTREAM_BAD_RESPONSE', 'deadline', 'ListSessions', 200, 'req-7']);
    }
    assert.equal(thrown(() => deserializeList(ops.deadlineListSessions, { statusCode: 200, headers: {}, body: Buffer.from('x') })).details.requestId, undefined);
  });

  it('then a list operation is not read as a record, nor a record as a list', () => {
    assert.equal(thrown(() => deserializeRecord(ops.deadlineListSessions, res({}))).message, 'ListSessions is not a record operation');
    assert.equal(thrown(() => deserializeList(ops.deadlineGetSession, res({}))).message, 'GetSession is not a list operation');
  });
});

describe('when a record response is read', () => {
  it('then the record is the body, or under its key, timestamps parsed', () => {
    assert.deepEqual(deserializeRecord(ops.deadlineGetSession, res({ sessionId: 's', startedAt: '2026-10-01T08:00:00.5+01:00' })), { sessionId: 's', startedAt: new Date(Date.UTC(2026, 9, 1, 7, 0, 0, 500)) });
    assert.deepEqual(deserializeRecord(ops.workSpacesWebGetSession, res({ session: { sessionId: 'w', startTime: 10 } })), { sessionId: 'w', startTime: new Date(10_000) });
    assert.equal(thrown(() => deserializeRecord(ops.workSpacesWebGetSession, res({ session: [] }))).message, 'workspaces-web GetSession returned an unexpected response: response has no record "session"');
    assert.equal(thrown(() => deserializeRecord(ops.deadlineGetSession, res('7'))).message, 'deadline GetSession returned an unexpected response: response is not a JSON object');
  });
});

describe('when an error response is read', () => {
  it('then the type comes from the header, then code, then __type; the message from message or Message', () => {
    const e1 = deserializeError(ops.deadlineListSessions, res({ message: 'no such job', code: 'Other' }, 404, { 'x-amzn-errortype': 'ResourceNotFoundException:http://x' }));
    assert.equal(e1.message, 'deadline ListSessions failed: ResourceNotFoundException: no such job');
    assert.deepEqual([e1.code, e1.details.awsErrorType, e1.details.httpStatus, e1.details.requestId, e1.details.retryAfterSeconds], ['UPSTREAM_NOT_FOUND', 'ResourceNotFoundException', 404, 'req-7', undefined]);
    const e2 = deserializeError(ops.deadlineListSessions, res({ Message: 'slow down', code: 'ThrottlingException' }, 400));
    assert.equal(e2.message, 'deadline ListSessions failed: ThrottlingException: slow down');
    assert.equal(e2.code, 'UPSTREAM_THROTTLED');
    const e3 = deserializeError(ops.deadlineListSessions, res({ __type: 'aws#AccessDeniedException', message: '' }, 400));
    assert.equal(e3.message, 'deadline ListSessions failed: AccessDeniedException: HTTP 400');
    const e4 = deserializeError(ops.deadlineListSessions, res('<html>bad gateway</html>', 502));
    assert.equal(e4.message, 'deadline ListSessions failed: error: HTTP 502');
    assert.deepEqual([e4.code, e4.details.awsErrorType], ['UPSTREAM_UNAVAILABLE', undefined]);
    assert.equal(deserializeError(ops.deadlineListSessions, res('', 500)).message, 'deadline ListSessions failed: error: HTTP 500');
    assert.equal(deserializeError(ops.deadlineListSessions, res({ message: 5 }, 500)).message, 'deadline ListSessions failed: error: HTTP 500');
  });

  it('then a long message is cut at 300 characters, and Retry-After is kept when it is a number of seconds', () => {
    const long = deserializeError(ops.deadlineListSessions, res({ message: 'm'.repeat(301) }, 500));
    assert.equal(long.message, `deadline ListSessions failed: error: ${'m'.repeat(300)}…`);
    assert.equal(deserializeError(ops.deadlineListSessions, res({ message: 'm'.repeat(300) }, 500)).message, `deadline ListSessions failed: error: ${'m'.repeat(300)}`);
    for (const [value, seconds] of [['7', 7], ['0', 0], ['-1', undefined], ['soon', undefined], ['Wed, 21 Oct 2026 07:28:00 GMT', undefined]] as const) {
      assert.equal(deserializeError(ops.deadlineListSessions, res({}, 503, { 'retry-after': value })).details.retryAfterSeconds, seconds, value);
    }
    assert.equal(deserializeError(ops.deadlineListSessions, res({}, 503, { 'retry-after': ['3', '9'] })).details.retryAfterSeconds, 3);
  });
});
