/**
 * The unified connection's sources: every session source kind, then every discovery scope, in input order, each
 * checked exactly as its per-service field checks it.
 */
import { InputError } from '../../upstream/errors.js';
import type { OperationInput } from '../../upstream/operation.js';
import { validateInput } from '../../upstream/validate.js';
import type { BoundedSource } from '../call-bounds.js';
import type { ConnectionLimits, GatewayContext } from '../context.js';
import { codeCatalystEnvironmentSource } from '../services/codecatalyst.js';
import { deadlineJobSource, deadlineWorkerSource } from '../services/deadline.js';
import { novaActRunSource } from '../services/nova-act.js';
import { workSpacesWebPortalSource } from '../services/workspaces-web.js';
import { assertAllowed } from '../shared/access.js';
import { badUserInput } from '../shared/errors.js';
import type { SessionFilterValue, SessionOrderValue, SessionSourceKind } from '../shared/session-source.js';
import type { AwsServiceName } from '../shared/session.js';
import { SCOPE_KINDS, SERVICE_SCOPES, coveredSources, type ScopeKind } from './scopes.js';

/** Every source kind, in the order SessionSourcesInput lists them (the order SOURCE streams them in). */
export const SOURCE_KINDS: readonly SessionSourceKind<any>[] = [
  novaActRunSource, workSpacesWebPortalSource, deadlineJobSource, deadlineWorkerSource, codeCatalystEnvironmentSource,
];

type SourcesArg = Record<string, readonly unknown[] | null | undefined>;

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
  /** `deadlineJobs[1]`: how errors name it. */
  label: string;
}

/** Nothing of the source is read: it is covered by another, or the filter rules out all it could hold. */
export const isSkipped = (s: ResolvedSource, filter: SessionFilterValue, order: SessionOrderValue): boolean =>
  s.covered || (s.scope ? s.kind.input({}, filter, order) === undefined : s.input === undefined);

/** Checks and lists the sources; throws BAD_USER_INPUT naming the field at fault. */
export function resolveSources(sources: SourcesArg, filter: SessionFilterValue, order: SessionOrderValue, ctx: GatewayContext): ResolvedSource[] {
  const out: Omit<ResolvedSource, 'covered'>[] = [];
  const check = (label: string, op: Parameters<typeof validateInput>[0], input: OperationInput) => {
    try {
      validateInput(op, input);
    } catch (err) {
      if (err instanceof InputError) throw badUserInput(`sources.${label}.${err.argument}`, `sources.${label}.${err.message}`);
      throw err;
    }
  };
  for (const kind of SOURCE_KINDS) {
    ((sources[kind.field] ?? []) as Record<string, unknown>[]).forEach((given, index) => {
      const label = `${kind.field}[${index}]`;
      check(label, kind.op, kind.input(given, {}, 'SOURCE')!);
      assertAllowed(ctx, kind.service, `sessions: sources.${label}`);
      out.push({ kind, field: kind.field, index, given, input: kind.input(given, filter, order), label });
    });
  }
  for (const scope of SCOPE_KINDS) {
    ((sources[scope.field] ?? []) as Record<string, unknown>[]).forEach((given, index) => {
      const label = `${scope.field}[${index}]`;
      check(label, scope.levels[0]!.op, scope.levels[0]!.input(given as Record<string, string>));
      assertAllowed(ctx, scope.service, `sessions: sources.${label}`);
      out.push({ kind: scope.leaf, field: scope.field, index, given, input: undefined, scope, label });
    });
  }
  ((sources.services ?? []) as AwsServiceName[]).forEach((service, index) => {
    const label = `services[${index}]`;
    assertAllowed(ctx, service, `sessions: sources.${label}`);
    const scope = SERVICE_SCOPES[service];
    out.push({ kind: scope.leaf, field: 'services', index, given: { service }, input: undefined, scope, label });
  });
  if (out.length === 0) throw badUserInput('sources', 'sources must name at least one source');
  if (out.length > ctx.limits.maxSources) throw badUserInput('sources', `sources names ${out.length} sources; at most ${ctx.limits.maxSources} are allowed`);
  const covered = coveredSources(out);
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
    for (const given of (sources?.[kind.field] ?? []) as Record<string, unknown>[]) out.push(boundedSource(kind, kind.input(given, filter, order), order));
  }
  return out;
}

/**
 * The calls a `sessions` field may make for discovery: its scopes' parent listings and the session sources found
 * below them together, whatever their number (nobody can know it beforehand, so the field stops there instead).
 */
export function discoveryAllowance(sources: SourcesArg | null | undefined, limits: ConnectionLimits): number {
  const scoped = [...SCOPE_KINDS.map((s) => s.field), 'services'].some((f) => (sources?.[f]?.length ?? 0) > 0);
  return scoped ? limits.callsPerDiscovery : 0;
}
