/**
 * Resolves the unified `sessions` connection: streams sources in order (SOURCE) or merges them by start time, with
 * filters pushed down where the upstream can apply them and applied here otherwise. Sources that fail are reported
 * in `sourceErrors` and as GraphQL errors; the others' sessions are returned.
 */
import { GraphQLError, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import type { CallBudgetExhausted } from '../../pagination/call-budget.js';
import { bindingOf } from '../../pagination/cursor-codec.js';
import { CursorError } from '../../pagination/cursor-error.js';
import type { FetchedPage, PageRequest } from '../../pagination/fill-page.js';
import { buildConnection } from '../../pagination/connection.js';
import { fillSources, type SourceFailure } from '../../pagination/fill-sources.js';
import { SourceTooLargeError, mergeSorted, type SortKey } from '../../pagination/merge-sorted.js';
import { START, positionFromPayload, positionToPayload } from '../../pagination/position.js';
import { sessionsCallBounds } from '../call-bounds.js';
import type { GatewayContext } from '../context.js';
import { asGraphQL, badUserInput, budgetExhausted, toGraphQLError } from '../shared/errors.js';
import { checkFirst, type PagingArgs } from '../shared/list-connection.js';
import { hasFilter, type SessionFilterValue, type SessionOrderValue, type SourcedSession } from '../shared/session-source.js';
import type { AwsServiceName } from '../shared/session.js';
import { boundedSource, resolveSources, type ResolvedSource } from './sources.js';

/** A source that failed, as `sourceErrors` lists it. */
export interface SourceErrorShape {
  source: string;
  kind: string;
  index: number;
  service: AwsServiceName;
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
    const codec = ctx.cursors.bind(bindingOf('sessions', {
      sources: sources.map((s) => [s.kind.field, s.given]),
      filter: [filter.activeOnly ?? null, filter.startedAfter?.toISOString() ?? null, filter.startedBefore?.toISOString() ?? null],
      order,
    }));
    const bounds = sessionsCallBounds(sources.map((s) => boundedSource(s.kind, s.input, order)), {
      first, resumed: Boolean(args.after), filtered: hasFilter(filter), sorted: order !== 'SOURCE',
    }, ctx.limits);
    const keep = (s: ResolvedSource) => (session: SourcedSession) => matches(session, s, filter);
    const fetchFor = (s: ResolvedSource) => async (at: PageRequest): Promise<FetchedPage<SourcedSession>> => {
      const page = await ctx.loaders.page(s.kind.op, s.input!, at);
      return { items: page.items.map((item) => s.kind.toSession(item, s.given)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    };

    let edges: { payload: object; node: SourcedSession }[];
    let hasNextPage: boolean;
    let failures: SourceFailure[];
    let exhausted: CallBudgetExhausted | undefined;
    if (order === 'SOURCE') {
      const from = args.after ? streamPositionOf(codec.decode(args.after), sources.length) : { source: 0, at: START };
      const page = await fillSources({
        sources: sources.map((s, i) => ({
          fetch: fetchFor(s), minPageSize: s.kind.op.paging!.minPageSize, maxPageSize: s.kind.op.paging!.maxPageSize,
          maxCalls: bounds.perSource[i]!, empty: !s.input, ...(hasFilter(filter) ? { keep: keep(s) } : {}),
        })),
        first,
        from,
        maxCalls: bounds.total,
      });
      edges = page.edges.map((e) => ({ payload: { m: 's', i: e.after.source, ...positionToPayload(e.after.at) }, node: e.item }));
      ({ hasNextPage, failures, exhausted } = page);
    } else {
      const direction = order === 'STARTED_AT_ASC' ? 'asc' : 'desc';
      const page = await mergeSorted({
        sources: sources.map((s, i) => ({
          fetch: fetchFor(s),
          pageSize: s.kind.op.paging!.maxPageSize,
          maxCalls: bounds.perSource[i]!,
          empty: !s.input,
          key: (n: SourcedSession): SortKey => ({ t: n.startedAt ? n.startedAt.getTime() : null, s: n.service, k: n.nodeKey }),
          keep: keep(s),
          presorted: s.kind.presorted?.(order) ?? false,
          pastBound: (n: SourcedSession) => pastBound(n, filter, direction),
        })),
        first,
        direction,
        ...(args.after ? { after: sortKeyOf(codec.decode(args.after)) } : {}),
        itemCap: ctx.limits.maxItemsPerSource,
      });
      edges = page.edges.map((e) => ({ payload: { m: 't', ...e.key }, node: e.item }));
      ({ hasNextPage, failures, exhausted } = page);
    }

    const sourceErrors = failures.map(({ source, error }) => describeFailure(sources[source]!, error));
    for (const e of sourceErrors) {
      ctx.fieldErrors.push(new GraphQLError(`sessions: source ${e.source} failed: ${e.message}`, {
        path: responsePathAsArray(info.path),
        extensions: { code: e.code, source: e.source, service: e.service },
      }));
    }
    if (exhausted) ctx.fieldErrors.push(budgetExhausted(exhausted, responsePathAsArray(info.path)));
    const connection = buildConnection(edges, { codec, hasNextPage, resumed: Boolean(args.after), payloadOf: (e) => e.payload, nodeOf: (e) => e.node });
    return { ...connection, sourceErrors };
  }, ctx.cancellation);
}

/** The filter, applied in the gateway (what was pushed down upstream passes it anyway). */
function matches(session: SourcedSession, source: ResolvedSource, filter: SessionFilterValue): boolean {
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

function streamPositionOf(payload: Record<string, unknown>, count: number) {
  const { m, i, ...rest } = payload;
  if (m !== 's' || typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= count) throw new CursorError('malformed', 'is not a cursor this gateway issued');
  return { source: i, at: positionFromPayload(rest) };
}

function sortKeyOf(payload: Record<string, unknown>): SortKey {
  const { m, t, s, k } = payload;
  if (m !== 't' || !(t === null || (typeof t === 'number' && Number.isFinite(t))) || typeof s !== 'string' || typeof k !== 'string') {
    throw new CursorError('malformed', 'is not a cursor this gateway issued');
  }
  return { t, s, k };
}

function describeFailure(source: ResolvedSource, error: unknown): SourceErrorShape {
  const mapped = error instanceof SourceTooLargeError
    ? { code: 'SOURCE_TOO_LARGE', message: error.message }
    : (() => {
      const g = toGraphQLError(error);
      return g instanceof GraphQLError ? { code: String(g.extensions.code ?? 'INTERNAL_SERVER_ERROR'), message: g.message } : { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error' };
    })();
  return { source: source.label, kind: source.kind.field, index: source.index, service: source.kind.service, ...mapped };
}
