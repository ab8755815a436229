/** What a gateway does not need is not loaded: GraphiQL's bundle (about 35 MB of heap) only when a browser asks for it. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/process.js';

describe('when GraphiQL is off', () => {
  it('then its bundle is never loaded; with GraphiQL on, it is loaded when the page is first asked for', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--import', './test/fixtures/record-imports.mjs', 'test/fixtures/graphiql-loading.ts'], { cwd: ROOT, encoding: 'utf8' });
    const { off, afterOff, on, afterOn } = JSON.parse(out) as { off: { status: number; html: number }; afterOff: boolean; on: { status: number; html: number }; afterOn: boolean };
    assert.equal(off.status, 200);
    assert.equal(afterOff, false, 'GraphiQL off: render-graphiql is not loaded');
    assert.equal(on.status, 200);
    assert.ok(on.html > 1_000_000, 'GraphiQL on: the page is GraphiQL');
    assert.equal(afterOn, true, 'the check sees the bundle once it is loaded');
  });
});
