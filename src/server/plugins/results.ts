/** What the observing plugins (logging, metrics, tracing) read of a GraphQL result, read one way. */
import type { ExecutionResult } from 'graphql';

/** Each error's `extensions.code`; an error without one is the INTERNAL_SERVER_ERROR that masking makes of it. */
export const errorCodesOf = (result: ExecutionResult): string[] =>
  (result.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));

/** Calls `observe` with each single result yoga processes (a batch's members; no stream). */
export function forEachResult(result: unknown, observe: (single: ExecutionResult) => void): void {
  if (Array.isArray(result)) for (const r of result) observe(r as ExecutionResult);
  else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) observe(result as ExecutionResult);
}
