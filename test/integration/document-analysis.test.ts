/**
 * Everything that runs before execution (parsing, armor's limits, validation, the cost estimate) is linear in the
 * document: the worst documents that fit the limits are answered in milliseconds, and every refusal has a code.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { DEFAULT_LIMITS } from '../helpers/limits.js';
import { stubUpstream } from '../helpers/stub-upstream.js';

const upstream = stubUpstream();
const yoga = createGateway({
  upstream, limits: DEFAULT_LIMITS, cursorSecret: 'analysis-test-secret-0123', upstreamLabel: 't', graphiql: false,
  logger: createLogger('silent'), protection: { rateLimit: { perSecond: 0, burst: 1 } },
});

async function ask(query: string) {
  const started = performance.now();
  const res = await yoga.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { ms: performance.now() - started, body };
}

/** `levels` fragments, each spreading the next `fan` times: fan^levels paths through a few kilobytes. */
const fan = (levels: number, width: number, name: string) => {
  const fragments = Array.from({ length: levels }, (_, i) =>
    `fragment F${i} on Query { ${i + 1 < levels ? Array(width).fill(`...F${i + 1}`).join(' ') : '__typename'} }`);
  return `query ${name} { ...F0 } ${fragments.join(' ')}`;
};

// Each fits the default limits (3000 tokens, depth 20, 15 aliases, 100 KB) and is as bad as its shape gets there.
const WORST: Record<string, (name: string) => string> = {
  'four levels of 100 spreads (the reported freeze)': (n) => fan(4, 100, n),
  'eleven levels of 120 spreads': (n) => fan(11, 120, n),
  'two levels of 1400 spreads': (n) => fan(2, 1400, n),
  'one fragment of 300 equal fields spread 300 times': (n) => `query ${n} { ...A } fragment A on Query { ${Array(300).fill('...B').join(' ')} } fragment B on Query { ${Array(300).fill('x: __typename').join(' ')} }`,
  '2900 equal fields (field merging compares pairs)': (n) => `query ${n} { ${Array(2900).fill('__typename').join(' ')} }`,
  '350 equal fields with arguments and selections': (n) => `query ${n} { ${Array(350).fill('node(id: "x") { id }').join(' ')} }`,
  'a resource-graph walk whose innermost fragment is spread 200 times': (n) => `query ${n} { deadlineFarms(first: 1) { edges { node { queues(first: 1) { edges { node { jobs(first: 1) { edges { node { ...A } } } } } } } } } } fragment A on DeadlineJob { ${Array(200).fill('...B').join(' ')} } fragment B on DeadlineJob { sessions(first: 1) { edges { node { job { queue { farm { displayName } } } worker { fleet { farm { farmId } } } } } } }`,
  'nested inline fragments with sessions at every level': (n) => `query ${n} { ${'... on Query { '.repeat(10)}${Array(15).fill(0).map((_, i) => `a${i}: node(id: "x") { id }`).join(' ')}${' }'.repeat(10)} }`,
};

describe('when a document is built to make analysis slow', () => {
  before(async () => {
    for (let i = 0; i < 20; i++) await ask(`query Warm${i} { __typename }`);
  });

  for (const [shape, make] of Object.entries(WORST)) {
    it(`then ${shape} is analysed in well under 500 ms`, async () => {
      // Three fresh copies (the parse cache is keyed by text); the fastest shows the cost of the work itself, the
      // slowest would only show how busy the machine was. Linear passes take a few ms here and the freeze took 19 s:
      // the bound sits far from both, so a busy machine does not fail it and a quadratic pass still does.
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { ms, body } = await ask(make(`Q${shape.length}x${i}`));
        assert.ok(body.data || body.errors?.every((e) => e.extensions?.code), JSON.stringify(body).slice(0, 300));
        times.push(ms);
      }
      assert.ok(Math.min(...times) < 500, `${shape}: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
    });
  }
});

describe('when a document passes a limit', () => {
  it('then each refusal names its code and the setting', async () => {
    const cases: [string, string, string][] = [
      [`{ ${Array(16).fill(0).map((_, i) => `a${i}: node(id: "x") { id }`).join(' ')} }`, 'QUERY_TOO_MANY_ALIASES', 'GATEWAY_MAX_ALIASES'],
      [`{ ${Array(3100).fill('__typename').join(' ')} }`, 'QUERY_TOO_MANY_TOKENS', 'GATEWAY_MAX_TOKENS'],
      [`{ ${Array(11).fill('__typename @include(if: true)').join(' ')} }`, 'QUERY_TOO_MANY_DIRECTIVES', 'maxDirectives'],
    ];
    for (const [query, code, setting] of cases) {
      const { body } = await ask(query);
      assert.equal(body.errors?.[0]?.extensions?.code, code, JSON.stringify(body));
      assert.equal(body.errors?.[0]?.extensions?.setting, setting);
    }
  });

  it('then a field nested past GATEWAY_MAX_DEPTH is QUERY_TOO_DEEP, while fragments do not count as levels', async () => {
    const spreadDeep = `query { ...F0 } ${Array.from({ length: 14 }, (_, i) => `fragment F${i} on Query { ${i < 13 ? `...F${i + 1}` : '__typename'} }`).join(' ')}`;
    assert.equal((await ask(spreadDeep)).body.errors, undefined, 'fourteen levels of fragments around one field');
    const tooDeep = `{ a: __type(name: "Query") ${'{ fields { type '.repeat(11)}{ name }${' } }'.repeat(11)} }`;
    const { body } = await ask(tooDeep);
    assert.equal(body.errors?.[0]?.extensions?.code, 'QUERY_TOO_DEEP', JSON.stringify(body));
    assert.equal(body.errors?.[0]?.extensions?.setting, 'GATEWAY_MAX_DEPTH');
  });
});
