/**
 * Resolves the unified `sessions` connection: streams sources in order (SOURCE) or merges them by start time, with
 * filters pushed down where the upstream can apply them and applied here otherwise. Sources that fail are reported
 * in `sourceErrors` and as GraphQL errors; the others' sessions are returned.
 */
import { GraphQLError, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import { CallAllowance, type CallBudgetExhausted } from '../../pagination/call-budget.js';
import { TooManySourcesError } from '../../pagination/discovery.js';
import { bindingOf } from '../../pagination/cursor-codec.js';
import { CursorError } from '../../pagination/cursor-error.js';
import { buildConnection } from '../../pagination/connection.js';
import { fillSources, type StreamEntry, type StreamPosition, type StreamSource } from '../../pagination/fill-sources.js';
import { SourceTooLargeError, mergeSorted, type SortKey } from '../../pagination/merge-sorted.js';
import { START, positionFromPayload, positionToPayload, type PagePosition } from '../../pagination/position.js';
import { placeKey } from '../../upstream/place.js';
import { listingCallBound, sessionsCallBounds } from '../call-bounds.js';
import type { GatewayContext } from '../context.js';
import { asGraphQL, badUserInput, budgetExhausted, toGraphQLError } from '../shared/errors.js';
import { checkFirst, type PagingArgs } from '../shared/list-connection.js';
import { hasFilter, type SessionFilterValue, type SessionOrderValue, type SourcedSession } from '../shared/session-source.js';
import type { AwsServiceName } from '../shared/session.js';
import { allLeaves, leafFetch, streamLeaves, type DiscoveryContext, type Leaf } from './discovered-sources.js';
import { boundedSource, discoveryAllowance, isSkipped, resolveSources, type ResolvedSource } from './sources.js';

/** A source that failed, as `sourceErrors` lists it. */
export interface SourceErrorShape {
  source: string;
  kind: string;
  index: number;
  service: AwsServiceName;
  region: string;
  account: string;
  code: string;
  message: string;
}

/** What the resolver returns: a Relay connection plus the failed sources. */
export interface SessionConnectionShape {
  edges: { cursor: string; node: SourcedSession }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  sourceErrors: SourceErrorShape[];
}

/** Arguments of `sessions`. */
export interface SessionsArgs extends PagingArgs {
  sources: Record<string, readonly Record<string, unknown>[] | null | undefined>;
  filter?: SessionFilterValue | null;
  orderBy?: SessionOrderValue | null;
}

/** Resolves `sessions(...)`. */
export function resolveSessions(ctx: GatewayContext, args: SessionsArgs, info: GraphQLResolveInfo): Promise<SessionConnectionShape> {
  return asGraphQL(async () => {
    const first = checkFirst(args.first, ctx);
    const order = args.orderBy ?? 'SOURCE';
    const filter = args.filter ?? {};
    if (filter.startedAfter && filter.startedBefore && filter.startedAfter.getTime() >= filter.startedBefore.getTime()) {
      throw badUserInput('filter.startedAfter', 'filter.startedAfter must be earlier than filter.startedBefore');
    }
    const sources = resolveSources(args.sources, filter, order, ctx);
    const filterKey = [filter.activeOnly ?? null, filter.startedAfter?.toISOString() ?? null, filter.startedBefore?.toISOString() ?? null];
    // A source in its service's default place is bound as it was before places existed: cursors minted then resume.
    const bound = sources.map((s) => (s.place.home ? [s.field, s.given] : [s.field, s.given, placeKey(s.place)]));
    const codec = ctx.cursors.bind(bindingOf('sessions', { sources: bound, filter: filterKey, order }));
    const explicit = sources.filter((s) => !s.scope);
    const resumed = Boolean(args.after);
    const filtered = hasFilter(filter);
    const bounds = sessionsCallBounds(explicit.map((s) => boundedSource(s.kind, s.covered ? undefined : s.input, order)), {
      first, resumed, filtered, sorted: order !== 'SOURCE',
    }, ctx.limits);
    const boundOf = new Map(explicit.map((s, i) => [s, bounds.perSource[i]!]));
    // A field that discovers may make its sources' bounds plus the discovery allowance, counted where calls are made.
    const discovery = discoveryAllowance(args.sources, ctx.limits);
    const allowance = new CallAllowance(discovery > 0 ? bounds.total + discovery : Number.POSITIVE_INFINITY,
      `sessions has made all ${bounds.total + discovery} upstream calls it may make (its sources' bounds plus GATEWAY_COST_CALLS_PER_DISCOVERY); continue from endCursor`);
    const plan: Plan = {
      ctx, sources, filter, order, first, resumed, filtered, discovery, boundOf, totalBound: bounds.total, allowance,
      after: args.after ? codec.decode(args.after) : undefined,
      keep: (leaf) => (session) => matches(session, leaf, filter),
    };
    const { edges, hasNextPage, failures, exhausted, endPayload } = order === 'SOURCE' ? await inSourceOrder(plan) : await byStartTime(plan);

    const sourceErrors = failures.map(describeFailure);
    for (const e of sourceErrors) {
      ctx.fieldErrors.push(new GraphQLError(`sessions: source ${e.source} failed: ${e.message}`, {
        path: responsePathAsArray(info.path),
        extensions: { code: e.code, source: e.source, service: e.service },
      }));
    }
    if (exhausted) ctx.fieldErrors.push(budgetExhausted(exhausted, responsePathAsArray(info.path)));
    const connection = buildConnection(edges, {
      codec, hasNextPage, resumed, payloadOf: (e) => e.payload, nodeOf: (e) => e.node, ...(endPayload ? { endPayload } : {}),
    });
    return { ...connection, sourceErrors };
  }, ctx.cancellation);
}

/** What both orders need to read the sources (discovery's context among it). */
interface Plan extends DiscoveryContext {
  sources: ResolvedSource[];
  first: number;
  resumed: boolean;
  filtered: boolean;
  /** The discovery allowance (0: no scopes). */
  discovery: number;
  /** Each explicit source's call bound, and theirs together. */
  boundOf: Map<ResolvedSource, number>;
  totalBound: number;
  /** The decoded `after` cursor. */
  after: Record<string, unknown> | undefined;
  keep: (leaf: Leaf) => (session: SourcedSession) => boolean;
}

/** A page of either order, before it becomes a connection. */
interface ReadPage {
  edges: { payload: object; node: SourcedSession }[];
  hasNextPage: boolean;
  failures: Failure[];
  exhausted?: CallBudgetExhausted | undefined;
  endPayload?: object | undefined;
}

/** SOURCE order: the sources one after another, scopes discovered lazily; the cursor is the stream position. */
async function inSourceOrder(p: Plan): Promise<ReadPage> {
  const { ctx, sources, filter, order, first, resumed, filtered, allowance } = p;
  const from = p.after ? streamPositionOf(p.after, sources.length) : { source: 0, at: START };
  const listing = (leaf: Leaf, maxCalls: number): StreamSource<SourcedSession> => ({
    fetch: leafFetch(ctx, leaf, allowance), minPageSize: leaf.kind.op.paging!.minPageSize, maxPageSize: leaf.kind.op.paging!.maxPageSize,
    maxCalls, empty: !leaf.input, ...(filtered ? { keep: p.keep(leaf) } : {}),
  });
  const page = await fillSources<SourcedSession>({
    sources: sources.map((s): StreamEntry<SourcedSession> => (s.scope
      ? {
        scope: true, empty: isSkipped(s, filter, order),
        leaves: (path) => streamLeaves(s, p, path, (leaf) => listing(leaf, listingCallBound(first, resumed, leaf.kind.op.paging!.maxPageSize, ctx.limits, filtered))),
      }
      : { ...listing(s, p.boundOf.get(s)!), empty: isSkipped(s, filter, order) })),
    first,
    from,
    maxCalls: p.discovery > 0 ? Number.POSITIVE_INFINITY : p.totalBound,
    maxDiscovered: ctx.limits.maxDiscoveredSources,
  });
  const payloadOf = (at: StreamPosition) => ({ m: 's', i: at.source, ...positionToPayload(at.at), ...(at.path ? { p: at.path.map((x) => [x.token, x.size, x.offset]) } : {}) });
  return {
    edges: page.edges.map((e) => ({ payload: payloadOf(e.after), node: e.item })),
    hasNextPage: page.hasNextPage,
    failures: page.failures.map((f) => ({ origin: sources[f.source]!, error: f.error, ...(f.label ? { label: f.label } : {}) })),
    exhausted: page.exhausted,
    endPayload: p.discovery > 0 && page.stoppedAt && page.stoppedAt !== page.edges.at(-1)?.after ? payloadOf(page.stoppedAt) : undefined,
  };
}

/** Start-time orders: every scope discovered first, then all sources merged; the cursor is the sort key. */
async function byStartTime(p: Plan): Promise<ReadPage> {
  const { ctx, sources, filter, order, first, allowance } = p;
  const direction = order === 'STARTED_AT_ASC' ? 'asc' : 'desc';
  const merged: { origin: ResolvedSource; leaf: Leaf; maxCalls: number }[] = [];
  const failures: Failure[] = [];
  let discovered = 0;
  for (const s of sources) {
    if (!s.scope) {
      merged.push({ origin: s, leaf: s, maxCalls: p.boundOf.get(s)! });
      continue;
    }
    if (isSkipped(s, filter, order)) continue;
    // Each scope counts against its own copy of what is left (a scope that failed may still be listing), and a
    // scope that failed gives its count back.
    const limit = { max: ctx.limits.maxDiscoveredSources - discovered, found: 0 };
    try {
      const leaves = await allLeaves(s, p, limit);
      discovered += limit.found;
      for (const found of leaves) {
        if (found.leaf) merged.push({ origin: s, leaf: found.leaf, maxCalls: sortedCallBound(found.leaf, first, order, ctx) });
        else failures.push({ origin: s, label: found.label, error: found.error });
      }
    } catch (error) {
      // The limit the walk saw is what was left of the setting; the error names the setting itself.
      failures.push({ origin: s, error: error instanceof TooManySourcesError ? new TooManySourcesError(ctx.limits.maxDiscoveredSources) : error });
    }
  }
  const page = await mergeSorted({
    sources: merged.map(({ leaf, origin, maxCalls }) => ({
      fetch: leafFetch(ctx, leaf, allowance),
      pageSize: leaf.kind.op.paging!.maxPageSize,
      maxCalls,
      empty: origin.covered || !leaf.input,
      key: (n: SourcedSession): SortKey => ({ t: n.startedAt ? n.startedAt.getTime() : null, s: n.service, k: n.nodeKey }),
      keep: p.keep(leaf),
      presorted: leaf.kind.presorted?.(order) ?? false,
      pastBound: (n: SourcedSession) => pastBound(n, filter, direction),
    })),
    first,
    direction,
    ...(p.after ? { after: sortKeyOf(p.after) } : {}),
    itemCap: ctx.limits.maxItemsPerSource,
  });
  for (const f of page.failures) {
    const { origin, leaf } = merged[f.source]!;
    failures.push({ origin, error: f.error, ...(origin.scope ? { label: leaf.label } : {}) });
  }
  return { edges: page.edges.map((e) => ({ payload: { m: 't', ...e.key }, node: e.item })), hasNextPage: page.hasNextPage, failures, exhausted: page.exhausted };
}

/** A discovered leaf's bound in a start-time order: as many pages as an explicit source of its kind may read. */
function sortedCallBound(leaf: Leaf, first: number, order: SessionOrderValue, ctx: GatewayContext): number {
  const [bound] = sessionsCallBounds([boundedSource(leaf.kind, leaf.input, order)], { first, resumed: false, filtered: false, sorted: true }, ctx.limits).perSource;
  return bound!;
}

/** The filter, applied in the gateway (what was pushed down upstream passes it anyway). */
function matches(session: SourcedSession, source: Leaf, filter: SessionFilterValue): boolean {
  if (filter.activeOnly && source.kind.isActive(session) === false) return false;
  const t = session.startedAt?.getTime();
  if (filter.startedAfter && !(t !== undefined && t > filter.startedAfter.getTime())) return false;
  if (filter.startedBefore && !(t !== undefined && t < filter.startedBefore.getTime())) return false;
  return true;
}

/** In a start-time-sorted listing, whether every later item lies outside the time bounds too. */
function pastBound(session: SourcedSession, filter: SessionFilterValue, direction: 'asc' | 'desc'): boolean {
  const t = session.startedAt?.getTime();
  if (t === undefined) return false;
  if (direction === 'desc' && filter.startedAfter) return t <= filter.startedAfter.getTime();
  if (direction === 'asc' && filter.startedBefore) return t >= filter.startedBefore.getTime();
  return false;
}

function streamPositionOf(payload: Record<string, unknown>, count: number): StreamPosition {
  const { m, i, p, ...rest } = payload;
  if (m !== 's' || typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= count) throw new CursorError('malformed', 'is not a cursor this gateway issued');
  if (p === undefined) return { source: i, at: positionFromPayload(rest) };
  if (!Array.isArray(p) || p.length === 0 || p.length > MAX_DEPTH || !p.every((x) => Array.isArray(x) && x.length === 3)) {
    throw new CursorError('malformed', 'is not a cursor this gateway issued');
  }
  const path = p.map(([t, s, o]) => positionFromPayload({ t, s, o }) as PagePosition);
  return { source: i, path, at: positionFromPayload(rest) };
}

/** The deepest walk of any scope (a service down to its session sources). */
const MAX_DEPTH = 3;

function sortKeyOf(payload: Record<string, unknown>): SortKey {
  const { m, t, s, k } = payload;
  if (m !== 't' || !(t === null || (typeof t === 'number' && Number.isFinite(t))) || typeof s !== 'string' || typeof k !== 'string') {
    throw new CursorError('malformed', 'is not a cursor this gateway issued');
  }
  return { t, s, k };
}

/** A failed source, or a failed listing found below a scope (`label` then names it). */
interface Failure {
  origin: ResolvedSource;
  error: unknown;
  label?: string;
}

function describeFailure({ origin, error, label }: Failure): SourceErrorShape {
  const mapped = error instanceof SourceTooLargeError || error instanceof TooManySourcesError
    ? { code: 'SOURCE_TOO_LARGE', message: error.message }
    : (() => {
      const g = toGraphQLError(error);
      return g instanceof GraphQLError ? { code: String(g.extensions.code ?? 'INTERNAL_SERVER_ERROR'), message: g.message } : { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error' };
    })();
  return { source: label ?? origin.label, kind: origin.field, index: origin.index, service: origin.kind.service, region: origin.place.region, account: origin.place.account, ...mapped };
}
