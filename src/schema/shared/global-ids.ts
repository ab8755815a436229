/**
 * Global IDs as `node` and `nodes` read them. Pothos refuses a malformed ID while it maps the arguments, before any
 * resolver runs: the whole field fails without an error code, and for the non-null `nodes` so does the whole response.
 * Here such an ID is decoded to a marker instead, and the resolvers answer it with BAD_USER_INPUT on its own entry.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError, isObjectType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { badUserInput } from './errors.js';

/** A decoded global ID. */
export interface GlobalID {
  typename: string;
  id: string;
}

/** Not a GraphQL name, so no type has it. */
const UNREADABLE = '';

/** Decodes `globalID` as Pothos does, but never throws: an ID that is not one decodes to a type no node has. */
export function decodeGlobalIDLeniently(globalID: string): GlobalID {
  try {
    const { typename, id } = decodeGlobalID(globalID);
    return { typename, id: String(id) };
  } catch {
    return { typename: UNREADABLE, id: globalID };
  }
}

/** Whether `type` is an object type that implements Node: one whose values a global ID finds again. */
export const isNodeType = (type: GraphQLNamedType | null | undefined): type is GraphQLObjectType =>
  isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');

/** The error for an ID that names no node type of `schema` (unreadable, or of another type), else undefined. */
export function unknownNodeError(id: GlobalID, schema: GraphQLSchema, argument: 'id' | 'ids', index?: number): GraphQLError | undefined {
  const type = id.typename === UNREADABLE ? undefined : schema.getType(id.typename);
  if (isNodeType(type)) return undefined;
  const where = index === undefined ? argument : `${argument}[${index}]`;
  return badUserInput(argument, `${where}: not a global ID this gateway issued`);
}

/** A node's error as an entry of `nodes`: an error blamed on argument `id` is blamed on `ids[index]`. */
export function asEntryOfIds<T>(value: T, index: number): T | GraphQLError {
  if (!(value instanceof GraphQLError) || value.extensions['argument'] !== 'id') return value;
  return badUserInput('ids', `ids[${index}]${value.message.replace(/^id(?=:)/, '')}`);
}
