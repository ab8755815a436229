/**
 * What the Dockerfile runs: `node dist/main.js` from the compiled output, using production dependencies only.
 * It starts on the sandbox, answers /health and a query, and drains on SIGTERM.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('when the Docker image runs the built output', () => {
  it('then every package src/ imports is a production dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const deps = new Set(Object.keys(pkg.dependencies));
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^'"]*['"]([^'"]+)['"]/gm)) {
        if (spec!.startsWith('.') || spec!.startsWith('node:') || builtinModules.includes(spec!)) continue;
        const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
        assert.ok(deps.has(name), `${file.slice(root.length)} imports ${name}, which is not in dependencies`);
      }
    }
  });

  it('then node dist/main.js serves /health and GraphQL, and exits cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' });
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, env: { PATH: process.env.PATH, PORT: '0', GATEWAY_UPSTREAM: 'sandbox', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 20 s: ${output}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        output += d;
        const m = /"url":"(http:\/\/[^"]+)"/.exec(output);
        if (m) { clearTimeout(timer); resolve(m[1]!); }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    try {
      const health = await fetch(url.replace('/graphql', '/health'));
      assert.equal(health.status, 200);
      const page = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __type(name: "Session") { name } }' }) });
      assert.deepEqual(((await page.json()) as { data: unknown }).data, { __type: { name: 'Session' } });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(output, /draining in-flight requests/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
