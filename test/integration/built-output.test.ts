/**
 * What the Dockerfile runs: `node dist/main.js` from the compiled output, using production dependencies only.
 * It starts on the sandbox, answers /health and a query, and drains on SIGTERM.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT as root, startGatewayProcess } from '../helpers/process.js';

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
    const gw = await startGatewayProcess({ GATEWAY_UPSTREAM: 'sandbox', LOG_LEVEL: 'info' });
    try {
      assert.equal((await fetch(gw.url.replace('/graphql', '/health'))).status, 200);
      const page = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __type(name: "Session") { name } }' }) });
      assert.deepEqual(((await page.json()) as { data: unknown }).data, { __type: { name: 'Session' } });
    } finally {
      assert.equal(await gw.stop('SIGTERM'), 0);
    }
    assert.match(gw.output(), /draining in-flight requests/);
  });
});
