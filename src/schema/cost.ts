/**
 * The most upstream calls an operation can make, computed before it runs from its arguments coerced exactly as
 * execution will coerce them (variables with their defaults, a single value where a list is taken, @skip/@include,
 * fields merged by response key). Each field is charged its readers' call bounds (call-bounds.ts), and nesting
 * multiplies: a connection of `first` items pays its own calls plus `first` times what each item's selection costs.
 * A back-reference to a parent that every item of its listing shares (a job's sessions asking for their job) is one
 * call for the listing, as the request's record loader makes it; any other back-reference is one call per item. So
 * the estimate is an upper bound whatever the upstream answers, and the request's loaders refuse any call past it.
 * Each selection is costed once per (type, field nodes, shared keys), so the walk stays linear in the document.
 */
import {
  getArgumentValues, getNamedType, getVariableValues, isAbstractType, isObjectType, Kind, getOperationAST,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import type { OperationDescriptor } from '../upstream/operation.js';
import { checkMember } from '../upstream/validate.js';
import { parseNodeKey } from './shared/node-keys.js';
import { decodeGlobalIDLeniently } from './shared/global-ids.js';
import { listingCallBound, scanCallBound, sessionsCallBounds } from './call-bounds.js';
import type { ConnectionLimits } from './context.js';
import { hasFilter, type SessionFilterValue, type SessionOrderValue } from './shared/session-source.js';
import { boundedSourcesOf, discoveryAllowance } from './unified/sources.js';
import { firstProblem } from './shared/list-connection.js';
import { fixesOf, listingOf, nodeLoadOf, recordOf } from './shared/upstream-cost.js';

/** What the estimate needs besides the document. */
export interface CostSettings {
  limits: ConnectionLimits;
}

/** The bound of an operation whose variables cannot be coerced: execution refuses it before any resolver runs. */
const REFUSED_BEFORE_EXECUTION = 0;

/** What a selection on one object costs: per object, and once for all the objects of one listing that share keys. */
interface Cost {
  each: number;
  shared: number;
}
const FREE: Cost = { each: 0, shared: 0 };

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  limits: ConnectionLimits;
  memo: Map<string, Cost>;
  nodeIds: WeakMap<FieldNode, number>;
  lastNodeId: number;
  problems: ArgumentProblem[];
}

/**
 * A nested connection's argument that its resolver would refuse. Nested fields run only after their parents have
 * called upstream, so these are found here, before anything is sent, and the operation is refused whole.
 */
export interface ArgumentProblem {
  /** `DeadlineFarm.queues(first:)`: the field coordinate and the argument. */
  argument: string;
  message: string;
}

/** The estimate, and the nested arguments to refuse before execution. */
export interface CostAnalysis {
  calls: number;
  problems: ArgumentProblem[];
}

/** Most upstream calls of the operation `operationName` in `document` with the raw request `variables`. */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  settings: CostSettings,
): number {
  return analyseUpstreamCost(schema, document, operationName, variables, settings).calls;
}

/** The estimate, with the nested arguments that must be refused before any call. */
export function analyseUpstreamCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  settings: CostSettings,
): CostAnalysis {
  const problems: ArgumentProblem[] = [];
  const operation = getOperationAST(document, operationName ?? undefined);
  const root = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !root) return { calls: 0, problems };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return { calls: REFUSED_BEFORE_EXECUTION, problems };
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const walk: Walk = { schema, fragments, variables: coerced.coerced, limits: settings.limits, memo: new Map(), nodeIds: new WeakMap(), lastNodeId: 0, problems };

  // Execution runs each response key once, with its first field node's arguments.
  let total = 0;
  for (const nodes of collectFields(schema, fragments, coerced.coerced, root, operation.selectionSet).values()) {
    const definition = root.getFields()[nodes[0]!.name.value];
    if (!definition) continue;
    const args = argumentsOf(walk, definition, nodes[0]!);
    if (!args) continue;
    if (definition.name === 'node') total += nodesCost(walk, [args.id], nodes);
    else if (definition.name === 'nodes') total += nodesCost(walk, Array.isArray(args.ids) ? args.ids : [], nodes);
    else if (definition.name === 'sessions') total += sessionsCost(walk, args, nodes);
    else {
      const cost = fieldCost(walk, definition, args, nodes, [], null);
      total += cost.each + cost.shared;
    }
  }
  return { calls: total, problems };
}

