/**
 * The unified connection's sources: every session source kind, then every discovery scope, in input order, each
 * checked exactly as its per-service field checks it.
 */
import { InputError } from '../../upstream/errors.js';
import type { OperationInput } from '../../upstream/operation.js';
import { DEFAULT_ACCOUNT, placeKey, samePlace, type Place } from '../../upstream/place.js';
import { validateInput } from '../../upstream/validate.js';
import type { BoundedSource } from '../call-bounds.js';
import type { ConnectionLimits, GatewayContext } from '../context.js';
import { codeCatalystEnvironmentSource } from '../services/codecatalyst.js';
import { deadlineJobSource, deadlineWorkerSource } from '../services/deadline.js';
import { novaActRunSource } from '../services/nova-act.js';
import { workSpacesWebPortalSource } from '../services/workspaces-web.js';
import { badUserInput } from '../shared/errors.js';
import { defaultPlace, placeOf } from '../shared/places.js';
import type { SessionFilterValue, SessionOrderValue, SessionSourceKind } from '../shared/session-source.js';
import type { AwsServiceName } from '../shared/session.js';
import { SCOPE_KINDS, SERVICE_SCOPES, coveredSources, type ScopeKind } from './scopes.js';

/** Every source kind, in the order SessionSourcesInput lists them (the order SOURCE streams them in). */
export const SOURCE_KINDS: readonly SessionSourceKind<any>[] = [
  novaActRunSource, workSpacesWebPortalSource, deadlineJobSource, deadlineWorkerSource, codeCatalystEnvironmentSource,
];

type SourcesArg = Record<string, readonly unknown[] | null | undefined>;

/** The fields of SessionSourcesInput that are not lists of sources: where every source without its own place is read. */
const PLACE_LISTS = ['regions', 'accounts'] as const;

/** One source of a request: its kind, its place in its list, what the client gave, and what to read. */
export interface ResolvedSource {
  /** The session source kind: the source's own, or the kind a scope discovers. */
  kind: SessionSourceKind<any>;
  /** The SessionSourcesInput field. */
  field: string;
  index: number;
  given: Record<string, unknown>;
  /** A session source's upstream input; undefined when the filter rules the source out (then it is not called). */
  input: OperationInput | undefined;
  /** A scope: the walk to its session sources. */
  scope?: ScopeKind;
  /** Another source of the request covers this one: it is read there, not here. */
  covered: boolean;
  /** `deadlineJobs[1]`: how errors name it (with its place, where that is not the service's default). */
  label: string;
  /** Where it is read. */
  place: Place;
}

/** Nothing of the source is read: it is covered by another, or the filter rules out all it could hold. */
export const isSkipped = (s: ResolvedSource, filter: SessionFilterValue, order: SessionOrderValue): boolean =>
  s.covered || (s.scope ? s.kind.input({}, filter, order) === undefined : s.input === undefined);

