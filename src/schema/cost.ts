/**
 * The most upstream calls an operation can make, computed before it runs from its arguments coerced exactly as
 * execution will coerce them (variables with their defaults, a single value where a list is taken, @skip/@include,
 * fields merged by response key). Each field is charged its readers' call bounds (call-bounds.ts), so this is an
 * upper bound whatever the upstream answers, and the loaders refuse any call past it. It runs in time linear in the
 * document: fields are collected as execution collects them, each fragment once per selection set.
 */
import {
  getArgumentValues, getVariableValues, type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLSchema, Kind, getOperationAST,
} from 'graphql';
import { collectFields } from 'graphql/execution/collectFields.js';
import { parseNodeKey } from './shared/node-keys.js';
import { decodeGlobalIDLeniently } from './shared/global-ids.js';
import { listingCallBound, scanCallBound, sessionsCallBounds } from './call-bounds.js';
import type { ConnectionLimits } from './context.js';
import { hasFilter, type SessionFilterValue, type SessionOrderValue } from './shared/session-source.js';
import { boundedSourcesOf } from './unified/sources.js';
import { listingOf, nodeLoadOf } from './shared/upstream-cost.js';

/** What the estimate needs besides the document. */
export interface CostSettings {
  limits: ConnectionLimits;
}

/** The bound of an operation whose variables cannot be coerced: execution refuses it before any resolver runs. */
const REFUSED_BEFORE_EXECUTION = 0;

/** Most upstream calls of the operation `operationName` in `document` with the raw request `variables`. */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  settings: CostSettings,
): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  const root = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !root) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return REFUSED_BEFORE_EXECUTION;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;

  // Only root fields call upstream. Execution runs each response key once, with its first field node's arguments.
  let total = 0;
  for (const nodes of collectFields(schema, fragments, coerced.coerced, root, operation.selectionSet).values()) {
    const node = nodes[0]!;
    const definition = root.getFields()[node.name.value];
    if (!definition) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, node, coerced.coerced);
    } catch {
      continue; // execution fails this field before its resolver runs
    }
    total += fieldBound(schema, definition, args, settings.limits);
  }
  return total;
}

function fieldBound(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, limits: ConnectionLimits): number {
  const op = listingOf(field);
  if (op) return listingCallBound(firstOf(args.first, limits), args.after != null, op.paging!.maxPageSize, limits);
  if (field.name === 'node') return nodesBound(schema, [args.id], limits);
  if (field.name === 'nodes') return nodesBound(schema, Array.isArray(args.ids) ? args.ids : [], limits);
  if (field.name === 'sessions') return sessionsBound(args, limits);
  return 0;
}

/** `first` as the resolver reads it; out-of-range values are refused there, so any bound will do for them. */
function firstOf(first: unknown, limits: ConnectionLimits): number {
  if (typeof first !== 'number' || first < 0) return limits.defaultFirst;
  return Math.min(first, limits.maxFirst);
}

/** One call per ID of a service with GetSession; one listing scan per parent of a service without. */
function nodesBound(schema: GraphQLSchema, ids: readonly unknown[], limits: ConnectionLimits): number {
  let total = 0;
  const scanned = new Set<string>();
  for (const raw of ids) {
    if (typeof raw !== 'string') continue;
    const { typename, id } = decodeGlobalIDLeniently(raw);
    const load = nodeLoadOf(schema.getType(typename));
    if (load?.by === 'get') total += 1;
    else if (load?.by === 'scan') {
      const parts = parseNodeKey(id, load.key);
      const parent = parts instanceof Error ? id : JSON.stringify(load.key.slice(0, -1).map((k) => parts[k]));
      if (!scanned.has(`${typename}|${parent}`)) total += scanCallBound(limits);
      scanned.add(`${typename}|${parent}`);
    }
  }
  return total;
}

function sessionsBound(args: Record<string, unknown>, limits: ConnectionLimits): number {
  const filter = (args.filter ?? {}) as SessionFilterValue;
  const order = (args.orderBy ?? 'SOURCE') as SessionOrderValue;
  const sources = boundedSourcesOf(args.sources as never, filter, order);
  const first = firstOf(args.first, limits);
  return sessionsCallBounds(sources, { first, resumed: args.after != null, filtered: hasFilter(filter), sorted: order !== 'SOURCE' }, limits).total;
}
