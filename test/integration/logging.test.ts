/**
 * Logging as it ships: at info one line per GraphQL request with its upstream calls summed up (per-call lines are
 * debug), written asynchronously, and nothing lost on a clean shutdown or on a crash.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS, SANDBOX_TOKEN, startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { LOG_BUFFER_MAX_BYTES } from '../../src/server/logger.js';
import { ROOT, startGatewayProcess, type GatewayProcess } from '../helpers/process.js';

const lines = (output: string) => output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
const farms = '{ deadlineFarms(first: 2) { edges { node { farmId queues(first: 2) { edges { node { queueId } } } } } } }';

async function post(gw: GatewayProcess, query: string) {
  const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: unknown; errors?: unknown[]; extensions: { upstream: { calls: number } } };
}

describe('when the gateway logs at info', () => {
  let sandbox: Sandbox;
  let gw: GatewayProcess;
  before(async () => {
    sandbox = await startSandbox();
    gw = await startGatewayProcess({
      GATEWAY_UPSTREAM: 'aws', GATEWAY_AUTH: 'none', AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey, AWS_BEARER_TOKEN_CODECATALYST: SANDBOX_TOKEN,
      GATEWAY_PAGE_CACHE_TTL_MS: '0', GATEWAY_RATE_LIMIT_PER_SECOND: '0', LOG_LEVEL: 'info', NODE_ENV: 'production',
    });
  });
  after(async () => {
    await gw?.stop();
    await sandbox?.close();
  });

  it('then each request is one line summing up its calls, and a clean stop writes every line', async () => {
    sandbox.faults.set([{ kind: 'throttle', service: 'deadline', times: 1 }]);
    const first = await post(gw, farms);
    sandbox.faults.clear();
    const calls = first.extensions.upstream.calls;
    assert.ok(calls >= 3);
    const REQUESTS = 200;
    const answers = await Promise.all(Array.from({ length: REQUESTS }, () => post(gw, farms)));
    assert.ok(answers.every((a) => a.errors === undefined), 'every request answered');
    assert.equal(await gw.stop('SIGTERM'), 0);

    const logged = lines(gw.output());
    assert.equal(logged.filter((l) => l.msg === 'upstream call').length, 0, 'no line per call at info');
    const operations = logged.filter((l) => l.msg === 'graphql operation');
    assert.equal(operations.length, REQUESTS + 1, 'a line for every request, the last ones included');
    // The line skips path redaction: it may hold only these fields (names, counts, codes), never a header or a value.
    const summaryFields = new Set(['level', 'time', 'service', 'msg', 'reqId', 'operationName', 'principal', 'durationMs', 'upstreamCalls', 'cachedPages', 'attempts', 'throttles', 'slowestMs', 'failed', 'errorCodes']);
    for (const line of operations) assert.deepEqual(Object.keys(line).filter((k) => !summaryFields.has(k)), []);
    const throttled = operations[0]!;
    assert.equal(throttled.upstreamCalls, calls);
    assert.equal(throttled.attempts, calls + 1);
    assert.equal(throttled.throttles, 1);
    assert.equal(typeof throttled.slowestMs, 'number');
    assert.equal(throttled.failed, undefined);
    assert.equal(operations[1]!.attempts, calls);
    assert.equal(operations[1]!.throttles, undefined);
    assert.equal(logged.at(-1)!.msg, 'stopped');
  });
});

describe('when the process meets an uncaught error with log lines still buffered', () => {
  it('then every line and the fatal one are written, and it exits with status 1', async () => {
    const LINES = 5000;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/log-then-crash.ts'], { cwd: ROOT, env: { ...process.env, LINES: String(LINES) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const logged = lines(out);
    assert.equal(code, 1);
    assert.equal(logged.filter((l) => l.msg === 'line').length, LINES);
    const fatal = logged.at(-1)!;
    assert.equal(fatal.level, 60);
    assert.equal(fatal.err.message, 'the crash under test');
  });
});

describe('when nothing reads the log output', () => {
  it('then at most the log buffer waits in memory and the rest is dropped, said once on stderr', async () => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/fixtures/log-into-stalled-pipe.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause(); // never read: the pipe fills and stays full
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    try {
      const rss = await new Promise<number>((resolve, reject) => {
        const poll = setInterval(() => {
          const m = /rss (\d+)/.exec(err);
          if (m) { clearInterval(poll); resolve(Number(m[1])); }
        }, 20);
        child.on('exit', (code) => { clearInterval(poll); reject(new Error(`exited ${code}: ${err}`)); });
      });
      assert.match(err, /log output is not being read/);
      assert.equal(err.match(/not being read/g)!.length, 1);
      // About 230 MB were logged; unbounded, they would all be held (as strings, more than that).
      assert.ok(rss < LOG_BUFFER_MAX_BYTES * 2 + 150 * 1024 * 1024, `rss ${Math.round(rss / 1e6)} MB`);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
