/**
 * A real Prometheus (Debian's `prometheus` package) on a free loopback port, scraping the targets a test names every
 * second, with its data in a temporary folder; and `promtool check metrics` over an exposition text.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';

/** Why these tests cannot run here, or undefined when they can. */
export const prometheusMissing = (): string | undefined =>
  existsSync(PROMETHEUS) && existsSync(PROMTOOL) ? undefined : `no ${PROMETHEUS} (install Debian's prometheus package)`;

/** A running Prometheus. */
export interface Prometheus {
  url: string;
  /** The instant vector of `expr`, as [labels, value] pairs. */
  query(expr: string): Promise<[Record<string, string>, number][]>;
  stop(): Promise<void>;
}

/** Starts Prometheus scraping `targets` (host:port) at `metricsPath`, optionally with a bearer token. */
export async function startPrometheus(targets: string[], options: { bearerToken?: string } = {}): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-'));
  const auth = options.bearerToken ? `\n    authorization:\n      type: Bearer\n      credentials: ${options.bearerToken}` : '';
  writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\nscrape_configs:\n  - job_name: gateway\n    static_configs:\n      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]${auth}\n`);
  // A port free a moment ago may be taken by the time Prometheus binds it: then it exits at once, and we try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(PROMETHEUS, [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const url = `http://127.0.0.1:${port}`;
    if (await ready(child, url)) return handle(child, url, dir);
    child.kill('SIGKILL');
    if (attempt === 5 || !/address already in use/.test(stderr)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`prometheus did not start: ${stderr.slice(-2000)}`);
    }
  }
}

async function ready(child: ChildProcess, url: string): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function handle(child: ChildProcess, url: string, dir: string): Prometheus {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    async query(expr) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await res.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      if (body.status !== 'success') throw new Error(`prometheus query ${expr}: ${body.error}`);
      return body.data.result.map((r) => [r.metric, Number(r.value[1])]);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What `promtool check metrics` says of `text`: its exit status and output (lint problems). */
export function promtoolCheck(text: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
