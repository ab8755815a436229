/**
 * The circuit breaker's threshold and cool-down, counted exactly on a logical clock, and which failures the retry
 * strategy sees as what: the kind decides the retry quota's cost.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createCircuit } from '../../src/upstream/circuit.js';
import { UpstreamError, type UpstreamErrorCode } from '../../src/upstream/errors.js';
import { deadlineListSessions } from '../../src/upstream/operations/index.js';
import { retryErrorInfo } from '../../src/upstream/retry.js';

const failure = (code: UpstreamErrorCode, extra: Partial<UpstreamError['details']> = {}) =>
  new UpstreamError('failed', { code, service: 'deadline', operation: 'ListSessions', ...extra });

describe('when calls of one service fail', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  const settings = { errorPercent: 50, minCalls: 4, cooldownMs: 5000 };
  /** Runs one call through the circuit; says whether the call itself ran, and how it ended. */
  async function attempt(circuit: ReturnType<typeof createCircuit>, outcome: 'ok' | UpstreamError) {
    let ran = false;
    try {
      await circuit.run('ListSessions', async () => {
        ran = true;
        if (outcome !== 'ok') throw outcome;
        return 'ok';
      });
      return { ran, error: undefined };
    } catch (error) {
      return { ran, error: error as UpstreamError };
    }
  }

  it('then the circuit opens only once failures exceed the percentage over at least the minimum of calls', async () => {
    const circuit = createCircuit(deadlineListSessions.service, settings);
    const unavailable = failure('UPSTREAM_UNAVAILABLE', { httpStatus: 503 });
    // 3 failures in 3 calls: 100 %, but under the minimum of 4 calls.
    for (let i = 0; i < 3; i++) assert.equal((await attempt(circuit, unavailable)).ran, true);
    // 2 successes: 3 of 5 is 60 % but the circuit only looks on a failure.
    for (let i = 0; i < 2; i++) assert.equal((await attempt(circuit, 'ok')).ran, true);
    for (let i = 0; i < 4; i++) assert.equal((await attempt(circuit, 'ok')).ran, true);
    // 3 of 9 fails; one more is 4 of 10 (40 %), then 5 of 11 (45 %): still closed. 6 of 12 is 50 %, not over it.
    for (let i = 0; i < 3; i++) assert.equal((await attempt(circuit, unavailable)).ran, true, `failure ${4 + i} still runs`);
    // 7 of 13 (54 %) opens it: the call after that does not run.
    assert.equal((await attempt(circuit, unavailable)).ran, true);
    const refused = await attempt(circuit, 'ok');
    assert.equal(refused.ran, false);
    assert.equal(refused.error?.details.code, 'UPSTREAM_UNAVAILABLE');
    assert.equal(refused.error?.details.circuitOpen, true);
    assert.equal(refused.error?.details.retryAfterSeconds, 5);
  });

  it('then throttling, client errors and abandoned calls never open it', async () => {
    const circuit = createCircuit(deadlineListSessions.service, settings);
    const others = [failure('UPSTREAM_THROTTLED', { httpStatus: 429 }), failure('UPSTREAM_VALIDATION', { httpStatus: 400 }), failure('UPSTREAM_UNAVAILABLE', { aborted: true })];
    for (let i = 0; i < 30; i++) {
      const { ran, error } = await attempt(circuit, others[i % others.length]!);
      assert.equal(ran, true);
      assert.equal(error, others[i % others.length], 'the error passes through unchanged');
    }
  });

  it('then it fails fast for the cool-down, with the seconds left as the hint, and a successful trial call closes it', async () => {
    const circuit = createCircuit(deadlineListSessions.service, settings);
    const unavailable = failure('UPSTREAM_UNAVAILABLE', { httpStatus: 500 });
    for (let i = 0; i < 4; i++) await attempt(circuit, unavailable);
    assert.equal((await attempt(circuit, 'ok')).ran, false);
    mock.timers.tick(2500);
    const halfway = await attempt(circuit, 'ok');
    assert.deepEqual([halfway.ran, halfway.error?.details.retryAfterSeconds], [false, 3]);
    mock.timers.tick(2499);
    assert.equal((await attempt(circuit, 'ok')).ran, false, '1 ms before the end of the cool-down');
    mock.timers.tick(1);
    assert.equal((await attempt(circuit, 'ok')).ran, true, 'the trial call');
    for (let i = 0; i < 3; i++) assert.equal((await attempt(circuit, 'ok')).ran, true, 'closed again');
  });

  it('then a failed trial call opens it again for another cool-down', async () => {
    const circuit = createCircuit(deadlineListSessions.service, settings);
    const unavailable = failure('UPSTREAM_UNAVAILABLE', { httpStatus: 500 });
    for (let i = 0; i < 4; i++) await attempt(circuit, unavailable);
    mock.timers.tick(5000);
    assert.equal((await attempt(circuit, unavailable)).ran, true);
    const again = await attempt(circuit, 'ok');
    assert.deepEqual([again.ran, again.error?.details.retryAfterSeconds], [false, 5]);
  });
});

describe('when the retry strategy is told what failed', () => {
  it('then throttling is THROTTLING (the cheap retry, with the longer back-off), with the upstream\'s retry-after', () => {
    mock.timers.enable({ apis: ['Date'], now: 5_000_000 });
    try {
      assert.deepEqual(retryErrorInfo(failure('UPSTREAM_THROTTLED', { httpStatus: 429 })), { errorType: 'THROTTLING' });
      assert.deepEqual(retryErrorInfo(failure('UPSTREAM_THROTTLED', { httpStatus: 400, retryAfterSeconds: 7 })), { errorType: 'THROTTLING', retryAfterHint: new Date(5_007_000) });
    } finally {
      mock.timers.reset();
    }
  });

  it('then 500, 502, 503, 504, timeouts and network failures are TRANSIENT; other statuses are not retried', () => {
    for (const status of [500, 502, 503, 504]) assert.deepEqual(retryErrorInfo(failure('UPSTREAM_UNAVAILABLE', { httpStatus: status })), { errorType: 'TRANSIENT' }, String(status));
    for (const transport of ['timeout', 'network'] as const) assert.deepEqual(retryErrorInfo(failure('UPSTREAM_UNAVAILABLE'), transport), { errorType: 'TRANSIENT' });
    for (const [code, status] of [['UPSTREAM_ERROR', 501], ['UPSTREAM_ERROR', 505], ['UPSTREAM_VALIDATION', 400], ['UPSTREAM_ACCESS_DENIED', 403], ['UPSTREAM_NOT_FOUND', 404], ['UPSTREAM_BAD_RESPONSE', 200]] as const) {
      assert.equal(retryErrorInfo(failure(code, { httpStatus: status })), undefined, `${code} ${status}`);
    }
  });
});
