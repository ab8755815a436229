/** Bad input gets a BAD_USER_INPUT naming the argument, and no upstream request is made. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fieldCases, pageQuery } from '../helpers/fields.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
before(async () => (h = await startHarness()));
after(() => h.close());

const hex32 = 'a'.repeat(32);
const uuid = '0f0e0d0c-0b0a-4909-8807-060504030201';

async function expectBadInput(query: string, argument: string, variables?: Record<string, unknown>) {
  h.resetRequests();
  const res = await h.query(query, variables);
  assert.ok(res.errors?.length, `an error for ${query}`);
  const err = res.errors![0]!;
  assert.equal(err.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(err));
  assert.equal(err.extensions?.argument, argument, JSON.stringify(err));
  assert.match(err.message, new RegExp(argument));
  assert.equal(h.upstreamRequests(), 0, `no upstream request for ${query}`);
  return err;
}

describe('when an argument breaks the model pattern', () => {
  const cases: [string, string][] = [
    [`deadlineSessions(farmId: "farm-123", queueId: "queue-${hex32}", jobId: "job-${hex32}")`, 'farmId'],
    [`deadlineSessions(farmId: "farm-${hex32}", queueId: "queue-${hex32.toUpperCase()}", jobId: "job-${hex32}")`, 'queueId'],
    [`deadlineSessions(farmId: "farm-${hex32}", queueId: "queue-${hex32}", jobId: "job-${hex32}/../x")`, 'jobId'],
    [`deadlineWorkerSessions(farmId: "farm-${hex32}", fleetId: "fleet-x", workerId: "worker-${hex32}")`, 'fleetId'],
    [`deadlineWorkerSessions(farmId: "farm-${hex32}", fleetId: "fleet-${hex32}", workerId: "")`, 'workerId'],
    [`workSpacesWebSessions(portalId: "short")`, 'portalId'],
    [`workSpacesWebSessions(portalId: "${uuid.replace('-', '/')}")`, 'portalId'],
    [`workSpacesWebSessions(portalId: "${uuid}", sessionId: "abc")`, 'sessionId'],
    [`workSpacesWebSessions(portalId: "${uuid}", username: "${'u'.repeat(257)}")`, 'username'],
    [`novaActSessions(workflowDefinitionName: "has space", workflowRunId: "${uuid}")`, 'workflowDefinitionName'],
    [`novaActSessions(workflowDefinitionName: "${'w'.repeat(41)}", workflowRunId: "${uuid}")`, 'workflowDefinitionName'],
    [`novaActSessions(workflowDefinitionName: "wf", workflowRunId: "${uuid.toUpperCase()}")`, 'workflowRunId'],
    [`codeCatalystDevEnvironmentSessions(spaceName: "ab", projectName: "proj", devEnvironmentId: "${uuid}")`, 'spaceName'],
    [`codeCatalystDevEnvironmentSessions(spaceName: "space", projectName: "pro--j", devEnvironmentId: "${uuid}")`, 'projectName'],
    [`codeCatalystDevEnvironmentSessions(spaceName: "space", projectName: "${'p'.repeat(64)}", devEnvironmentId: "${uuid}")`, 'projectName'],
    [`codeCatalystDevEnvironmentSessions(spaceName: "space", projectName: "proj", devEnvironmentId: "not-a-uuid")`, 'devEnvironmentId'],
  ];
  for (const [field, argument] of cases) {
    it(`then ${argument} is named (${field.slice(0, 60)}…)`, async () => {
      const err = await expectBadInput(`{ ${field} { edges { node { sessionId } } } }`, argument);
      assert.ok(err.path?.length, 'the error is on the field');
    });
  }
});

describe('when text is not valid Unicode, or long in UTF-16 but not in characters', () => {
  const portal = () => h.sandbox.data.workSpacesWeb.portalIds[0]!;
  const q = 'query($u: String, $p: ID!) { workSpacesWebSessions(portalId: $p, username: $u, first: 1) { edges { node { sessionId } } } }';

  it('then a lone surrogate is BAD_USER_INPUT naming the argument, never an upstream or credentials error', async () => {
    for (const u of ['\ud800', 'a\udc00b', `user${'\ud83d'}`]) {
      const err = await expectBadInput(q, 'username', { u, p: portal() });
      assert.match(err.message, /Unicode/);
    }
    assert.ok(!h.logs.some((l) => l.includes('URI malformed')), 'nothing was logged as an upstream failure');
  });

  it('then 200 emoji (400 UTF-16 units, 200 characters) are within the 256-character limit, and 257 are not', async () => {
    h.resetRequests();
    const ok = await h.query(q, { u: '😀'.repeat(200), p: portal() });
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    assert.equal(h.upstreamRequests(), 1);
    await expectBadInput(q, 'username', { u: '😀'.repeat(257), p: portal() });
  });
});

describe('when first is out of range', () => {
  for (const first of [-1, 1001]) {
    it(`then first: ${first} is refused`, async () => {
      const c = fieldCases(h.sandbox.data)[0]!;
      await expectBadInput(pageQuery(c), 'first', { first });
    });
  }
});

describe('when a cursor is not usable here', () => {
  it('then an edited cursor is refused: another offset, a tag swapped with its neighbour\'s, a flipped byte', async () => {
    const c = fieldCases(h.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
    const res = await h.query(pageQuery(c), { first: 2 });
    const [first, second]: string[] = res.data.deadlineSessions.edges.map((e: { cursor: string }) => e.cursor);
    // Version 4 layout: [version][tag 16][arguments digest 12][kind][page size u16][offset u16][token].
    const bytes = (cursor: string) => Buffer.from(cursor, 'base64url');
    const raw = bytes(second!);
    assert.equal(raw[0], 4, 'the cursor is of the version this test edits');
    const offset = raw.readUInt16BE(32);
    const edits: Record<string, Buffer> = {
      'offset + 1': Buffer.from(raw),
      'tag of the first edge': Buffer.concat([raw.subarray(0, 1), bytes(first!).subarray(1, 17), raw.subarray(17)]),
      'flipped tag bit': Buffer.from(raw),
      'flipped digest byte': Buffer.from(raw),
      'flipped last byte': Buffer.from(raw),
      'version 2': Buffer.from(raw),
      'version 3 (the earlier compact form, tagged otherwise)': Buffer.from(raw),
    };
    edits['offset + 1']!.writeUInt16BE(offset + 1, 32);
    edits['flipped tag bit']![5]! ^= 0x10;
    edits['flipped digest byte']![20]! ^= 0xff;
    edits['flipped last byte']![raw.length - 1]! ^= 0x01;
    edits['version 2']![0] = 2;
    edits['version 3 (the earlier compact form, tagged otherwise)']![0] = 3;
    // The unedited cursor pages on: the edits, not the test's way of sending them, are what is refused.
    const onward = await h.query(pageQuery(c), { first: 2, after: second });
    assert.equal(onward.errors, undefined, JSON.stringify(onward.errors));
    for (const [edit, edited] of Object.entries(edits)) {
      assert.notDeepEqual(edited, raw, edit);
      h.resetRequests();
      await expectBadInput(pageQuery(c), 'after', { first: 2, after: edited.toString('base64url') });
      assert.equal(h.upstreamRequests(), 0, `${edit}: no upstream call`);
    }
    for (const junk of ['not a cursor', '!!!', 'AAAA', Buffer.from('x'.repeat(40)).toString('base64url')]) {
      await expectBadInput(pageQuery(c), 'after', { first: 2, after: junk });
    }
  });

  it('then a cursor of another connection or other arguments is refused', async () => {
    const cases = fieldCases(h.sandbox.data);
    const deadline = cases.find((x) => x.field === 'deadlineSessions')!;
    const worker = cases.find((x) => x.field === 'deadlineWorkerSessions')!;
    const res = await h.query(pageQuery(deadline), { first: 2 });
    const cursor = res.data.deadlineSessions.pageInfo.endCursor;
    const err = await expectBadInput(pageQuery(worker), 'after', { first: 2, after: cursor });
    assert.match(err.message, /other arguments/);
    const otherJob = { ...deadline, args: deadline.args.replace(h.sandbox.data.deadline.jobIds[0]!, h.sandbox.data.deadline.jobIds[1]!) };
    await expectBadInput(pageQuery(otherJob), 'after', { first: 2, after: cursor });
  });

  it('then a cursor from a gateway with another secret is refused', async () => {
    const other = await startHarness({ cursorSecret: 'another-secret-abcdefghijklmnop' });
    try {
      const c = fieldCases(other.sandbox.data).find((x) => x.field === 'deadlineSessions')!;
      const res = await other.query(pageQuery(c), { first: 2 });
      await expectBadInput(pageQuery(c), 'after', { first: 2, after: res.data.deadlineSessions.pageInfo.endCursor });
    } finally {
      await other.close();
    }
  });
});

describe('when backward paging is asked for', () => {
  it('then last/before are not arguments, and GraphQL validation says so', async () => {
    h.resetRequests();
    const res = await h.query(`{ deadlineSessions(farmId: "farm-${hex32}", queueId: "queue-${hex32}", jobId: "job-${hex32}", last: 2) { edges { cursor } } }`);
    assert.equal(res.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(res.errors![0]!.message, /last/);
    assert.equal(h.upstreamRequests(), 0);
  });
});
