/**
 * Property-based (fast-check): random bytes and mutated valid cursors never crash and always give BAD_USER_INPUT;
 * random strings for every ID argument either validate or give BAD_USER_INPUT, and never reach upstream unvalidated.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
before(async () => (h = await startHarness()));
after(() => h.close());

const RUNS = 150;

describe('when clients send arbitrary cursors', () => {
  it('then random bytes and mutations of a valid cursor give BAD_USER_INPUT on after, with no upstream call', async () => {
    const d = h.sandbox.data.deadline;
    const query = `query($after: String) { deadlineSessions(farmId: "${d.farmId}", queueId: "${d.queueId}", jobId: "${d.jobIds[0]}", first: 2, after: $after) { edges { cursor } } }`;
    const valid: string = (await h.query(query, {})).data.deadlineSessions.edges[0].cursor;
    const raw = Buffer.from(valid, 'base64url');
    const mutated = fc.tuple(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      const copy = Buffer.from(raw);
      copy[i]! ^= x;
      return copy.toString('base64url');
    });
    const candidates = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64url')),
      // Random bodies behind each version byte, long enough to be read as that version.
      fc.tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ minLength: 16, maxLength: 80 })).map(([v, b]) => Buffer.concat([Buffer.from([v]), b]).toString('base64url')),
      fc.string({ maxLength: 200 }),
      mutated,
      fc.constantFrom(valid.slice(0, -1), `${valid}A`, valid.toUpperCase(), ''),
    ).filter((c) => c !== valid && c !== '');
    await fc.assert(fc.asyncProperty(candidates, async (cursor) => {
      h.resetRequests();
      const res = await h.query(query, { after: cursor });
      assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', `${cursor}: ${JSON.stringify(res.errors)}`);
      assert.equal(res.errors?.[0]?.extensions?.argument, 'after');
      assert.equal(h.upstreamRequests(), 0);
    }), { numRuns: RUNS });
  });
});

describe('when clients send arbitrary IDs', () => {
  const fields: { field: string; args: Record<string, string>; pattern: Record<string, RegExp> }[] = [
    { field: 'deadlineSessions', args: { farmId: 'ID!', queueId: 'ID!', jobId: 'ID!' }, pattern: { farmId: /^farm-[0-9a-f]{32}$/, queueId: /^queue-[0-9a-f]{32}$/, jobId: /^job-[0-9a-f]{32}$/ } },
    { field: 'deadlineWorkerSessions', args: { farmId: 'ID!', fleetId: 'ID!', workerId: 'ID!' }, pattern: { farmId: /^farm-[0-9a-f]{32}$/, fleetId: /^fleet-[0-9a-f]{32}$/, workerId: /^worker-[0-9a-f]{32}$/ } },
    { field: 'workSpacesWebSessions', args: { portalId: 'ID!' }, pattern: { portalId: /^[a-zA-Z0-9-]{36}$/ } },
    { field: 'novaActSessions', args: { workflowDefinitionName: 'String!', workflowRunId: 'ID!' }, pattern: { workflowDefinitionName: /^[a-zA-Z0-9_-]{1,40}$/, workflowRunId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ } },
    { field: 'codeCatalystDevEnvironmentSessions', args: { spaceName: 'String!', projectName: 'String!', devEnvironmentId: 'ID!' }, pattern: { spaceName: /^(?=.{3,63}$)[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/, projectName: /^(?=.{3,63}$)[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/, devEnvironmentId: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ } },
  ];
  // Strings near the patterns as well as anything at all: prefixes, hex runs, separators, path tricks, unicode.
  const idLike = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.tuple(fc.constantFrom('farm-', 'queue-', 'job-', 'fleet-', 'worker-', ''), fc.stringMatching(/^[0-9a-fA-F/.%-]{0,40}$/)).map(([p, s]) => p + s),
    fc.tuple(fc.uuid(), fc.boolean()).map(([u, upper]) => (upper ? u.toUpperCase() : u)),
    fc.constantFrom('../../etc', 'a/b', 'x%2Fy', ' ', 'abc', 'a'.repeat(64)),
  );
  for (const f of fields) {
    it(`then ${f.field} validates or refuses each ID with BAD_USER_INPUT, never sending an invalid one`, async () => {
      const names = Object.keys(f.args);
      const query = `query(${names.map((n) => `$${n}: ${f.args[n]}`).join(', ')}) { ${f.field}(${names.map((n) => `${n}: $${n}`).join(', ')}, first: 1) { edges { cursor } } }`;
      await fc.assert(fc.asyncProperty(fc.tuple(...names.map(() => idLike)), async (values) => {
        const variables = Object.fromEntries(names.map((n, i) => [n, values[i]]));
        const valid = names.every((n) => f.pattern[n]!.test(variables[n]!));
        h.resetRequests();
        const res = await h.query(query, variables);
        if (valid) {
          assert.notEqual(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify({ variables, errors: res.errors }));
        } else {
          assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify({ variables, errors: res.errors }));
          assert.ok(names.includes(res.errors![0]!.extensions!.argument), 'the error names an argument');
          assert.equal(h.upstreamRequests(), 0);
        }
      }), { numRuns: RUNS });
    });
  }
});
