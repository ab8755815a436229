/** The committed SDL is the contract: it must equal the printed schema. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../../src/schema/index.js';

describe('when the schema is printed', () => {
  it('then it equals schema/schema.graphql (run npm run schema after changing it)', () => {
    const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    assert.equal(`${printSchema(lexicographicSortSchema(schema))}\n`, committed);
  });

  it('then the contract names are there', () => {
    const sdl = printSchema(schema);
    for (const name of ['novaActSessions(', 'workSpacesWebSessions(', 'deadlineSessions(', 'deadlineWorkerSessions(', 'codeCatalystDevEnvironmentSessions(', 'node(id: ID!): Node', 'nodes(ids: [ID!]!): [Node]!', 'interface Session', 'scalar DateTime']) {
      assert.ok(sdl.includes(name), name);
    }
  });
});
