/**
 * Prints how many upstream calls discovery makes on the sandbox estate, with and without pruning: the figures the
 * README states for `sessions(sources: {services: [DEADLINE]}, filter: {activeOnly: true}, first: 50)`.
 */
import { startHarness, type GraphQLResponse } from '../test/helpers/harness.js';

const QUERY = `query($after: String) {
  sessions(sources: { services: [DEADLINE] }, filter: { activeOnly: true }, first: 50, after: $after) {
    edges { node { sessionId } } pageInfo { hasNextPage endCursor } } }`;

/** Pages the query to its end; the figures of each page. */
async function run(limits: { pruneDiscovery: boolean; callsPerDiscovery?: number }) {
  const h = await startHarness({ limits, gateway: { protection: { costBudget: 10_000 } } as never });
  try {
    const pages: { sessions: number; calls: number; byOperation: Record<string, number> }[] = [];
    let after: string | null = null;
    for (;;) {
      h.resetRequests();
      const res: GraphQLResponse = await h.query(QUERY, { after });
      const byOperation: Record<string, number> = {};
      for (const r of h.sandbox.requests) byOperation[r.operation!] = (byOperation[r.operation!] ?? 0) + 1;
      const c = res.data.sessions as { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      pages.push({ sessions: c.edges.length, calls: h.upstreamRequests(), byOperation });
      if (!c.pageInfo.hasNextPage || pages.length >= 50) return pages;
      after = c.pageInfo.endCursor;
    }
  } finally {
    await h.close();
  }
}

for (const pruneDiscovery of [true, false]) {
  for (const callsPerDiscovery of [undefined, 1000]) {
    const pages = await run({ pruneDiscovery, ...(callsPerDiscovery ? { callsPerDiscovery } : {}) });
    const setting = `pruning ${pruneDiscovery ? 'on ' : 'off'}, GATEWAY_COST_CALLS_PER_DISCOVERY=${callsPerDiscovery ?? '40 (default)'}`;
    console.log(`${setting}: ${pages.length} page(s)`);
    for (const [i, p] of pages.entries()) console.log(`  page ${i + 1}: ${p.sessions} sessions, ${p.calls} calls ${JSON.stringify(p.byOperation)}`);
  }
}
