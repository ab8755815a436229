/** Patterns and limits shared by several operations, as the service models state them. */
import type { MemberBinding } from '../operation.js';

/** `maxResults` in the query string, with the operation's own bounds. */
export const queryMaxResults = (max: number): MemberBinding => ({
  location: 'query', type: 'integer', min: 1, max,
});

/** `nextToken` in the query string. */
export const queryNextToken = (maxLength: number): MemberBinding => ({
  location: 'query', type: 'string', minLength: 1, maxLength,
});

/** A path label that must match the model's pattern whole. */
export const pathLabel = (pattern: string, describe: string, extra: Partial<MemberBinding> = {}): MemberBinding => ({
  location: 'path', type: 'string', required: true, pattern, describe, ...extra,
});

/** A Deadline resource ID: `<kind>-` followed by 32 lowercase hex digits. */
export const deadlineId = (kind: string): MemberBinding =>
  pathLabel(`${kind}-[0-9a-f]{32}`, `"${kind}-" followed by 32 lowercase hex digits`);
