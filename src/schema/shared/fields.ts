/**
 * Upstream fields as data: each GraphQL field of a resource (or of a structure inside one) is declared by its kind,
 * and read from the upstream record under the same name. A value of the wrong JSON type reads as null, so a field
 * the upstream left out or broke never passes for another type.
 */
import { GraphQLError } from 'graphql';
import { DateTime } from './scalars.js';

/** An enum made by wireEnum. */
export interface WireEnumLike {
  ref: unknown;
  read(value: unknown, field: string): string | GraphQLError | null;
}

/** What a field is: a scalar, an enum, a structure (object type), or a list of them. Nullable unless `required`. */
export type FieldKind =
  | { scalar: 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime'; list?: boolean; required?: boolean; description?: string }
  | { enum: WireEnumLike; required?: boolean; description?: string }
  | { object: unknown; list?: boolean; required?: boolean; read?: (value: unknown) => unknown; description?: string };

/** Shorthands for the common kinds. */
export const str = (extra: Partial<FieldKind> = {}): FieldKind => ({ scalar: 'String', ...extra } as FieldKind);
export const int = (extra: Partial<FieldKind> = {}): FieldKind => ({ scalar: 'Int', ...extra } as FieldKind);
export const float = (extra: Partial<FieldKind> = {}): FieldKind => ({ scalar: 'Float', ...extra } as FieldKind);
export const dateTime = (extra: Partial<FieldKind> = {}): FieldKind => ({ scalar: 'DateTime', ...extra } as FieldKind);
export const strings = (extra: Partial<FieldKind> = {}): FieldKind => ({ scalar: 'String', list: true, ...extra } as FieldKind);
export const enumOf = (e: WireEnumLike, extra: Partial<FieldKind> = {}): FieldKind => ({ enum: e, ...extra } as FieldKind);
export const objectOf = (ref: unknown, extra: Partial<FieldKind> = {}): FieldKind => ({ object: ref, ...extra } as FieldKind);

const SCALAR_CHECK: Record<string, (v: unknown) => boolean> = {
  String: (v) => typeof v === 'string',
  Int: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1,
  Float: (v) => typeof v === 'number' && Number.isFinite(v),
  Boolean: (v) => typeof v === 'boolean',
  DateTime: (v) => v instanceof Date,
};

/** The value of `kind` in `record` under `name`, or null (lists: the items of the right type). */
function readValue(kind: FieldKind, record: Record<string, unknown>, name: string): unknown {
  const raw = record[name];
  if (raw === undefined || raw === null) return null;
  if ('enum' in kind) return kind.enum.read(raw, name);
  if ('object' in kind) {
    const value = kind.read ? kind.read(raw) : raw;
    if (kind.list) return Array.isArray(value) ? value.filter((x) => x && typeof x === 'object') : null;
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  }
  const ok = SCALAR_CHECK[kind.scalar]!;
  if (kind.list) return Array.isArray(raw) ? raw.filter(ok) : null;
  return ok(raw) ? raw : null;
}

/** Pothos field definitions for `kinds`, each reading the record `recordOf` gives for the parent. */
export function upstreamFields<P>(t: any, kinds: Readonly<Record<string, FieldKind>>, recordOf: (parent: P) => Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(kinds)) {
    const type = 'enum' in kind ? kind.enum.ref : 'object' in kind ? kind.object : kind.scalar === 'DateTime' ? DateTime : kind.scalar;
    const list = 'enum' in kind ? false : Boolean(kind.list);
    out[name] = t.field({
      type: list ? [type] : type,
      nullable: kind.required ? false : list ? { list: true, items: false } : true,
      ...(kind.description ? { description: kind.description } : {}),
      resolve: (parent: P) => {
        const value = readValue(kind, recordOf(parent), name);
        if (value === null && kind.required) throw missing(name);
        return value;
      },
    });
  }
  return out;
}

const missing = (name: string) =>
  new GraphQLError(`${name}: the upstream did not return this required member`, { extensions: { code: 'UPSTREAM_BAD_RESPONSE' } });
