/** An upstream client for tests that need none, or only one of its methods: empty pages and records, nothing sent. */
import type { UpstreamClient } from '../../src/upstream/call.js';

export function stubUpstream(parts: Partial<UpstreamClient> = {}): UpstreamClient {
  return { list: async () => ({ items: [] }), get: async () => ({}), health: () => [], close: () => undefined, ...parts };
}
