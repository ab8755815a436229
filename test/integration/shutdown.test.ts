/**
 * Stopping: the drain closes idle keep-alive connections at once, tells in-flight ones `Connection: close`, and is
 * over as soon as the last response has gone; `npm start` passes SIGTERM to the gateway, leaving nothing behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createGatewayHttpServer } from '../../src/server/http-server.js';
import { ROOT, waitForUrl } from '../helpers/process.js';

const get = (agent: http.Agent, port: number, path: string) => new Promise<http.IncomingMessage>((resolve, reject) => {
  http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
    res.resume();
    res.on('end', () => resolve(res));
  }).on('error', reject);
});

describe('when the server drains', () => {
  it('then idle keep-alive sockets close at once, the in-flight response says Connection: close, and it ends right after it', { timeout: 30_000 }, async () => {
    let releaseSlow = () => undefined as void;
    let slowStarted = () => undefined as void;
    const started = new Promise<void>((r) => (slowStarted = r));
    const { server, drain } = createGatewayHttpServer((req, res) => {
      if (req.url !== '/slow') return void res.end('fast');
      releaseSlow = () => res.end('slow');
      slowStarted();
    }, { headersTimeoutMs: 10_000, bodyTimeoutMs: 15_000, maxConnections: 100 });
    const serverSockets: Promise<void>[] = [];
    server.on('connection', (socket) => serverSockets.push(new Promise((r) => socket.once('close', () => r()))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const busyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const fast = await get(idleAgent, port, '/fast');
      assert.equal(fast.headers.connection, 'keep-alive');
      const slow = get(busyAgent, port, '/slow');
      await started;
      let drained = false;
      // A cap far beyond the test's timeout: if the drain waited for it rather than for the last response, the test fails.
      const done = drain(600_000).then(() => (drained = true));
      await serverSockets[0]; // the idle keep-alive connection closes at once, not after the drain time
      assert.equal(drained, false, 'still draining while a response is in flight');
      releaseSlow();
      const slowRes = await slow;
      assert.equal(slowRes.headers.connection, 'close');
      await done;
    } finally {
      idleAgent.destroy();
      busyAgent.destroy();
      server.closeAllConnections();
    }
  });
});

describe('when npm start gets SIGTERM', () => {
  it('then the gateway it started stops too', { timeout: 60_000 }, async () => {
    const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d));
    child.stderr!.on('data', (d: Buffer) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await waitForUrl(child, () => output, 40_000);
    assert.equal((await fetch(url.replace('/graphql', '/health'))).status, 200);
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(kill);
    // Whatever npm did with the signal, nothing may still listen on the gateway's port.
    let stillUp = true;
    for (let i = 0; i < 50 && stillUp; i++) {
      stillUp = await fetch(url.replace('/graphql', '/health')).then(() => true, () => false);
      if (stillUp) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(stillUp, false, `the gateway outlived npm: ${output.slice(-500)}`);
  });
});
