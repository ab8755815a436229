/**
 * Turns a scope of the unified connection into session sources: the walk's levels read through the request's
 * loaders (so a `sessions` beside a graph query pays for each page once), counted against the field's allowance,
 * and each leaf made into the same session source an explicit one would be.
 */
import type { CallAllowance } from '../../pagination/call-budget.js';
import { discoverAll, walk, type Discovered, type DiscoveryLevel } from '../../pagination/discovery.js';
import type { FetchedPage, PageRequest } from '../../pagination/fill-page.js';
import type { ScopeLeaf, StreamSource } from '../../pagination/fill-sources.js';
import type { PagePosition } from '../../pagination/position.js';
import type { OperationInput } from '../../upstream/operation.js';
import type { Place } from '../../upstream/place.js';
import type { GatewayContext } from '../context.js';
import type { SessionFilterValue, SessionOrderValue, SessionSourceKind, SourcedSession } from '../shared/session-source.js';
import type { Ids } from './scopes.js';
import type { ResolvedSource } from './sources.js';

/** A session listing to read: explicit, or found below a scope. */
export interface Leaf {
  kind: SessionSourceKind<any>;
  given: Record<string, unknown>;
  /** Undefined when the filter rules it out. */
  input: OperationInput | undefined;
  /** How errors name it. */
  label: string;
  /** Where it is read: a scope's leaves where the scope is. */
  place: Place;
}

/** What a scope's discovery needs from the request. */
export interface DiscoveryContext {
  ctx: GatewayContext;
  filter: SessionFilterValue;
  order: SessionOrderValue;
  allowance: CallAllowance;
}

/** Reads pages of a leaf's listing as sessions, through the request's loaders and the field's allowance. */
export function leafFetch(ctx: GatewayContext, leaf: Leaf, allowance?: CallAllowance): (at: PageRequest) => Promise<FetchedPage<SourcedSession>> {
  const fetch = async (at: PageRequest): Promise<FetchedPage<SourcedSession>> => {
    const page = await ctx.loaders.page(leaf.kind.op, leaf.input!, at, leaf.place);
    return { items: page.items.map((item) => leaf.kind.toSession(item, leaf.given, leaf.place)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  };
  return allowance ? allowance.counted(fetch) : fetch;
}

function levelsOf(source: ResolvedSource, d: DiscoveryContext): DiscoveryLevel<Ids>[] {
  return source.scope!.levels.map((spec) => ({
    pageSize: spec.op.paging!.maxPageSize,
    fetch: d.allowance.counted((parent: Ids, at: PageRequest) => d.ctx.loaders.page(spec.op, spec.input(parent), at, source.place)),
    child: (parent, item) => spec.child(parent, item as Record<string, unknown>, d.filter, d.ctx.limits.pruneDiscovery),
  }));
}

/** Where a scope's walk starts: the IDs it was given (a whole service starts from none). */
const rootOf = (source: ResolvedSource): Ids => (source.scope!.field === 'services' ? {} : (source.given as Ids));

const idsOf = (ids: Ids) => Object.values(ids).join('/');

/** A leaf found below `source`, or the failed listing, with the label errors give it. */
function labelled(source: ResolvedSource, found: Discovered<Ids>, d: DiscoveryContext): { label: string; leaf?: Leaf; error?: unknown } {
  if ('failed' in found) {
    const op = source.scope!.levels[found.path.length - 1]!.op;
    return { label: `${source.label}: ${op.name}${found.failed && Object.keys(found.failed).length ? ` of ${idsOf(found.failed)}` : ''}`, error: found.error };
  }
  const label = `${source.label}: ${source.kind.field} ${idsOf(found.leaf)}`;
  return { label, leaf: { kind: source.kind, given: found.leaf, input: source.kind.input(found.leaf, d.filter, d.order), label, place: source.place } };
}

/** The scope's leaves in SOURCE order from `from` on, lazily: what fillSources reads. */
export async function* streamLeaves(
  source: ResolvedSource, d: DiscoveryContext, from: readonly PagePosition[] | undefined,
  toSource: (leaf: Leaf) => StreamSource<SourcedSession>,
): AsyncGenerator<ScopeLeaf<SourcedSession>> {
  for await (const found of walk(levelsOf(source, d), rootOf(source), from)) {
    const { label, leaf, error } = labelled(source, found, d);
    yield leaf ? { path: found.path, label, source: toSource(leaf) } : { path: found.path, label, error };
  }
}

/** Every leaf of the scope (start-time orders), or the listings that failed; throws past the discovery limit. */
export async function allLeaves(source: ResolvedSource, d: DiscoveryContext, limit: { max: number; found: number }): Promise<{ label: string; leaf?: Leaf; error?: unknown }[]> {
  const found = await discoverAll(levelsOf(source, d), rootOf(source), limit);
  return found.map((f) => labelled(source, f, d));
}
