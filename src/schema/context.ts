/** The per-request GraphQL context: shared clients plus this request's own DataLoaders. */
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import { CallBudgetExhausted } from '../pagination/call-budget.js';
import type { CursorCodec } from '../pagination/cursor-codec.js';
import type { PageRequest } from '../pagination/fill-page.js';
import type { CallOptions, UpstreamClient } from '../upstream/call.js';
import type { Cancellation } from '../upstream/cancel.js';
import type { ListPage, OperationDescriptor, OperationInput } from '../upstream/operation.js';
import { callKey } from '../upstream/call-key.js';
import type { Place, PlaceSettings } from '../upstream/place.js';
import type { Grant } from '../config.js';

/** Bounds every connection obeys. */
export interface ConnectionLimits {
  defaultFirst: number;
  maxFirst: number;
  /** Upstream calls one connection field may make to fill its page (per source, in the unified connection). */
  maxCallsPerConnection: number;
  /** Sources one unified `sessions` connection may name. */
  maxSources: number;
  /** Items read from one source to sort it by start time, in one request. */
  maxItemsPerSource: number;
  /** Pages a start-time order may read of one source in one request (the cost estimate charges as many). */
  pagesPerSortedSource: number;
  /** Upstream calls one `sessions` field may make to discover sources below its scopes and read them. */
  callsPerDiscovery: number;
  /** Session sources one `sessions` field may discover in one request. */
  maxDiscoveredSources: number;
  /** Whether discovery skips parents that cannot hold a session the filter keeps (pruning.ts). */
  pruneDiscovery: boolean;
}

/** Loads upstream pages and records; identical requests within one GraphQL request are made once. */
export interface RequestLoaders {
  /** The upstream page `at` names (its token and size) of the listing `input` describes, in `place`. */
  page(op: OperationDescriptor, input: OperationInput, at: PageRequest, place: Place): Promise<ListPage>;
  record(op: OperationDescriptor, input: OperationInput, place: Place): Promise<Record<string, unknown>>;
  /** Upstream calls this request has sent (after de-duplication; calls refused before sending do not count). */
  readonly calls: number;
  /** Pages and records this request read from the page cache, with no call sent. */
  readonly cachedPages: number;
  /** The most calls this request may send (its cost estimate): a call past it is refused with CallBudgetExhausted. */
  limitCalls(allowance: number): void;
}

/** What every resolver receives. */
export interface GatewayContext {
  upstream: UpstreamClient;
  loaders: RequestLoaders;
  /** Stops this request's pending upstream calls: when the client goes away, or the deadline's cutoff passes. */
  cancellation: Cancellation;
  cursors: CursorCodec;
  limits: ConnectionLimits;
  /** Errors to report beside data that is still returned (a failed source of the unified connection). */
  fieldErrors: GraphQLError[];
  /** The regions and accounts clients may name. */
  places: PlaceSettings;
  /** Who is asking; absent when client authentication is off. `grants` absent: everything. */
  principal?: { id: string; grants?: readonly Grant[] };
}

interface Key {
  op: OperationDescriptor;
  input: OperationInput;
  place: Place;
}

const keyOf = ({ op, input, place }: Key) => callKey(op, input, place);

/** Fresh loaders for one GraphQL request; never share them across requests. */
export function createRequestLoaders(upstream: UpstreamClient, requestOptions: CallOptions = {}): RequestLoaders {
  let calls = 0;
  let cachedPages = 0;
  let allowance = Number.POSITIVE_INFINITY;
  const callOptions: CallOptions = {
    ...requestOptions,
    onCached: () => {
      cachedPages++;
    },
    admit: () => {
      if (calls >= allowance) throw new CallBudgetExhausted(allowance);
      calls++;
    },
  };
  const options = { cacheKeyFn: keyOf };
  // Each key gets its own call's promise, which DataLoader's per-key promise adopts: a batch never waits for its
  // slowest call, so one hung service does not hold the others' pages back.
  // Made when first used: most requests list pages and never load a record, and some make no upstream call at all.
  let pages: DataLoader<Key, ListPage, string> | undefined;
  let records: DataLoader<Key, Record<string, unknown>, string> | undefined;
  const pagesLoader = () => (pages ??= new DataLoader(
    async (keys) => keys.map((k) => upstream.list(k.op, k.input, { ...callOptions, place: k.place })) as unknown as ListPage[],
    options,
  ));
  const recordsLoader = () => (records ??= new DataLoader(
    async (keys) => keys.map((k) => upstream.get(k.op, k.input, { ...callOptions, place: k.place })) as unknown as Record<string, unknown>[],
    options,
  ));
  return {
    page: (op, input, { token, size }, place) => pagesLoader().load({
      op,
      input: { ...input, ...(op.paging?.sized === false ? {} : { maxResults: size }), ...(token ? { nextToken: token } : {}) },
      place,
    }),
    record: (op, input, place) => recordsLoader().load({ op, input, place }),
    get calls() {
      return calls;
    },
    get cachedPages() {
      return cachedPages;
    },
    limitCalls: (n) => {
      allowance = n;
    },
  };
}
