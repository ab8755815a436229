/** The README's example query, run against the sandbox, gives the README's answer. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { startHarness } from '../helpers/harness.js';

describe('when the README example is run on the sandbox', () => {
  it('then the answer is the one the README shows', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const query = /```graphql\n([\s\S]*?)```/.exec(readme)![1]!;
    const answer = JSON.parse(/```json\n([\s\S]*?)```/.exec(readme)![1]!);
    const h = await startHarness();
    try {
      assert.deepEqual(await h.query(query), answer);
    } finally {
      await h.close();
    }
  });

  it('then the two commands are on its first screen', () => {
    const firstScreen = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n').slice(0, 20).join('\n');
    assert.match(firstScreen, /npm ci && npm start/);
    assert.match(firstScreen, /npm ci && npm test/);
  });
});