/** The field's arguments as execution coerces them; undefined when execution fails the field before its resolver. */
function argumentsOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> | undefined {
  try {
    return getArgumentValues(field, node, walk.variables);
  } catch {
    return undefined;
  }
}

/**
 * What one field of `parent` costs on one object whose items share the keys `fixed`. Root fields (`parent` null)
 * check their own arguments in their resolvers; nested ones are checked here.
 */
function fieldCost(
  walk: Walk, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, nodes: readonly FieldNode[], fixed: readonly string[], parent: GraphQLObjectType | null,
): Cost {
  const op = listingOf(field);
  if (op) {
    if (parent) checkNestedArguments(walk, `${parent.name}.${field.name}`, op, args);
    const first = firstOf(args.first, walk.limits);
    const calls = listingCallBound(first, args.after != null, op.paging!.maxPageSize, walk.limits);
    const item = itemsCost(walk, field.type, nodes, fixesOf(field));
    return { each: calls + first * item.each + item.shared, shared: 0 };
  }
  const record = recordOf(field);
  if (record) {
    const shared = record.key.every((k) => fixed.includes(k));
    const inner = selectionCost(walk, field.type, nodes, shared ? [...new Set([...fixed, ...record.key])] : record.key);
    const cost = 1 + inner.each + inner.shared;
    return shared ? { each: 0, shared: cost } : { each: cost, shared: 0 };
  }
  // A structure inside an upstream record (no call of its own): what its own fields cost, per object.
  return selectionCost(walk, field.type, nodes, fixed);
}

/** Records what the nested listing's resolver would refuse: `first` out of bounds, or an argument the model forbids. */
function checkNestedArguments(walk: Walk, coordinate: string, op: OperationDescriptor, args: Record<string, unknown>): void {
  const where = (arg: string) => `${coordinate}(${arg}:)`;
  const first = firstProblem(args.first as number | null | undefined, walk.limits);
  if (first) walk.problems.push({ argument: where('first'), message: `${where('first')}: ${first}` });
  for (const [name, value] of Object.entries(args)) {
    const binding = op.members[name];
    if (!binding || name === 'nextToken' || name === 'maxResults' || value === null || value === undefined) continue;
    const problem = checkMember(binding, value as string | number);
    if (problem) walk.problems.push({ argument: where(name), message: `${where(name)}: ${name} ${problem}` });
  }
}

/** What the items of a connection cost: the `node` selections under every `edges` alias, each alias on its own. */
function itemsCost(walk: Walk, connectionType: GraphQLOutputType, nodes: readonly FieldNode[], fixed: readonly string[]): Cost {
  const connection = getNamedType(connectionType);
  if (!isObjectType(connection)) return FREE;
  const total = { each: 0, shared: 0 };
  for (const edgeNodes of subfields(walk, connection, nodes).values()) {
    if (edgeNodes[0]!.name.value !== 'edges') continue;
    const edge = getNamedType(connection.getFields()['edges']!.type) as GraphQLObjectType;
    for (const nodeNodes of subfields(walk, edge, edgeNodes).values()) {
      if (nodeNodes[0]!.name.value !== 'node') continue;
      const cost = selectionCost(walk, edge.getFields()['node']!.type, nodeNodes, fixed);
      total.each += cost.each;
      total.shared += cost.shared;
    }
  }
  return total;
}

/** What the selection of `nodes` costs on one value of `type` (an abstract type: its costliest possible type). */
function selectionCost(walk: Walk, type: GraphQLOutputType, nodes: readonly FieldNode[], fixed: readonly string[]): Cost {
  const named = getNamedType(type);
  if (!nodes.some((n) => n.selectionSet)) return FREE;
  if (isAbstractType(named)) {
    let worst = { ...FREE };
    for (const possible of walk.schema.getPossibleTypes(named)) {
      const cost = objectCost(walk, possible, nodes, fixed);
      worst = { each: Math.max(worst.each, cost.each), shared: Math.max(worst.shared, cost.shared) };
    }
    return worst;
  }
  return isObjectType(named) ? objectCost(walk, named, nodes, fixed) : FREE;
}

