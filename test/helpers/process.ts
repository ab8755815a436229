/** Runs the built gateway with the Docker image's command (`node … dist/main.js`) as a child process on a free port. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Dockerfile's `CMD`, e.g. ["node", "--enable-source-maps", "dist/main.js"]. */
export function imageCommand(): string[] {
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(`${ROOT}/Dockerfile`, 'utf8'));
  if (!cmd) throw new Error('the Dockerfile has no CMD ["node", …] line');
  return JSON.parse(cmd[1]!) as string[];
}

let built = false;
/** Compiles src/ to dist/ once per test process. */
export function buildOnce(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

/** A running gateway process and everything it printed. */
export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the image's command with `env` (PATH and PORT=0 added) and waits for its URL. */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  buildOnce();
  const [node, ...args] = imageCommand();
  if (node !== 'node') throw new Error(`the Dockerfile's CMD starts with ${node}, not node`);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await waitForUrl(child, () => output, 20_000);
  return {
    child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Waits until a child's output shows the gateway's `"url"` log line; rejects if it exits or takes longer than `ms`. */
export function waitForUrl(child: ChildProcess, output: () => string, ms: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no start within ${ms / 1000} s: ${output()}`)), ms);
    const poll = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(output());
      if (m) done(undefined, m[1]!);
    }, 20);
    const onExit = (code: number | null) => done(new Error(`exited ${code}: ${output()}`));
    child.on('exit', onExit);
    function done(error: Error | undefined, url?: string) {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(url!);
    }
  });
}
