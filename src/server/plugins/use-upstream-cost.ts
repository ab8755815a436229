/**
 * Protects the account's API quotas: estimates each operation's upstream calls before it runs, refuses it with
 * QUERY_TOO_EXPENSIVE (and the estimate) when over the budget, and reports `extensions.upstream` on every result:
 * `{ estimatedCalls, budget, calls }`, the last being the calls really made after de-duplication.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import { estimateUpstreamCalls, type CostSettings } from '../../schema/cost.js';

/** Options of useUpstreamCost. */
export interface UpstreamCostPluginOptions extends CostSettings {
  /** Most estimated upstream calls one operation may cost. */
  budget: number;
}

/** Estimates, enforces and reports upstream cost. */
export function useUpstreamCost(options: UpstreamCostPluginOptions): Plugin<GatewayContext> {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const estimatedCalls = estimateUpstreamCalls(args.document, args.operationName, args.variableValues, options);
      const ctx = args.contextValue as Partial<GatewayContext>;
      if (estimatedCalls > options.budget) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`This operation would make about ${estimatedCalls} upstream calls; the budget is ${options.budget}. Ask for fewer sessions (first), fewer aliases or fewer sources.`, {
            extensions: { code: 'QUERY_TOO_EXPENSIVE', estimatedCalls, budget: options.budget },
          })],
          extensions: { upstream: { estimatedCalls, budget: options.budget, calls: 0 } },
        });
        return undefined;
      }
      return {
        onExecuteDone: ({ result, setResult }) => {
          if (!result || Symbol.asyncIterator in result) return;
          const upstream = { estimatedCalls, budget: options.budget, calls: ctx.loaders?.calls ?? 0 };
          setResult({ ...result, extensions: { ...result.extensions, upstream } });
        },
      };
    },
  };
}
