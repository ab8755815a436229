/** The README's example query, run against the sandbox, gives the README's answer. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SETTING_NAMES } from '../../src/config.js';
import * as operations from '../../src/upstream/operations/index.js';
import { startHarness } from '../helpers/harness.js';

describe('when the README example is run on the sandbox', () => {
  it('then every example query gives the answer the README shows', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const queries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const answers = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));
    assert.equal(queries.length, 5);
    assert.equal(answers.length, queries.length);
    const h = await startHarness({ places: true });
    try {
      for (const [i, query] of queries.entries()) assert.deepEqual(await h.query(query), answers[i], `README example ${i + 1}`);
    } finally {
      await h.close();
    }
  });

  it('then its configuration table names every setting the gateway reads', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## How it behaves'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split('|')[1]!).join(' ');
    const missing = SETTING_NAMES.filter((name) => !rows.includes(`\`${name}\``) && !readme.includes(`| \`${name}\``));
    assert.deepEqual(missing, [], 'settings without a row in the README');
  });

  it('then the two commands are on its first screen', () => {
    const firstScreen = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n').slice(0, 20).join('\n');
    assert.match(firstScreen, /npm ci && npm start/);
    assert.match(firstScreen, /npm ci && npm test/);
  });

  it('then its IAM policy allows exactly the operations the gateway calls, and sts:AssumeRole', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const [read, assume] = [...readme.matchAll(/```json policy\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));
    const called = new Set<string>();
    for (const op of Object.values(operations) as { service?: { signingName: string }; name?: string; method?: string }[]) {
      if (op.service && op.name && op.method) called.add(`${op.service.signingName}:${op.name}`);
    }
    assert.deepEqual([...read.Statement[0].Action].sort(), [...called].sort());
    assert.equal(assume.Statement[0].Action, 'sts:AssumeRole');
  });
});
