/**
 * The cost estimate, worked out by hand from the README's rule for each kind of field: a listing needs
 * ceil((first + 1) / page limit) pages, one more when it resumes, 2 for short pages, at most the per-connection
 * bound; node lookups 1 per GetSession and one scan per parent otherwise; sessions by order and filter.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'graphql';
import { schema } from '../../src/schema/index.js';
import { estimateUpstreamCalls } from '../../src/schema/cost.js';
import { globalId as id } from '../helpers/global-id.js';

const limits = { defaultFirst: 10, maxFirst: 1000, maxCallsPerConnection: 15, maxSources: 20, maxItemsPerSource: 5000, pagesPerSortedSource: 5, callsPerDiscovery: 40, maxDiscoveredSources: 500, pruneDiscovery: true };
const estimate = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  estimateUpstreamCalls(schema, parse(query), operationName, variables, { limits });

const h = (c: string) => c.repeat(32);
const job = (n = 'a') => `farmId: "farm-${h('1')}", queueId: "queue-${h('2')}", jobId: "job-${h(n)}"`;
const cc = `spaceName: "space", projectName: "project", devEnvironmentId: "${'0f0e0d0c-0b0a-4909-8807-060504030201'}"`;
const run = (r: string) => `workflowDefinitionName: "flow", workflowRunId: "${r}"`;
const RUN_A = '0f0e0d0c-0b0a-4909-8807-0605040302aa';
const RUN_B = '0f0e0d0c-0b0a-4909-8807-0605040302bb';

describe('when a listing field is estimated (Deadline: 100 a page; CodeCatalyst: 200)', () => {
  const cases: [string, number][] = [
    [`{ deadlineSessions(${job()}, first: 10) { edges { cursor } } }`, 1 + 2],
    [`{ deadlineSessions(${job()}) { edges { cursor } } }`, 1 + 2], // defaultFirst 10
    [`{ deadlineSessions(${job()}, first: 98) { edges { cursor } } }`, 1 + 2],
    [`{ deadlineSessions(${job()}, first: 99) { edges { cursor } } }`, 1 + 2],
    [`{ deadlineSessions(${job()}, first: 100) { edges { cursor } } }`, 2 + 2],
    [`{ deadlineSessions(${job()}, first: 150, after: "c") { edges { cursor } } }`, 2 + 1 + 2],
    [`{ deadlineSessions(${job()}, first: 1000) { edges { cursor } } }`, 11 + 2],
    [`{ deadlineSessions(${job()}, first: 5000) { edges { cursor } } }`, 11 + 2], // maxFirst 1000
    [`{ deadlineSessions(${job()}, first: 1000, after: "c") { edges { cursor } } }`, 14],
    [`{ deadlineSessions(${job()}, first: 1300, after: "c") { edges { cursor } } }`, 14],
    [`{ codeCatalystDevEnvironmentSessions(${cc}, first: 399) { edges { cursor } } }`, 2 + 2],
    [`{ codeCatalystDevEnvironmentSessions(${cc}, first: 400) { edges { cursor } } }`, 3 + 2],
    [`{ __typename }`, 0],
  ];
  for (const [query, calls] of cases) {
    it(`then ${query.replace(/"[^"]{20,}"/g, '"…"').slice(2, 90)} is ${calls}`, () => assert.equal(estimate(query), calls));
  }
  it('then the per-connection bound caps a large page count', () => {
    assert.equal(estimateUpstreamCalls(schema, parse(`{ deadlineSessions(${job()}, first: 1000) { edges { cursor } } }`), undefined, {}, { limits: { ...limits, maxCallsPerConnection: 12 } }), 12);
  });
});

describe('when a document is estimated as execution will run it', () => {
  const page = (alias: string, first = 10) => `${alias}: deadlineSessions(${job()}, first: ${first}) { edges { cursor } }`;
  it('then aliases add up, and fields merged under one response key count once', () => {
    assert.equal(estimate(`{ ${page('a')} ${page('b')} }`), 6);
    assert.equal(estimate(`{ ${page('a')} ${page('a')} }`), 3);
  });
  it('then @skip and @include are applied, with variables', () => {
    assert.equal(estimate(`{ ${page('a')} b: deadlineSessions(${job()}, first: 10) @skip(if: true) { edges { cursor } } }`), 3);
    assert.equal(estimate(`query($on: Boolean!) { ${page('a')} b: deadlineSessions(${job()}) @include(if: $on) { edges { cursor } } }`, { on: false }), 3);
    assert.equal(estimate(`query($on: Boolean!) { ${page('a')} b: deadlineSessions(${job()}) @include(if: $on) { edges { cursor } } }`, { on: true }), 6);
  });
  it('then variables and their defaults are read, and a variable that does not coerce costs nothing (execution refuses it)', () => {
    const q = `query($n: Int = 150) { deadlineSessions(${job()}, first: $n) { edges { cursor } } }`;
    assert.equal(estimate(q), 4);
    assert.equal(estimate(q, { n: 1000 }), 13);
    assert.equal(estimate(q, { n: 'many' }), 0);
  });
  it('then root fields inside fragments and inline fragments count, and only the named operation', () => {
    const doc = `query A { ...F } query B { ... on Query { ${page('x', 100)} } } fragment F on Query { ${page('y')} }`;
    assert.equal(estimate(doc, {}, 'A'), 3);
    assert.equal(estimate(doc, {}, 'B'), 4);
    assert.equal(estimate(doc, {}, 'C'), 0);
  });
});

describe('when node lookups are estimated', () => {
  const dl = (s: string) => id('DeadlineSession', [`farm-${h('1')}`, `queue-${h('2')}`, `job-${h('3')}`, `session-${h(s)}`]);
  const nova = (r: string, s: string) => id('NovaActSession', ['flow', r, s]);
  it('then a session with GetSession is one call each', () => {
    assert.equal(estimate(`{ node(id: "${dl('4')}") { id } }`), 1);
    assert.equal(estimate(`{ nodes(ids: ["${dl('4')}", "${dl('5')}"]) { id } }`), 2);
  });
  it('then a session without GetSession is one scan per parent, however many of its IDs', () => {
    assert.equal(estimate(`{ nodes(ids: ["${nova(RUN_A, 's1')}", "${nova(RUN_A, 's2')}"]) { id } }`), 15);
    assert.equal(estimate(`{ nodes(ids: ["${nova(RUN_A, 's1')}", "${nova(RUN_B, 's2')}", "${dl('4')}"]) { id } }`), 31);
  });
  it('then IDs the gateway did not issue cost nothing', () => {
    assert.equal(estimate(`{ nodes(ids: ["!!!", "${Buffer.from('Query:x').toString('base64')}", "${id('Nope', ['x'])}"]) { id } }`), 0);
  });
});

describe('when the unified connection is estimated', () => {
  const two = `deadlineJobs: [{ ${job('a')} }, { ${job('b')} }]`;
  it('then in SOURCE order the sources together need what first needs, plus one call for each further source', () => {
    assert.equal(estimate(`{ sessions(sources: { ${two} }, first: 10) { edges { cursor } } }`), 3 + 1);
    assert.equal(estimate(`{ sessions(sources: { deadlineJobs: [{ ${job('a')} }] }, first: 10) { edges { cursor } } }`), 3);
  });
  it('then a filter applied here lets each source use the per-connection bound', () => {
    assert.equal(estimate(`{ sessions(sources: { ${two} }, filter: { activeOnly: true }, first: 10) { edges { cursor } } }`), 15 + 1);
  });
  it('then in start-time order each unsorted source may take its pages per sorted source', () => {
    assert.equal(estimate(`{ sessions(sources: { ${two} }, orderBy: STARTED_AT_DESC, first: 10) { edges { cursor } } }`), 5 + 5);
  });
  it('then a source the filter rules out is never called: Nova Act has no start time', () => {
    const q = `{ sessions(sources: { novaActWorkflowRuns: [{ ${run(RUN_A)} }] }, filter: { startedAfter: "2026-01-01T00:00:00Z" }, first: 10) { edges { cursor } } }`;
    assert.equal(estimate(q), 0);
  });
});
