/**
 * Enums in GraphQL style (`START_TIME_ASCENDING`) mapped to wire values (`StartTimeAscending`). A value the upstream
 * adds later is not in the schema: that field resolves to null with an UPSTREAM_UNKNOWN_ENUM_VALUE error naming the
 * value, and the rest of the response stays intact.
 *
 * `read` gives that error as a value rather than throwing it: graphql-js and graphql-jit both turn an Error in a
 * field's place (a shape's member, or what a resolver returns) into that field's error, extensions and all.
 */
import { GraphQLError } from 'graphql';
import type { EnumRef } from '@pothos/core';
import { builder } from '../builder.js';

/** Defines an enum whose GraphQL names map to the given wire values. */
export function wireEnum<const M extends Record<string, string>>(name: string, mapping: M, description: string) {
  const values = Object.fromEntries(Object.entries(mapping).map(([graphqlName, wire]) => [graphqlName, { value: wire }])) as {
    [K in keyof M]: { value: M[K] };
  };
  // Pothos infers enum names from literal types; the name here is a parameter, so the ref's type is stated. Its output
  // includes the field's error, which `read` may give in a value's place.
  const ref = builder.enumType(name as never, { description, values } as never) as unknown as EnumRef<typeof builder.$inferSchemaTypes, M[keyof M] | GraphQLError, M[keyof M]>;
  const known = new Set<string>(Object.values(mapping));
  /** The wire value when the schema knows it; otherwise the field's error. */
  const read = (value: unknown, field: string): M[keyof M] | GraphQLError | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' && known.has(value)) return value as M[keyof M];
    return new GraphQLError(`${field}: the upstream returned ${JSON.stringify(value)}, which ${name} does not list yet`, {
      extensions: { code: 'UPSTREAM_UNKNOWN_ENUM_VALUE', enum: name, value: String(value) },
    });
  };
  return { ref, read };
}
