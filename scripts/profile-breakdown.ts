/**
 * Where a CPU profile's time went, by part of the gateway. Each sample is charged to the nearest frame on its stack,
 * from the running function outwards, whose script belongs to a part: Node's internals (streams, crypto, timers) are
 * charged to whoever called them, so SHA-256 inside SigV4 is "signing", a socket write under pino is "logging".
 */

/** V8's profile format (Profiler.stop, or a .cpuprofile file). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Parts, in the order a stack is matched against them (the first part a frame belongs to wins). */
const PARTS: [string, RegExp][] = [
  ['metrics', /node_modules\/prom-client\/|\/dist\/server\/(metrics|plugins\/use-metrics)\.js/],
  ['tracing', /node_modules\/@opentelemetry\/|\/dist\/server\/plugins\/use-tracing\.js/],
  ['logging', /node_modules\/(pino|sonic-boom|thread-stream|fast-redact|@pinojs)|\/dist\/server\/(call-summary|plugins\/use-request-logging)\.js/],
  ['upstream: signing', /node_modules\/@smithy\/signature-v4\/|\/dist\/upstream\/(sign|hmac|credentials)\.js/],
  ['upstream: HTTP, retries, parsing', /\/dist\/upstream\/|node_modules\/(@smithy|@aws-sdk|opossum|p-limit|lru-cache)\//],
  ['pagination and cursors', /\/dist\/pagination\//],
  ['schema: resolvers, loaders', /\/dist\/schema\/|node_modules\/(@pothos|dataloader)\//],
  ['GraphQL execution', /node_modules\/(graphql|graphql-jit)\//],
  ['yoga and its plugins', /node_modules\/(graphql-yoga|@envelop|@graphql-yoga|@escape\.tech|@graphql-tools)\/|\/dist\/server\//],
  ['HTTP adapter (whatwg-node)', /node_modules\/@whatwg-node\//],
];

/** Frames of V8 itself rather than of a script. */
const VM_PARTS = new Map([['(garbage collector)', 'garbage collection'], ['(program)', 'V8 and native (unattributed)']]);

/** Milliseconds by part; idle time is left out. */
export function breakdown(profile: CpuProfile): { part: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map<number, string>();
  const classify = (id: number): string => {
    let part = partOf.get(id);
    if (part !== undefined) return part;
    const { functionName, url } = byId.get(id)!.callFrame;
    part = VM_PARTS.get(functionName) ?? (functionName === '(idle)' ? 'idle' : PARTS.find(([, re]) => re.test(url))?.[0]);
    if (part === undefined) {
      // Up to the root without an owner: Node's own machinery (the HTTP server, sockets, timers) called from libuv.
      const up = parent.get(id);
      part = up === undefined ? 'Node: HTTP server, sockets, timers' : classify(up);
    }
    partOf.set(id, part);
    return part;
  };
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const part = classify(id);
    ms.set(part, (ms.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  ms.delete('idle');
  const total = [...ms.values()].reduce((a, b) => a + b, 0);
  return [...ms.entries()].map(([part, t]) => ({ part, ms: t, share: t / total })).sort((a, b) => b.ms - a.ms);
}

/** V8's sampling allocation profile (HeapProfiler.stopSampling, or a .heapprofile file). */
export interface AllocationProfile {
  head: AllocationNode;
}
interface AllocationNode {
  id: number;
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: AllocationNode[];
}

/** An allocation profile in the CPU profile's form, each node's bytes as its "time", so that `breakdown` reads it. */
export function allocationsAsSamples(profile: AllocationProfile): CpuProfile {
  const out: CpuProfile = { nodes: [], samples: [], timeDeltas: [] };
  const visit = (node: AllocationNode) => {
    out.nodes.push({ id: node.id, callFrame: node.callFrame, children: node.children.map((c) => c.id) });
    if (node.selfSize > 0) {
      out.samples.push(node.id);
      out.timeDeltas.push(node.selfSize * 1000);
    }
    node.children.forEach(visit);
  };
  visit(profile.head);
  return out;
}
