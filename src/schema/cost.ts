/**
 * Estimates the upstream calls an operation will make, before it runs: a connection of `first: N` costs about
 * ceil((N + 1) / the upstream's page limit) calls (one more when it resumes mid-page), each alias counting on its own;
 * `node` costs one call and `nodes` one per ID; a unified `sessions` connection costs that for each source (and, in
 * start-time order, a configured number of pages for each source it must read to its end).
 */
import { Kind, getOperationAST, valueFromASTUntyped, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import {
  codeCatalystListDevEnvironmentSessions, deadlineListSessions, deadlineListSessionsForWorker, novaActListSessions, workSpacesWebListSessions,
} from '../upstream/operations/index.js';
import type { ConnectionLimits } from './context.js';
import { SOURCE_KINDS } from './unified/sources.js';

/** Page limits of the per-service connection fields. */
const CONNECTION_PAGE_LIMITS: Record<string, number> = {
  novaActSessions: novaActListSessions.paging!.maxPageSize,
  workSpacesWebSessions: workSpacesWebListSessions.paging!.maxPageSize,
  deadlineSessions: deadlineListSessions.paging!.maxPageSize,
  deadlineWorkerSessions: deadlineListSessionsForWorker.paging!.maxPageSize,
  codeCatalystDevEnvironmentSessions: codeCatalystListDevEnvironmentSessions.paging!.maxPageSize,
};

/** What the estimate needs besides the document. */
export interface CostSettings {
  limits: ConnectionLimits;
  /** Pages assumed for a source that a start-time order must read to its end. */
  pagesPerSortedSource: number;
}

/** Estimated upstream calls of the operation `operationName` in `document` with `variables`. */
export function estimateUpstreamCalls(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, settings: CostSettings): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation || operation.operation !== 'query') return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const vars = variables ?? {};

  const pages = (first: unknown, limit: number, resumes: boolean) => {
    const n = typeof first === 'number' && first >= 0 ? Math.min(first, settings.limits.maxFirst) : settings.limits.defaultFirst;
    return Math.ceil((n + 1) / limit) + (resumes ? 1 : 0);
  };

  const fieldCost = (name: string, args: Record<string, unknown>): number => {
    const limit = CONNECTION_PAGE_LIMITS[name];
    if (limit !== undefined) return pages(args.first, limit, Boolean(args.after));
    if (name === 'node') return 1;
    if (name === 'nodes') return Array.isArray(args.ids) ? args.ids.length : 1;
    if (name === 'sessions') return sessionsCost(args);
    return 0;
  };

  const sessionsCost = (args: Record<string, unknown>): number => {
    const sources = (args.sources ?? {}) as Record<string, unknown>;
    const order = (args.orderBy as string | undefined) ?? 'SOURCE';
    let total = 0;
    for (const kind of SOURCE_KINDS) {
      const list = sources[kind.field];
      const count = Array.isArray(list) ? list.length : 0;
      const limit = kind.op.paging!.maxPageSize;
      const perSource = order === 'SOURCE' || kind.presorted?.(order as never)
        ? pages(args.first, limit, Boolean(args.after))
        : settings.pagesPerSortedSource;
      total += count * perSource;
    }
    return total;
  };

  // Only root fields call upstream; fragments on Query are followed.
  const walk = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const args: Record<string, unknown> = {};
        for (const arg of selection.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value, vars);
        total += fieldCost(selection.name.value, args);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += walk(selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) total += walk(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
    return total;
  };
  return walk(operation.selectionSet, new Set());
}
