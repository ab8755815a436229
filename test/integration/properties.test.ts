/**
 * Property-based (fast-check): random bytes and mutated valid cursors never crash and always give BAD_USER_INPUT;
 * random strings for every ID argument either validate or give BAD_USER_INPUT, and never reach upstream unvalidated.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startHarness, type Harness } from '../helpers/harness.js';
import { FC_SEED } from '../helpers/seed.js';

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
    }), { numRuns: RUNS, seed: FC_SEED });
  });
});

describe('when clients send arbitrary IDs', () => {
  // Each argument's valid values come from its pattern in the AWS model, written here independently of the gateway's
  // own validation; the invalid ones are near misses of a valid value (one character short or over, one character out
  // of its class) as well as anything at all.
  const hex = (n: number, letters = 'a-f') => `[0-9${letters}]{${n}}`;
  const uuid = (letters = 'a-f') => [8, 4, 4, 4, 12].map((n) => hex(n, letters)).join('-');
  // `edges` are sources for the bounds (shortest, longest), which random strings of a pattern seldom reach.
  const exactly = (source: string, ...edges: string[]) => ({
    pattern: new RegExp(`^${source}$`),
    valid: fc.oneof(...[source, ...edges].map((s) => fc.stringMatching(new RegExp(`^${s}$`)))),
  });
  const segmentName = {
    pattern: /^(?=.{3,63}$)[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/,
    valid: fc
      .tuple(fc.stringMatching(/^[a-zA-Z0-9]{1,20}$/), fc.array(fc.tuple(fc.constantFrom('-', '_', '.'), fc.stringMatching(/^[a-zA-Z0-9]{1,12}$/)), { maxLength: 4 }))
      .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(''))
      .filter((name) => name.length >= 3 && name.length <= 63)
      .chain((name) => fc.constantFrom(name, name.slice(0, 3).replace(/[-_.]$/, 'x'), name.padEnd(63, 'x'))),
  };
  type Argument = { type: string; pattern: RegExp; valid: fc.Arbitrary<string> };
  const fields: { field: string; args: Record<string, Argument> }[] = [
    { field: 'deadlineSessions', args: { farmId: { type: 'ID!', ...exactly(`farm-${hex(32)}`) }, queueId: { type: 'ID!', ...exactly(`queue-${hex(32)}`) }, jobId: { type: 'ID!', ...exactly(`job-${hex(32)}`) } } },
    { field: 'deadlineWorkerSessions', args: { farmId: { type: 'ID!', ...exactly(`farm-${hex(32)}`) }, fleetId: { type: 'ID!', ...exactly(`fleet-${hex(32)}`) }, workerId: { type: 'ID!', ...exactly(`worker-${hex(32)}`) } } },
    { field: 'workSpacesWebSessions', args: { portalId: { type: 'ID!', ...exactly('[a-zA-Z0-9-]{36}') } } },
    { field: 'novaActSessions', args: { workflowDefinitionName: { type: 'String!', ...exactly('[a-zA-Z0-9_-]{1,40}', '[a-zA-Z0-9_-]', '[a-zA-Z0-9_-]{40}') }, workflowRunId: { type: 'ID!', ...exactly(uuid()) } } },
    { field: 'codeCatalystDevEnvironmentSessions', args: { spaceName: { type: 'String!', ...segmentName }, projectName: { type: 'String!', ...segmentName }, devEnvironmentId: { type: 'ID!', ...exactly(uuid('a-fA-F')) } } },
  ];
  const outOfClass = fc.constantFrom('G', 'g', 'Z', '/', '%2F', ' ', '.', '_', '-', 'é', '\u{1F600}', '\n', '--', '..');
  const invalidFor = (arg: Argument) =>
    fc
      .oneof(
        arg.valid.map((v) => v.slice(0, -1)),
        fc.tuple(arg.valid, fc.constantFrom('0', 'a', 'A', '-')).map(([v, c]) => v + c),
        fc.tuple(arg.valid, fc.nat(), outOfClass).map(([v, i, c]) => v.slice(0, i % v.length) + c + v.slice((i % v.length) + 1)),
        fc.tuple(arg.valid, fc.boolean()).map(([v, upper]) => (upper ? v.toUpperCase() : ` ${v}`)),
        arg.valid.map((v) => v.replace(/([a-zA-Z])([^a-zA-Z]*)$/, (_, c: string, rest: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + rest)),
        fc.string({ maxLength: 80 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom('../../etc', 'a/b', 'x%2Fy', ' ', '', 'a'.repeat(64), 'farm-', 'job-'.padEnd(36, '0')),
      )
      .filter((v) => !arg.pattern.test(v));
  for (const f of fields) {
    it(`then ${f.field} sends every valid ID upstream and refuses each invalid one with BAD_USER_INPUT naming it`, async () => {
      const names = Object.keys(f.args);
      const args = names.map((n) => f.args[n]!);
      const query = `query(${names.map((n) => `$${n}: ${f.args[n]!.type}`).join(', ')}) { ${f.field}(${names.map((n) => `${n}: $${n}`).join(', ')}, first: 1) { edges { cursor } } }`;
      const allValid = fc.tuple(...args.map((a) => a.valid)).map((values) => ({ values, invalid: -1 }));
      const oneInvalid = fc
        .nat({ max: names.length - 1 })
        .chain((invalid) => fc.tuple(...args.map((a, i) => (i === invalid ? invalidFor(a) : a.valid))).map((values) => ({ values, invalid })));
      const ran = { valid: 0, invalid: 0 };
      await fc.assert(fc.asyncProperty(fc.oneof(allValid, oneInvalid), async ({ values, invalid }) => {
        const variables = Object.fromEntries(names.map((n, i) => [n, values[i]]));
        h.resetRequests();
        const res = await h.query(query, variables);
        const seen = JSON.stringify({ variables, errors: res.errors });
        if (invalid < 0) {
          ran.valid++;
          assert.notEqual(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', seen);
          assert.ok(h.upstreamRequests() >= 1, `a valid ID goes upstream: ${seen}`);
        } else {
          ran.invalid++;
          assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', seen);
          assert.equal(res.errors![0]!.extensions!.argument, names[invalid], seen);
          assert.equal(h.upstreamRequests(), 0);
        }
      }), { numRuns: RUNS, seed: FC_SEED });
      // Both branches must be exercised for the property to mean anything.
      assert.ok(ran.valid >= RUNS / 4 && ran.invalid >= RUNS / 4, JSON.stringify(ran));
    });
  }
});
