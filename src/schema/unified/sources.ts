/** The unified connection's sources: every kind in input order, checked exactly as its per-service field checks them. */
import { InputError } from '../../upstream/errors.js';
import type { OperationInput } from '../../upstream/operation.js';
import { validateInput } from '../../upstream/validate.js';
import type { BoundedSource } from '../call-bounds.js';
import type { GatewayContext } from '../context.js';
import { codeCatalystEnvironmentSource } from '../services/codecatalyst.js';
import { deadlineJobSource, deadlineWorkerSource } from '../services/deadline.js';
import { novaActRunSource } from '../services/nova-act.js';
import { workSpacesWebPortalSource } from '../services/workspaces-web.js';
import { assertAllowed } from '../shared/access.js';
import { badUserInput } from '../shared/errors.js';
import type { SessionFilterValue, SessionOrderValue, SessionSourceKind } from '../shared/session-source.js';

/** Every source kind, in the order SessionSourcesInput lists them (the order SOURCE streams them in). */
export const SOURCE_KINDS: readonly SessionSourceKind<any>[] = [
  novaActRunSource, workSpacesWebPortalSource, deadlineJobSource, deadlineWorkerSource, codeCatalystEnvironmentSource,
];

/** One source of a request: its kind, its place in its list, what the client gave, and the upstream input. */
export interface ResolvedSource {
  kind: SessionSourceKind<any>;
  index: number;
  given: Record<string, unknown>;
  /** Undefined when the filter rules the source out: it is not called. */
  input: OperationInput | undefined;
  /** `deadlineJobs[1]`: how errors name it. */
  label: string;
}

/** Checks and lists the sources; throws BAD_USER_INPUT naming the field at fault. */
export function resolveSources(
  sources: Record<string, readonly Record<string, unknown>[] | null | undefined>,
  filter: SessionFilterValue,
  order: SessionOrderValue,
  ctx: GatewayContext,
): ResolvedSource[] {
  const out: ResolvedSource[] = [];
  for (const kind of SOURCE_KINDS) {
    (sources[kind.field] ?? []).forEach((given, index) => {
      const label = `${kind.field}[${index}]`;
      try {
        validateInput(kind.op, kind.input(given, {}, 'SOURCE')!);
      } catch (err) {
        if (err instanceof InputError) throw badUserInput(`sources.${label}.${err.argument}`, `sources.${label}.${err.message}`);
        throw err;
      }
      assertAllowed(ctx, kind.service, `sessions: sources.${label}`);
      out.push({ kind, index, given, input: kind.input(given, filter, order), label });
    });
  }
  if (out.length === 0) throw badUserInput('sources', 'sources must name at least one source');
  if (out.length > ctx.limits.maxSources) throw badUserInput('sources', `sources names ${out.length} sources; at most ${ctx.limits.maxSources} are allowed`);
  return out;
}

/** How the call bounds see a source of `kind` whose upstream input is `input` (undefined: not called). */
export function boundedSource(kind: SessionSourceKind<any>, input: OperationInput | undefined, order: SessionOrderValue): BoundedSource {
  return { pageLimit: kind.op.paging!.maxPageSize, called: input !== undefined, presorted: order !== 'SOURCE' && (kind.presorted?.(order) ?? false) };
}

/**
 * The sources of coerced `sessions` arguments as the call bounds see them, without checking them: the estimate runs
 * before the resolver, and a source the resolver will refuse costs nothing, so counting it keeps the bound an upper one.
 */
export function boundedSourcesOf(
  sources: Record<string, readonly Record<string, unknown>[] | null | undefined> | null | undefined,
  filter: SessionFilterValue,
  order: SessionOrderValue,
): BoundedSource[] {
  const out: BoundedSource[] = [];
  for (const kind of SOURCE_KINDS) {
    for (const given of sources?.[kind.field] ?? []) out.push(boundedSource(kind, kind.input(given, filter, order), order));
  }
  return out;
}
