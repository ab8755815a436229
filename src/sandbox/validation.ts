/** The sandbox's input checks, worded as the services word their ValidationExceptions; shared by every route. */
import { validation } from './sandbox-error.js';

export const DL = (kind: string) => new RegExp(`^${kind}-[0-9a-f]{32}$`);
export const NOVA_NAME = /^[a-zA-Z0-9_-]{1,40}$/;
export const UUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const ID36 = /^[a-zA-Z0-9-]{36}$/;
export const CC_NAME = /^(?=.{3,63}$)[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

/** The value, when it matches `re`; a ValidationException naming `name` otherwise. */
export function must(value: string | undefined, re: RegExp, name: string): string {
  if (value === undefined || !re.test(value)) throw validation(`1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${re.source}`);
  return value;
}

/** Path labels, each checked against its pattern. */
export function labels(params: Record<string, string>, rules: Record<string, RegExp>): Record<string, string> {
  return Object.fromEntries(Object.entries(rules).map(([name, re]) => [name, must(params[name], re, name)]));
}

/** The value when absent or one of `allowed`; a ValidationException naming `name` otherwise. */
export function oneOf(value: unknown, allowed: readonly string[], name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) throw validation(`Value '${String(value)}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value;
}
