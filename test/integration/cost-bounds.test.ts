/**
 * The cost estimate is an upper bound on the calls an operation makes, however it is written (defaults in the
 * document, single values for lists, aliases, fragments) and whatever the upstream answers (short pages, empty pages
 * for ever, tokens that go round), and what a request reports as sent is what the sandbox received.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import type { FaultRule } from '../../src/sandbox/faults.js';
import { startHarness, type GraphQLResponse, type Harness } from '../helpers/harness.js';
import { FC_SEED } from '../helpers/seed.js';

let h: Harness;
before(async () => (h = await startHarness()));
after(() => h.close());
afterEach(() => {
  h.sandbox.faults.clear();
  h.resetRequests();
});

const q = (v: unknown) => JSON.stringify(v);
const hex = (n: number, width = 32) => n.toString(16).padStart(width, '0');
/** Asserts the operation was refused before any call, or made no more calls than it was estimated at. */
function assertBounded(res: GraphQLResponse, label: string): 'refused' | 'ran' {
  const sent = h.upstreamRequests();
  const upstream = res.extensions?.upstream;
  assert.ok(upstream || res.data === undefined, `${label}: extensions.upstream is reported whenever the operation ran: ${JSON.stringify(res)}`);
  if (!upstream || res.errors?.some((e) => e.extensions?.code === 'QUERY_TOO_EXPENSIVE')) {
    assert.equal(sent, 0, `${label}: refused, and nothing was called`);
    return 'refused';
  }
  assert.ok(sent <= upstream.estimatedCalls, `${label}: ${sent} calls sent, estimated at ${upstream.estimatedCalls}`);
  assert.equal(upstream.calls, sent, `${label}: extensions.upstream.calls counts what was sent`);
  return 'ran';
}

describe('when the cost is hidden in variable defaults written in the document', () => {
  it('then 400 node IDs in a default are estimated at 400 and refused, with no upstream call', async () => {
    const d = h.sandbox.data.deadline;
    const ids = Array.from({ length: 400 }, (_, i) => encodeGlobalID('DeadlineSession', q([d.farmId, d.queueId, d.jobIds[0], `session-${hex(i)}`])));
    const res = await h.query(`query($ids: [ID!]! = ${q(ids)}) { nodes(ids: $ids) { id } }`);
    assert.equal(res.errors?.[0]?.extensions?.code, 'QUERY_TOO_EXPENSIVE', JSON.stringify(res.errors?.[0]));
    assert.equal(res.errors?.[0]?.extensions?.estimatedCalls, 400);
    assert.equal(h.upstreamRequests(), 0);
  });

  it('then first: $f = 1000 is estimated as 1000, not as the default page', async () => {
    const d = h.sandbox.data.deadline;
    const field = (a: string) => `${a}: deadlineSessions(farmId: ${q(d.farmId)}, queueId: ${q(d.queueId)}, jobId: ${q(d.jobIds[0])}, first: $f) { edges { cursor } }`;
    const res = await h.query(`query($f: Int = 1000) { ${['a', 'b', 'c', 'd', 'e'].map(field).join(' ')} }`);
    assert.equal(res.errors?.[0]?.extensions?.code, 'QUERY_TOO_EXPENSIVE');
    assert.equal(h.upstreamRequests(), 0);
  });

  it('then sources: $s = {…} is estimated from the default', async () => {
    const d = h.sandbox.data.deadline;
    const jobs = Array.from({ length: 20 }, (_, i) => ({ farmId: d.farmId, queueId: d.queueId, jobId: `job-${hex(i)}` }));
    const literal = `{ deadlineJobs: [${jobs.map((j) => `{ farmId: ${q(j.farmId)}, queueId: ${q(j.queueId)}, jobId: ${q(j.jobId)} }`).join(', ')}] }`;
    const res = await h.query(`query($s: SessionSourcesInput! = ${literal}) { sessions(sources: $s, orderBy: STARTED_AT_DESC, first: 5) { edges { cursor } } }`);
    assert.equal(res.errors?.[0]?.extensions?.code, 'QUERY_TOO_EXPENSIVE');
    assert.equal(res.errors?.[0]?.extensions?.estimatedCalls, 100, '20 sorted sources × 5 pages');
    assert.equal(h.upstreamRequests(), 0);
  });
});

