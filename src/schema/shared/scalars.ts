/** `DateTime`: an ISO-8601 instant in UTC with milliseconds, whatever form the upstream sent it in. */
import { Kind } from 'graphql';
import { builder } from '../builder.js';
import { isoString } from './iso-string.js';

const parse = (value: unknown): Date => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new TypeError('DateTime must be an ISO-8601 date-time with a time zone, e.g. 2026-10-01T08:00:00.000Z');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError('DateTime is not a valid instant');
  return date;
};

export const DateTime = builder.scalarType('DateTime', {
  description: 'An instant, written as ISO-8601 in UTC with milliseconds, e.g. 2026-10-01T08:00:00.000Z.',
  serialize: (value) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError('DateTime cannot represent a non-date');
    return isoString(value);
  },
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string');
    return parse(ast.value);
  },
});
