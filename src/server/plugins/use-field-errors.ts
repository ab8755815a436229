/**
 * Appends the errors resolvers reported beside data they still returned (`ctx.fieldErrors`) to the result's `errors`,
 * so that a partial answer is also a visible error.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';

/** Options of useFieldErrors (none yet; kept for the plugin convention). */
export type FieldErrorsPluginOptions = Record<string, never>;

/** Reports `ctx.fieldErrors` in the response. */
export function useFieldErrors(_options: FieldErrorsPluginOptions = {}): Plugin<GatewayContext> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const reported = (args.contextValue as Partial<GatewayContext>).fieldErrors;
        if (!reported?.length || !result || Symbol.asyncIterator in result) return;
        setResult({ ...result, errors: [...(result.errors ?? []), ...reported] });
      },
    }),
  };
}