describe('when arguments are written in forms that input coercion accepts', () => {
  it('then a single source object where a list is taken is counted as the list it becomes', async () => {
    const d = h.sandbox.data.deadline;
    const res = await h.query(`{ sessions(sources: { deadlineJobs: { farmId: ${q(d.farmId)}, queueId: ${q(d.queueId)}, jobId: ${q(d.jobIds[0])} } }, orderBy: STARTED_AT_ASC, first: 5) { edges { cursor } } }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.extensions?.upstream.estimatedCalls, 5);
    assertBounded(res, 'single source');
    assert.ok(h.upstreamRequests() > 0);
  });

  it('then a filtered SOURCE-order connection stays within its estimate', async () => {
    const d = h.sandbox.data.deadline;
    const res = await h.query(`{ sessions(sources: { deadlineJobs: [{ farmId: ${q(d.farmId)}, queueId: ${q(d.queueId)}, jobId: ${q(d.jobIds[0])} }] }, filter: { activeOnly: true }, first: 5) { edges { cursor } } }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assertBounded(res, 'filtered SOURCE order');
  });
});

describe('when an upstream never ends or goes round', () => {
  for (const kind of ['empty-pages', 'cycle-tokens', 'short-pages'] as const) {
    it(`then with ${kind}, twenty sources in every order and a per-service field stay within their estimate and end`, async () => {
      h.sandbox.faults.set([{ kind }]);
      const d = h.sandbox.data.deadline;
      const sources = (n: number) => `{ deadlineJobs: [${Array.from({ length: n }, () => `{ farmId: ${q(d.farmId)}, queueId: ${q(d.queueId)}, jobId: ${q(d.jobIds[0])} }`).join(', ')}] }`;
      // Twenty sources in SOURCE order; in start-time order each source costs 5 pages, so nine fit the budget of 50.
      for (const [order, n] of [['SOURCE', 20], ['STARTED_AT_DESC', 9]] as const) {
        h.resetRequests();
        const res = await h.query(`{ sessions(sources: ${sources(n)}, orderBy: ${order}, first: 25) { edges { cursor } pageInfo { hasNextPage } } }`);
        assert.ok(res.data?.sessions, `${kind} ${order}: answered, not refused: ${JSON.stringify(res.errors)}`);
        assertBounded(res, `${kind} ${order}`);
      }
      h.resetRequests();
      const res = await h.query(`{ deadlineSessions(farmId: ${q(d.farmId)}, queueId: ${q(d.queueId)}, jobId: ${q(d.jobIds[0])}, first: 25) { edges { cursor } pageInfo { hasNextPage } } }`);
      assertBounded(res, `${kind} deadlineSessions`);
    });
  }
});

describe('when a call is refused by local validation before it is sent', () => {
  it('then it is not counted as an upstream call', async () => {
    const id = encodeGlobalID('DeadlineSession', q(['farm-not-valid', 'queue-x', 'job-y', 'session-z']));
    const res = await h.query(`{ node(id: ${q(id)}) { id } }`);
    assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(res.extensions?.upstream.calls, 0);
    assert.equal(h.upstreamRequests(), 0);
  });
});

describe('when random valid documents meet an upstream that misbehaves', () => {
  it('then the calls sent never exceed the estimate', async () => {
    const { deadline: d, workSpacesWeb: w, novaAct: n, codeCatalyst: c } = h.sandbox.data;
    const fields: Record<string, string> = {
      deadlineSessions: `farmId: ${q(d.farmId)}, queueId: ${q(d.queueId)}, jobId: ${q(d.jobIds[0])}`,
      deadlineWorkerSessions: `farmId: ${q(d.farmId)}, fleetId: ${q(d.fleetId)}, workerId: ${q(d.workerIds[0])}`,
      workSpacesWebSessions: `portalId: ${q(w.portalIds[0])}`,
      novaActSessions: `workflowDefinitionName: ${q(n.workflowDefinitionName)}, workflowRunId: ${q(n.workflowRunIds[0])}`,
      codeCatalystDevEnvironmentSessions: `spaceName: ${q(c.spaceName)}, projectName: ${q(c.projectName)}, devEnvironmentId: ${q(c.devEnvironmentIds[0])}`,
    };
    const sourceLiterals = [
      `novaActWorkflowRuns: { workflowDefinitionName: ${q(n.workflowDefinitionName)}, workflowRunId: ${q(n.workflowRunIds[0])} }`,
      `workSpacesWebPortals: [{ portalId: ${q(w.portalIds[0])} }, { portalId: ${q(w.portalIds[1] ?? w.portalIds[0])}, status: ACTIVE }]`,
      `deadlineJobs: { farmId: ${q(d.farmId)}, queueId: ${q(d.queueId)}, jobId: ${q(d.jobIds[1])} }`,
      `deadlineWorkers: [{ farmId: ${q(d.farmId)}, fleetId: ${q(d.fleetId)}, workerId: ${q(d.workerIds[1])} }]`,
      `codeCatalystDevEnvironments: [{ spaceName: ${q(c.spaceName)}, projectName: ${q(c.projectName)}, devEnvironmentId: ${q(c.devEnvironmentIds[0])} }]`,
      `deadlineFarms: [{ farmId: ${q(h.sandbox.data.estate.farms[1]!.farmId)} }]`,
      `codeCatalystProjects: [{ spaceName: ${q(c.spaceName)}, projectName: ${q(c.projectName)} }]`,
      'services: [WORKSPACES_WEB, NOVA_ACT]',
    ];
    // The graph nested, with back-references: each level multiplies the one below it.
    const graph: Record<string, string> = {
      deadlineFarms: 'queues(first: 2) { edges { node { jobs(first: 2) { edges { node { sessions(first: 3) { edges { cursor node { job { name } worker { status } } } } } } } } } }',
      workSpacesWebPortals: 'sessions(first: 2) { edges { node { portal { portalArn } } } }',
      novaActWorkflowDefinitions: 'runs(first: 2) { edges { node { sessions(first: 2) { edges { node { workflowRun { status } } } } } } }',
      codeCatalystSpaces: 'projects(first: 2) { edges { node { devEnvironments(first: 2) { edges { node { sessions(first: 2) { edges { cursor } } } } } } } }',
    };
    const novaId = encodeGlobalID('NovaActSession', q([n.workflowDefinitionName, n.workflowRunIds[0], n.sessions[0]!.sessionId]));
    const deadlineId = encodeGlobalID('DeadlineSession', q([d.farmId, d.queueId, d.jobIds[0], d.sessions[0]!.sessionId]));

    // How `first` is given: a literal, a variable sent in the request, a variable's default, or not at all.
    const firstArg = fc.oneof(
      fc.integer({ min: 0, max: 1000 }).map((v) => ({ arg: `first: ${v}`, def: '', vars: {} })),
      fc.integer({ min: 0, max: 1000 }).map((v) => ({ arg: 'first: $f', def: '$f: Int', vars: { f: v } })),
      fc.integer({ min: 0, max: 1000 }).map((v) => ({ arg: 'first: $f', def: `$f: Int = ${v}`, vars: {} })),
      fc.constant({ arg: '', def: '', vars: {} }),
    );
    const selection = fc.oneof(
      fc.tuple(fc.constantFrom(...Object.keys(fields)), firstArg).map(([f, first]) => ({
        body: `${f}(${[fields[f], first.arg].filter(Boolean).join(', ')}) { edges { cursor } pageInfo { hasNextPage } }`, first,
      })),
      fc.tuple(fc.subarray(sourceLiterals, { minLength: 1 }), fc.constantFrom('SOURCE', 'STARTED_AT_DESC', 'STARTED_AT_ASC'),
        fc.constantFrom('', 'filter: { activeOnly: true }', 'filter: { startedAfter: "2026-10-02T00:00:00Z" }'), firstArg, fc.boolean())
        .map(([src, order, filter, first, asVariable]) => ({
          body: `sessions(sources: ${asVariable ? '$s' : `{ ${src.join(', ')} }`}, orderBy: ${order}${filter ? `, ${filter}` : ''}${first.arg ? `, ${first.arg}` : ''}) { edges { cursor } }`,
          first: { ...first, def: [first.def, asVariable ? `$s: SessionSourcesInput! = { ${src.join(', ')} }` : ''].filter(Boolean).join(', ') },
        })),
      fc.tuple(fc.constantFrom(...Object.keys(graph)), firstArg).map(([f, first]) => ({
        body: `${f}${first.arg ? `(${first.arg})` : ''} { edges { node { ${graph[f]} } } pageInfo { hasNextPage } }`, first,
      })),
      fc.constantFrom(`node(id: ${q(novaId)}) { id }`, `nodes(ids: ${q(deadlineId)}) { id }`, `nodes(ids: [${q(novaId)}, ${q(deadlineId)}]) { id }`)
        .map((body) => ({ body, first: { arg: '', def: '', vars: {} } })),
    );
    // One root selection, aliased and wrapped: in a fragment, an inline fragment, repeated under @include, or five times.
    const doc = fc.tuple(selection, fc.constantFrom('plain', 'alias', 'fragment', 'inline', 'twice', 'five'))
      .map(([s, shape]) => {
        const defs = s.first.def ? `(${s.first.def})` : '';
        const text = shape === 'fragment' ? `query${defs} { ...F } fragment F on Query { x: ${s.body} }`
          : shape === 'inline' ? `query${defs} { ... on Query { y: ${s.body} } }`
            : shape === 'twice' ? `query${defs} { a: ${s.body} ... @include(if: true) { b: ${s.body} } }`
              : shape === 'five' ? `query${defs} { ${[1, 2, 3, 4, 5].map((i) => `a${i}: ${s.body}`).join(' ')} }`
              : shape === 'alias' ? `query${defs} { z: ${s.body} }` : `query${defs} { ${s.body} }`;
        return { text, vars: s.first.vars };
      });
    const fault = fc.constantFrom<FaultRule[]>([], [{ kind: 'short-pages' }], [{ kind: 'empty-pages' }], [{ kind: 'cycle-tokens' }], [{ kind: 'empty-pages', probability: 0.5 }]);
    const outcomes = { ran: 0, refused: 0 };
    await fc.assert(fc.asyncProperty(doc, fault, async (d, faults) => {
      h.sandbox.faults.set(faults);
      h.resetRequests();
      const res = await h.query(d.text, d.vars);
      outcomes[assertBounded(res, `${d.text} ${JSON.stringify(d.vars)} with ${JSON.stringify(faults)}`)]++;
    }), { numRuns: 120, seed: FC_SEED });
    // Both branches ran often enough to mean something.
    assert.ok(outcomes.ran >= 40 && outcomes.refused >= 5, JSON.stringify(outcomes));
  });
});
