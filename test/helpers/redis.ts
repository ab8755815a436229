/**
 * A real Redis (Debian's `redis-server`) on a free loopback port, with nothing saved to disk; it can be stopped and
 * started again on the same port, as an outage and a recovery.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

const REDIS_SERVER = '/usr/bin/redis-server';

/** Why these tests cannot run here, or undefined when they can. */
export const redisMissing = (): string | undefined => (existsSync(REDIS_SERVER) ? undefined : `no ${REDIS_SERVER} (install Debian's redis-server package)`);

/** A running (or stopped) Redis. */
export interface TestRedis {
  url: string;
  port: number;
  /** Ends it at once (an outage); `start` brings it back. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Ends it for good, and removes its folder. */
  stop(): Promise<void>;
}

/** The password the test Redis requires, so that tests can check it never reaches a log line. */
export const REDIS_PASSWORD = 'redis-test-password-5f4e3d2c1b0a';

/** Whether a Redis answers on `port` (PING asks to authenticate first, which is an answer too). */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(/^(\+PONG|-NOAUTH)/.test(String(d)));
    });
    socket.once('error', () => resolve(false));
  });
}

async function launch(port: number, dir: string): Promise<{ child: ChildProcess; stderr: () => string } | undefined> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', REDIS_PASSWORD, '--enable-debug-command', 'local', '--dir', dir, '--loglevel', 'warning'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await pong(port)) return { child, stderr: () => out };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  if (/Address already in use/i.test(out)) return undefined;
  throw new Error(`redis-server did not start: ${out.slice(-2000)}`);
}

/** Starts Redis; a port taken between choosing and binding it is tried again with another. */
export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-'));
  let running: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !running; attempt++) {
    port = await freePort();
    running = (await launch(port, dir))?.child;
  }
  if (!running) throw new Error('redis-server: no free port after 5 tries');
  const kill = async () => {
    const child = running;
    running = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}`,
    port,
    kill,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
    start: async () => {
      const started = await launch(port, dir);
      if (!started) throw new Error(`redis-server: port ${port} was taken while it was down`);
      running = started.child;
    },
  };
}