function objectCost(walk: Walk, type: GraphQLObjectType, nodes: readonly FieldNode[], fixed: readonly string[]): Cost {
  const key = `${type.name}|${fixed.join(',')}|${nodes.map((n) => idOf(walk, n)).join(',')}`;
  const known = walk.memo.get(key);
  if (known) return known;
  const total = { each: 0, shared: 0 };
  for (const fieldNodes of subfields(walk, type, nodes).values()) {
    const definition = type.getFields()[fieldNodes[0]!.name.value];
    if (!definition || !mayCall(definition.type)) continue;
    const args = argumentsOf(walk, definition, fieldNodes[0]!);
    if (!args) continue;
    const cost = fieldCost(walk, definition, args, fieldNodes, fixed, type);
    total.each += cost.each;
    total.shared += cost.shared;
  }
  walk.memo.set(key, total);
  return total;
}

/** Leaves never call upstream; only object-valued fields need walking. */
const mayCall = (type: GraphQLOutputType): boolean => {
  const named = getNamedType(type);
  return isObjectType(named) || isAbstractType(named);
};

function subfields(walk: Walk, type: GraphQLObjectType, nodes: readonly FieldNode[]) {
  return collectSubfields(walk.schema, walk.fragments, walk.variables, type, nodes as FieldNode[]);
}

/** A number per field node, so that a memo key names the exact nodes a selection merges. */
function idOf(walk: Walk, node: FieldNode): number {
  let id = walk.nodeIds.get(node);
  if (id === undefined) {
    id = ++walk.lastNodeId;
    walk.nodeIds.set(node, id);
  }
  return id;
}

/** `first` as the resolver reads it; out-of-range values are refused there, so any bound will do for them. */
function firstOf(first: unknown, limits: ConnectionLimits): number {
  if (typeof first !== 'number' || first < 0) return limits.defaultFirst;
  return Math.min(first, limits.maxFirst);
}

/**
 * One call per ID of a type with a Get operation, one listing scan per parent of a type without; plus what the
 * selection costs on each node found.
 */
function nodesCost(walk: Walk, ids: readonly unknown[], nodes: readonly FieldNode[]): number {
  let total = 0;
  const scanned = new Set<string>();
  for (const raw of ids) {
    if (typeof raw !== 'string') continue;
    const { typename, id } = decodeGlobalIDLeniently(raw);
    const type = walk.schema.getType(typename);
    const load = nodeLoadOf(type);
    if (!load || !isObjectType(type)) continue;
    if (load.by === 'get') total += 1;
    else {
      const parts = parseNodeKey(id, load.key);
      const parent = parts instanceof Error ? id : JSON.stringify([parts.place ?? null, ...load.key.slice(0, -1).map((k) => parts.ids[k])]);
      if (!scanned.has(`${typename}|${parent}`)) total += scanCallBound(walk.limits);
      scanned.add(`${typename}|${parent}`);
    }
    const cost = objectCost(walk, type, nodes, []);
    total += cost.each + cost.shared;
  }
  return total;
}

/** The unified connection's sources (and its discovery allowance), plus `first` times what the costliest session type's selection costs. */
function sessionsCost(walk: Walk, args: Record<string, unknown>, nodes: readonly FieldNode[]): number {
  const filter = (args.filter ?? {}) as SessionFilterValue;
  const order = (args.orderBy ?? 'SOURCE') as SessionOrderValue;
  const sources = boundedSourcesOf(args.sources as never, filter, order);
  const first = firstOf(args.first, walk.limits);
  const calls = sessionsCallBounds(sources, { first, resumed: args.after != null, filtered: hasFilter(filter), sorted: order !== 'SOURCE' }, walk.limits).total
    + discoveryAllowance(args.sources as never, walk.limits);
  const field = walk.schema.getQueryType()!.getFields()['sessions']!;
  // Sources differ in the keys their sessions share, so nothing counts as shared across the connection.
  const item = itemsCost(walk, field.type, nodes, []);
  return calls + first * (item.each + item.shared);
}