/** Checks and lists the sources; throws BAD_USER_INPUT naming the field at fault. */
export function resolveSources(sources: SourcesArg, filter: SessionFilterValue, order: SessionOrderValue, ctx: GatewayContext): ResolvedSource[] {
  const out: Omit<ResolvedSource, 'covered'>[] = [];
  const regions = (sources.regions ?? []) as string[];
  const accounts = (sources.accounts ?? []) as string[];
  // Each source in each place it names, or else in each of the lists' places (the default where a list is absent).
  const placesOf = (service: AwsServiceName, given: Record<string, unknown>, label: string): { given: Record<string, unknown>; places: Place[] } => {
    const { region, account, ...rest } = given as { region?: string | null; account?: string | null };
    // Each value with the argument an error would name.
    const rs: [string | null, string][] = region ?? null ? [[region!, `sources.${label}.region`]]
      : regions.length ? regions.map((r, i) => [r, `sources.regions[${i}]`]) : [[null, '']];
    // CodeCatalyst signs in with its token: an accounts list does not apply to it (its own `account` still must be default).
    const as: [string | null, string][] = account ?? null ? [[account!, `sources.${label}.account`]]
      : accounts.length && service !== 'CODECATALYST' ? accounts.map((a, i) => [a, `sources.accounts[${i}]`]) : [[null, '']];
    const places: Place[] = [];
    for (const [r, regionArg] of rs) {
      for (const [a, accountArg] of as) {
        const place = placeOf(ctx, service, { region: r, account: a }, { region: regionArg, account: accountArg, what: `sessions: sources.${label}` });
        if (!places.some((p) => samePlace(p, place))) places.push(place);
      }
    }
    return { given: rest, places };
  };
  const push = (s: Omit<ResolvedSource, 'covered' | 'label' | 'place'>, label: string, places: Place[], service: AwsServiceName) => {
    const home = defaultPlace(ctx, service);
    for (const place of places) out.push({ ...s, place, label: samePlace(place, home) ? label : `${label} in ${place.region}${place.account === DEFAULT_ACCOUNT ? '' : `, account ${place.account}`}` });
  };
  const check = (label: string, op: Parameters<typeof validateInput>[0], input: OperationInput) => {
    try {
      validateInput(op, input);
    } catch (err) {
      if (err instanceof InputError) throw badUserInput(`sources.${label}.${err.argument}`, `sources.${label}.${err.message}`);
      throw err;
    }
  };
  for (const kind of SOURCE_KINDS) {
    ((sources[kind.field] ?? []) as Record<string, unknown>[]).forEach((raw, index) => {
      const label = `${kind.field}[${index}]`;
      const { given, places } = placesOf(kind.service, raw, label);
      check(label, kind.op, kind.input(given, {}, 'SOURCE')!);
      push({ kind, field: kind.field, index, given, input: kind.input(given, filter, order) }, label, places, kind.service);
    });
  }
  for (const scope of SCOPE_KINDS) {
    ((sources[scope.field] ?? []) as Record<string, unknown>[]).forEach((raw, index) => {
      const label = `${scope.field}[${index}]`;
      const { given, places } = placesOf(scope.service, raw, label);
      check(label, scope.levels[0]!.op, scope.levels[0]!.input(given as Record<string, string>));
      push({ kind: scope.leaf, field: scope.field, index, given, input: undefined, scope }, label, places, scope.service);
    });
  }
  ((sources.services ?? []) as AwsServiceName[]).forEach((service, index) => {
    const label = `services[${index}]`;
    const { places } = placesOf(service, {}, label);
    const scope = SERVICE_SCOPES[service];
    push({ kind: scope.leaf, field: 'services', index, given: { service }, input: undefined, scope }, label, places, service);
  });
  if (out.length === 0) throw badUserInput('sources', 'sources must name at least one source');
  if (out.length > ctx.limits.maxSources) throw badUserInput('sources', `sources names ${out.length} sources; at most ${ctx.limits.maxSources} are allowed`);
  const covered = coveredSources(out.map((s) => ({ ...s, at: placeKey(s.place) })));
  return out.map((s, i) => ({ ...s, covered: covered[i]! }));
}

/** How the call bounds see a session source of `kind` whose upstream input is `input` (undefined: not called). */
export function boundedSource(kind: SessionSourceKind<any>, input: OperationInput | undefined, order: SessionOrderValue): BoundedSource {
  return { pageLimit: kind.op.paging!.maxPageSize, called: input !== undefined, presorted: order !== 'SOURCE' && (kind.presorted?.(order) ?? false) };
}

/**
 * The session sources of coerced `sessions` arguments as the call bounds see them, without checking them: the
 * estimate runs before the resolver, and a source the resolver will refuse costs nothing, so counting it keeps the
 * bound an upper one.
 */
export function boundedSourcesOf(sources: SourcesArg | null | undefined, filter: SessionFilterValue, order: SessionOrderValue): BoundedSource[] {
  const out: BoundedSource[] = [];
  for (const kind of SOURCE_KINDS) {
    for (const given of (sources?.[kind.field] ?? []) as Record<string, unknown>[]) {
      const bound = boundedSource(kind, kind.input(given, filter, order), order);
      for (let n = placeCount(sources, given, kind.service); n > 0; n--) out.push(bound);
    }
  }
  return out;
}

/** In how many places a source (or scope) is read, at most, before the places are checked. */
function placeCount(sources: SourcesArg | null | undefined, given: Record<string, unknown>, service: AwsServiceName): number {
  const listed = (field: (typeof PLACE_LISTS)[number]) => Math.max(1, sources?.[field]?.length ?? 0);
  const regions = given.region ?? null ? 1 : service === 'CODECATALYST' ? 1 : listed('regions');
  const accounts = given.account ?? null ? 1 : service === 'CODECATALYST' ? 1 : listed('accounts');
  return regions * accounts;
}

/**
 * The calls a `sessions` field may make for discovery: its scopes' parent listings and the session sources found
 * below them together, whatever their number (nobody can know it beforehand, so the field stops there instead).
 */
export function discoveryAllowance(sources: SourcesArg | null | undefined, limits: ConnectionLimits): number {
  // One allowance per place a scope is walked in: a walk in each of N regions lists N estates.
  let places = 0;
  for (const scope of SCOPE_KINDS) {
    for (const given of (sources?.[scope.field] ?? []) as Record<string, unknown>[]) places = Math.max(places, placeCount(sources, given, scope.service));
  }
  for (const service of (sources?.services ?? []) as AwsServiceName[]) places = Math.max(places, placeCount(sources, {}, service));
  return places * limits.callsPerDiscovery;
}
