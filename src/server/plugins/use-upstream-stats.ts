/** Adds `extensions.upstream.calls` to every result: the upstream calls the request made, after de-duplication. */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';

/** Options of useUpstreamStats (none yet; kept for the plugin convention). */
export type UpstreamStatsPluginOptions = Record<string, never>;

/** Reports each request's upstream calls in the response's extensions. */
export function useUpstreamStats(_options: UpstreamStatsPluginOptions = {}): Plugin<GatewayContext> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const ctx = args.contextValue as Partial<GatewayContext>;
        if (!ctx.loaders || !result || Symbol.asyncIterator in result) return;
        setResult({ ...result, extensions: { ...result.extensions, upstream: { calls: ctx.loaders.calls } } });
      },
    }),
  };
}
