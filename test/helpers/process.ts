/** Runs the built gateway with the Docker image's command (`node … dist/main.js`) as a child process on a free port. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Dockerfile's `CMD`, e.g. ["node", "--max-semi-space-size=32", "dist/main.js"]. */
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
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 20 s: ${output}`)), 20_000);
    const poll = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (m) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(m[1]!);
      }
    }, 20);
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`exited ${code}: ${output}`));
    });
  });
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
